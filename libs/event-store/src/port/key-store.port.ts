/**
 * Keys for crypto-shredding: one AES-256 key per data subject. Destroying a key erases every
 * personal field encrypted with it, in every event and every backup, while the rest stays.
 * Implemented by the SQL adapters (a key table beside the events, each key wrapped under a
 * key-encryption key kept outside the database, rotated after each destruction so the wrapped
 * copies left in dead rows, WAL and backups open nothing: docs/data-protection.md) and usable
 * beside any event store (EventStoreDB keeps its keys in the read-model database).
 */
export interface KeyStore {
  /** The subject's key, creating it on first use. Throws KeyDestroyedError if it was destroyed. */
  getOrCreateKey(dataSubjectId: string): Promise<Buffer>;
  /** The subject's key, or null when it has been destroyed (readers show the erased marker). Undefined when never created. */
  findKey(dataSubjectId: string): Promise<Buffer | null | undefined>;
  /**
   * Optional: findKey for many subjects in one request (a batch of the log names hundreds).
   * Every subject asked for is in the map, with what findKey would have answered.
   */
  findKeys?(dataSubjectIds: readonly string[]): Promise<ReadonlyMap<string, Buffer | null | undefined>>;
  /**
   * Destroy the key for good. Idempotent. Returns whether a live key was destroyed. The SQL store
   * also rotates its key-encryption key (before resolving, or within the configured delay).
   */
  destroyKey(dataSubjectId: string, at: Date): Promise<boolean>;
  /**
   * Optional: be told when a subject's key is destroyed, here or (on SQL, by NOTIFY) by another
   * instance; null when erasures may have been missed (a lost listening connection). What keeps
   * decrypted personal data in memory (DecidedStates) lets it go. Returns the unsubscribe.
   */
  onErased?(listener: (dataSubjectId: string | null) => void): () => void;
}

export class KeyDestroyedError extends Error {
  constructor(readonly dataSubjectId: string) {
    super(`The key of data subject ${dataSubjectId} was destroyed: no new personal data can be recorded for them`);
    this.name = 'KeyDestroyedError';
  }
}
