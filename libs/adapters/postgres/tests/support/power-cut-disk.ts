import fs from 'node:fs';
import { join, relative, sep } from 'node:path';

/**
 * A model of "what the disk holds" for a power-cut test, kept beside the real files of one
 * directory tree while PGlite works on them in this process.
 *
 * THE MODEL: a file's contents reach the disk only when it is synced (fsync/fdatasync on any of
 * its descriptors): writes since its last sync are lost in a power cut, in full; its contents as
 * of that sync survive. What is under `root` when `start()` is called counts as on disk (a quiet
 * machine has written everything back). Names — files created, renamed, removed — are taken as
 * they stand at the instant of the cut; contents follow the file (its inode) through renames.
 * Kinder than a real disk in one respect only: it keeps names without a directory fsync, so what it
 * tests is the data path: the WAL, pg_control and the data files.
 *
 * It watches PGlite through Node's `fs` module object, which Emscripten's NODEFS calls for every
 * open, write, truncate and close, and the embedded store's fsync calls for every sync. A plain
 * copy of the files would read the page cache instead, which is not the disk.
 */
export class PowerCutDisk {
  private readonly baseline = new Map<number, Buffer>();
  private readonly synced = new Map<number, FileImage>();
  private readonly pending = new Map<number, PendingOp[]>();
  private readonly inodeOfFd = new Map<number, number>();
  private readonly restore: Array<() => void> = [];
  private readonly original = {
    openSync: fs.openSync,
    writeFileSync: fs.writeFileSync,
    closeSync: fs.closeSync,
    writeSync: fs.writeSync,
    ftruncateSync: fs.ftruncateSync,
    truncateSync: fs.truncateSync,
    fsyncSync: fs.fsyncSync,
    fdatasyncSync: fs.fdatasyncSync,
    fstatSync: fs.fstatSync,
  };

  /** `onOperation` runs after each write or sync of a file under `root`: it may `cutTo` there and then. */
  constructor(
    private readonly root: string,
    private readonly onOperation: () => void = () => undefined,
  ) {}

  start(): void {
    for (const path of walk(this.root)) {
      if (fs.lstatSync(path).isFile()) this.baseline.set(fs.lstatSync(path).ino, fs.readFileSync(path));
    }
    const o = this.original;
    this.patch('openSync', ((path: fs.PathLike, flags: fs.OpenMode, mode?: fs.Mode | null) => {
      const watched = typeof path === 'string' && this.isUnderRoot(path);
      const existed = watched && fs.existsSync(path);
      const fd = o.openSync(path, flags, mode);
      if (watched) {
        const inode = o.fstatSync(fd).ino;
        if (!existed) this.forget(inode);
        this.inodeOfFd.set(fd, inode);
      }
      return fd;
    }) as typeof fs.openSync);
    // NODEFS creates files with writeFileSync(path, ''): a new file, maybe on a reused inode number.
    this.patch('writeFileSync', ((
      path: fs.PathOrFileDescriptor,
      data: string | NodeJS.ArrayBufferView,
      options?: fs.WriteFileOptions,
    ) => {
      const watched = typeof path === 'string' && this.isUnderRoot(path);
      const existed = watched && fs.existsSync(path);
      o.writeFileSync(path, data, options);
      if (!watched) return;
      const inode = fs.lstatSync(path).ino;
      if (!existed) this.forget(inode);
      const bytes =
        typeof data === 'string' ? Buffer.from(data) : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
      this.queue(inode, { kind: 'truncate', length: 0 });
      if (bytes.length > 0) this.queue(inode, { kind: 'write', position: 0, bytes: Buffer.from(bytes) });
    }) as typeof fs.writeFileSync);
    this.patch('closeSync', ((fd: number) => {
      this.inodeOfFd.delete(fd);
      o.closeSync(fd);
    }) as typeof fs.closeSync);
    this.patch('writeSync', ((fd: number, buffer: NodeJS.ArrayBufferView | string, ...rest: unknown[]) => {
      const written = (o.writeSync as (...args: unknown[]) => number)(fd, buffer, ...rest);
      const inode = this.inodeOfFd.get(fd);
      if (inode !== undefined) {
        const [offset, , position] = rest as [
          number | undefined,
          number | undefined,
          number | bigint | null | undefined,
        ];
        if (typeof buffer === 'string' || (typeof position !== 'number' && typeof position !== 'bigint')) {
          throw new Error(
            'PowerCutDisk: a write without an explicit position or from a string; the model cannot place it',
          );
        }
        const bytes = Buffer.from(buffer.buffer, buffer.byteOffset + (offset ?? 0), written);
        this.queue(inode, { kind: 'write', position: Number(position), bytes: Buffer.from(bytes) });
        this.onOperation();
      }
      return written;
    }) as typeof fs.writeSync);
    this.patch('ftruncateSync', ((fd: number, length?: number) => {
      o.ftruncateSync(fd, length);
      const inode = this.inodeOfFd.get(fd);
      if (inode !== undefined) this.queue(inode, { kind: 'truncate', length: length ?? 0 });
    }) as typeof fs.ftruncateSync);
    this.patch('truncateSync', ((path: fs.PathLike, length?: number) => {
      o.truncateSync(path, length);
      if (typeof path === 'string' && this.isUnderRoot(path))
        this.queue(fs.lstatSync(path).ino, { kind: 'truncate', length: length ?? 0 });
    }) as typeof fs.truncateSync);
    const sync = (name: 'fsyncSync' | 'fdatasyncSync') =>
      ((fd: number) => {
        o[name](fd);
        const inode = this.inodeOfFd.get(fd) ?? this.inodeOfPathlessFd(fd);
        if (inode !== undefined) {
          this.applyPending(inode);
          this.onOperation();
        }
      }) as typeof fs.fsyncSync;
    this.patch('fsyncSync', sync('fsyncSync'));
    this.patch('fdatasyncSync', sync('fdatasyncSync'));
  }

