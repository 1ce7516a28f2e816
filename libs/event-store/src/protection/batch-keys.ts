import type { KeyStore } from '../port/key-store.port';

/**
 * The data subjects' keys for ONE batch of the log: each subject's key is looked up once, however
 * many events and read models of the batch need it (decrypting the batch, then sealing what the
 * read models keep), instead of once per event or per read model. Made afresh for every batch
 * and dropped with it, so a key destroyed meanwhile is never used past the batch it was read
 * for (docs/data-protection.md): erasure reaches the next batch.
 */
export class BatchKeys implements KeyStore {
  private readonly found = new Map<string, Promise<Buffer | null | undefined>>();

  constructor(private readonly keys: KeyStore) {}

  /** Look the subjects' keys up now, in one request where the key store offers one (findKeys). */
  async prefetch(subjects: Iterable<string | undefined>): Promise<void> {
    const missing = [...new Set(subjects)].filter(
      (subject): subject is string => subject !== undefined && !this.found.has(subject),
    );
    if (missing.length === 0) return;
    const { findKeys } = this.keys;
    if (!findKeys) return;
    const all = findKeys.call(this.keys, missing);
    for (const subject of missing) {
      const key = all.then((keys) => keys.get(subject));
      // Handled here (a rejection nobody awaits would end the process); a failed look-up is not remembered.
      key.catch(() => this.found.delete(subject));
      this.found.set(subject, key);
    }
    await all;
  }

  findKey(dataSubjectId: string): Promise<Buffer | null | undefined> {
    let key = this.found.get(dataSubjectId);
    if (!key) {
      key = this.keys.findKey(dataSubjectId);
      this.found.set(dataSubjectId, key);
      // A failed look-up is not remembered: the batch fails, and its retry asks again.
      key.catch(() => this.found.delete(dataSubjectId));
    }
    return key;
  }

  async getOrCreateKey(dataSubjectId: string): Promise<Buffer> {
    const known = await this.findKey(dataSubjectId);
    if (known) return known;
    // Destroyed (null): the store throws KeyDestroyedError, as it would have without the cache.
    const key = await this.keys.getOrCreateKey(dataSubjectId);
    this.found.set(dataSubjectId, Promise.resolve(key));
    return key;
  }

  async destroyKey(dataSubjectId: string, at: Date): Promise<boolean> {
    this.found.set(dataSubjectId, Promise.resolve(null));
    return this.keys.destroyKey(dataSubjectId, at);
  }
}
