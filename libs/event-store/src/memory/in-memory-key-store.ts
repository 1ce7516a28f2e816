import { randomBytes } from 'node:crypto';
import { KeyDestroyedError, type KeyStore } from '../port/key-store.port';

/** AES-256 needs 32 bytes. */
const KEY_BYTES = 32;

/**
 * Per-subject keys held in memory, for unit tests of the layers above the store. Behaves like
 * the SQL key store: a destroyed key leaves a tombstone (null) so the subject can never quietly
 * get a fresh key and let new personal data in after erasure.
 */
export class InMemoryKeyStore implements KeyStore {
  private readonly keys = new Map<string, Buffer | null>();
  private readonly erasedListeners = new Set<(dataSubjectId: string | null) => void>();

  async getOrCreateKey(dataSubjectId: string): Promise<Buffer> {
    const existing = this.keys.get(dataSubjectId);
    if (existing === null) throw new KeyDestroyedError(dataSubjectId);
    if (existing) return Buffer.from(existing);
    const key = randomBytes(KEY_BYTES);
    this.keys.set(dataSubjectId, key);
    return Buffer.from(key);
  }

  async findKey(dataSubjectId: string): Promise<Buffer | null | undefined> {
    const key = this.keys.get(dataSubjectId);
    // Copies, so a caller that wipes its buffer cannot damage the stored key.
    return key ? Buffer.from(key) : key;
  }

  async destroyKey(dataSubjectId: string, _at: Date): Promise<boolean> {
    const existing = this.keys.get(dataSubjectId);
    existing?.fill(0);
    this.keys.set(dataSubjectId, null);
    for (const listener of this.erasedListeners) listener(dataSubjectId);
    return existing !== undefined && existing !== null;
  }

  onErased(listener: (dataSubjectId: string | null) => void): () => void {
    this.erasedListeners.add(listener);
    return () => this.erasedListeners.delete(listener);
  }
}