  /** Put `fs` back as it was. */
  stop(): void {
    this.restore
      .splice(0)
      .reverse()
      .forEach((undo) => undo());
  }

  /**
   * The power cut: write what the disk holds at this instant into `target` (a fresh directory),
   * synchronously, so nothing else runs in between.
   */
  cutTo(target: string): void {
    fs.mkdirSync(target, { recursive: true });
    for (const path of walk(this.root)) {
      const destination = join(target, relative(this.root, path));
      const stat = fs.lstatSync(path);
      if (stat.isDirectory()) fs.mkdirSync(destination, { recursive: true });
      else if (stat.isFile())
        fs.writeFileSync(
          destination,
          this.synced.get(stat.ino)?.contents() ?? this.baseline.get(stat.ino) ?? Buffer.alloc(0),
        );
    }
  }

  /** A new file: nothing of it is on disk yet, whatever an earlier file with this inode number held. */
  private forget(inode: number): void {
    this.baseline.delete(inode);
    this.synced.delete(inode);
    this.pending.delete(inode);
  }

  private queue(inode: number, op: PendingOp): void {
    const ops = this.pending.get(inode) ?? [];
    ops.push(op);
    this.pending.set(inode, ops);
  }

  private applyPending(inode: number): void {
    let image = this.synced.get(inode);
    if (!image) {
      image = new FileImage(this.baseline.get(inode) ?? Buffer.alloc(0));
      this.synced.set(inode, image);
    }
    for (const op of this.pending.get(inode) ?? []) {
      if (op.kind === 'write') image.write(op.position, op.bytes);
      else image.truncate(op.length);
    }
    this.pending.delete(inode);
  }

  /** A descriptor opened outside our watch (the embedded store's directory sync opens its own). */
  private inodeOfPathlessFd(fd: number): number | undefined {
    try {
      const target = fs.readlinkSync(`/proc/self/fd/${fd}`);
      return this.isUnderRoot(target) ? this.original.fstatSync(fd).ino : undefined;
    } catch {
      return undefined;
    }
  }

  private isUnderRoot(path: string): boolean {
    return path === this.root || path.startsWith(`${this.root}${sep}`);
  }

  private patch<K extends keyof typeof this.original>(name: K, replacement: (typeof this.original)[K]): void {
    const before = fs[name];
    (fs as unknown as Record<string, unknown>)[name] = replacement;
    this.restore.push(() => {
      (fs as unknown as Record<string, unknown>)[name] = before;
    });
  }
}

type PendingOp = { kind: 'write'; position: number; bytes: Buffer } | { kind: 'truncate'; length: number };

/** A file's bytes, growable without copying on every write (WAL segments are written 8 kB at a time). */
class FileImage {
  private buffer: Buffer;
  private length: number;

  constructor(initial: Buffer) {
    this.buffer = Buffer.from(initial);
    this.length = initial.length;
  }

  write(position: number, bytes: Buffer): void {
    const end = position + bytes.length;
    if (end > this.buffer.length) {
      const grown = Buffer.alloc(Math.max(end, this.buffer.length * 2));
      this.buffer.copy(grown, 0, 0, this.length);
      this.buffer = grown;
    }
    if (position > this.length) this.buffer.fill(0, this.length, position);
    bytes.copy(this.buffer, position);
    this.length = Math.max(this.length, end);
  }

  truncate(length: number): void {
    if (length > this.length) this.write(this.length, Buffer.alloc(length - this.length));
    this.length = length;
  }

  contents(): Buffer {
    return this.buffer.subarray(0, this.length);
  }
}

/** Every directory and file under `root` (root included), parents before children. */
function walk(root: string): string[] {
  const found: string[] = [root];
  for (const entry of fs.readdirSync(root, { withFileTypes: true })) {
    const path = join(root, entry.name);
    if (entry.isDirectory()) found.push(...walk(path));
    else found.push(path);
  }
  return found;
}
