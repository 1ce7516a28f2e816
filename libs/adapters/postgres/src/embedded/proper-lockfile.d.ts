// The part of proper-lockfile 4.1.2's API the data-directory lock uses (the package ships no types).
declare module 'proper-lockfile' {
  interface LockOptions {
    stale?: number;
    update?: number;
    realpath?: boolean;
    retries?: number;
    lockfilePath?: string;
    onCompromised?: (error: Error) => void;
  }
  export function lock(file: string, options?: LockOptions): Promise<() => Promise<void>>;
}
