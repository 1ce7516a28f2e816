import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { KekUnavailableError, type KeyEncryption, type KeyEncryptionFor } from '../port/key-encryption.port';
import { isKekId, KEK_BYTES, kekIdOfWrapped, newKekId, unwrapWithKek, wrapWithKek } from './wrapped-key-format';

const KEK_SUFFIX = '.kek';

/**
 * The KEKs of each database in `KEYS_DIR/kek/<store id>/`: the adapter a deployment gets when
 * its KEKs are files (a local directory, or a mounted secret volume shared by every instance).
 */
export function fileKeyEncryption(keysDir: string): KeyEncryptionFor {
  const opened = new Map<string, FileKeyEncryption>();
  return (storeId) => {
    if (!/^[0-9a-f-]{36}$/.test(storeId)) throw new RangeError(`not a store id: ${storeId}`);
    let kek = opened.get(storeId);
    if (!kek) opened.set(storeId, (kek = new FileKeyEncryption(join(keysDir, 'kek', storeId))));
    return kek;
  };
}

/**
 * KEKs as files in one directory (`KEYS_DIR/kek/<store id>/`), one per KEK id (`<id>.kek`, 32 random bytes, mode 0600, the
 * directory 0700). Several processes may share the directory (a mounted secret volume): a
 * process that meets a KEK id it does not hold re-reads the directory before giving up.
 *
 * A KEK is written to a temporary file, fsynced, renamed into place and the directory fsynced,
 * so after a crash it is either whole or absent. Destroying overwrites the file with random
 * bytes, fsyncs, unlinks and fsyncs the directory: what is left is only what the file system
 * or the disk keeps of deleted blocks (out of scope, docs/data-protection.md).
 */
export class FileKeyEncryption implements KeyEncryption {
  private readonly dir: string;
  private readonly keks = new Map<string, Buffer>();

  constructor(kekDir: string) {
    this.dir = kekDir;
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    this.reload();
  }

  async rotate(): Promise<string> {
    const kekId = newKekId();
    const kek = randomBytes(KEK_BYTES);
    const final = this.pathOf(kekId);
    const temporary = `${final}.tmp-${randomBytes(6).toString('hex')}`;
    const fd = openSync(temporary, 'wx', 0o600);
    try {
      writeSync(fd, kek);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, final);
    this.syncDirectory();
    this.keks.set(kekId, kek);
    return kekId;
  }

  async wrap(plainKey: Buffer, binding: string, kekId: string): Promise<Buffer> {
    return wrapWithKek(this.kekOf(kekId), kekId, plainKey, binding);
  }

  async unwrap(wrapped: Buffer, binding: string): Promise<Buffer> {
    const kekId = kekIdOfWrapped(wrapped);
    if (kekId === undefined) throw new Error('not a wrapped subject key (bad length or magic)');
    return unwrapWithKek(this.kekOf(kekId), wrapped, binding);
  }

  async destroy(kekId: string): Promise<void> {
    if (!isKekId(kekId)) throw new RangeError(`not a KEK id: ${kekId}`);
    this.keks.get(kekId)?.fill(0);
    this.keks.delete(kekId);
    const path = this.pathOf(kekId);
    let fd: number;
    try {
      fd = openSync(path, 'r+');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return; // already destroyed (by us, or another instance)
      throw error;
    }
    try {
      writeSync(fd, randomBytes(KEK_BYTES), 0, KEK_BYTES, 0);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    try {
      unlinkSync(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    this.syncDirectory();
  }

  async list(): Promise<string[]> {
    this.reload();
    return [...this.keks.keys()].sort();
  }

  private kekOf(kekId: string): Buffer {
    const known = this.keks.get(kekId);
    if (known) return known;
    this.reload(); // another instance may have rotated since we last looked
    const reloaded = this.keks.get(kekId);
    if (!reloaded) throw new KekUnavailableError(kekId);
    return reloaded;
  }

  /** What is in the directory now: new KEKs are added, destroyed ones forgotten (and wiped from memory). */
  private reload(): void {
    const present = new Set<string>();
    for (const name of readdirSync(this.dir)) {
      // `<id>.kek.tmp-…` is a KEK still being written (or whose write a crash cut short): it has
      // wrapped nothing, and removing it here could break another instance's rotation under way.
      if (!name.endsWith(KEK_SUFFIX)) continue;
      const kekId = name.slice(0, -KEK_SUFFIX.length);
      if (!isKekId(kekId)) continue;
      present.add(kekId);
      if (this.keks.has(kekId)) continue;
      const kek = readKek(join(this.dir, name));
      if (kek) this.keks.set(kekId, kek);
    }
    for (const [kekId, kek] of this.keks) {
      if (present.has(kekId)) continue;
      kek.fill(0);
      this.keks.delete(kekId);
    }
  }

  private pathOf(kekId: string): string {
    return join(this.dir, `${kekId}${KEK_SUFFIX}`);
  }

  private syncDirectory(): void {
    const fd = openSync(this.dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
}

function readKek(path: string): Buffer | undefined {
  try {
    const kek = readFileSync(path);
    if (kek.length !== KEK_BYTES)
      throw new Error(`the key-encryption key file ${path} has ${kek.length} bytes, not ${KEK_BYTES}: damaged`);
    return kek;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined; // destroyed while we listed
    throw error;
  }
}
