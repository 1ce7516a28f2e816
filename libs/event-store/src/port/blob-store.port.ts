/**
 * Where the bytes of documents attached to complaints live (docs/documents.md): beside the
 * event store, never in it (an event stays small and hashable; a photo does not). The events
 * carry each document's SHA-256, so a reader checks the bytes it gets against the record.
 * Adapters: the filesystem under DATA_DIR (the embedded default) and any S3-compatible store
 * (libs/adapters/blob-store); every adapter runs the one contract suite (@complaints/testing).
 */
export interface BlobStore {
  /** Which adapter this is, for logs: 'filesystem' | 's3'. */
  readonly kind: string;
  /**
   * Store the bytes under the key, durably before resolving; a reader sees the whole of them or
   * nothing, never part. Putting the same key again replaces the bytes (content-addressed keys
   * put the same bytes again).
   */
  put(key: string, bytes: Buffer): Promise<void>;
  /** The bytes under the key, or null when there are none. */
  get(key: string): Promise<Buffer | null>;
  /** Remove the bytes for good. Idempotent: deleting a key that is not there is not an error. */
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
}

/** Segments of letters, digits, '.', '_' or '-' (never '.' or '..' alone), joined by '/': safe as a file path and as an object key. */
const KEY = /^(?!\.{1,2}(?:\/|$))[A-Za-z0-9._-]{1,128}(?:\/(?!\.{1,2}(?:\/|$))[A-Za-z0-9._-]{1,128}){0,7}$/;

export class InvalidBlobKeyError extends Error {
  constructor(readonly key: string) {
    super(`Not a blob key: ${JSON.stringify(key)} (segments of letters, digits, ".", "_" or "-", joined by "/")`);
    this.name = 'InvalidBlobKeyError';
  }
}

/** Every adapter checks its keys with this, so a key never escapes its root (no '..', no absolute path). */
export function assertBlobKey(key: string): void {
  if (!KEY.test(key)) throw new InvalidBlobKeyError(key);
}
