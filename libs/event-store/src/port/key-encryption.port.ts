/**
 * Key-encryption keys (KEKs): the keys that wrap every data subject's key, kept outside the
 * event database (docs/data-protection.md, "Key hierarchy"). The database holds only wrapped
 * subject keys, so a copy of the data files opens nothing without a KEK, and destroying a KEK
 * makes every wrapped copy made under it — in dead rows, the WAL, backups — useless.
 *
 * Implemented by a directory of key files (FileKeyEncryption); a production deployment can hold
 * KEKs in Vault's transit engine or a cloud KMS behind the same five operations.
 */
export interface KeyEncryption {
  /**
   * Create a new KEK and keep it durably (it survives a crash once this resolves); returns its
   * id. Which KEK is current is not decided here but by whoever records the switch atomically
   * with the re-wrapped keys (the SQL key store, in one transaction).
   */
  rotate(): Promise<string>;
  /**
   * Wrap a subject key under the KEK `kekId`. The binding (the data subject id) is
   * authenticated: the wrapped key unwraps only under the same binding, so a wrapped key copied
   * into another subject's row is refused.
   */
  wrap(plainKey: Buffer, binding: string, kekId: string): Promise<Buffer>;
  /** The subject key. Throws KekUnavailableError when its KEK is not held (destroyed), and an error when the binding or the bytes differ. */
  unwrap(wrapped: Buffer, binding: string): Promise<Buffer>;
  /** Destroy the KEK for good. Idempotent. */
  destroy(kekId: string): Promise<void>;
  /** The ids of every KEK held now (re-read from the backing store: another instance may have rotated). */
  list(): Promise<string[]>;
}

/** The KEKs of one database, by its store id (two databases never share, or destroy, each other's KEKs). */
export type KeyEncryptionFor = (storeId: string) => KeyEncryption;

/** The KEK a wrapped key names is not held: it was destroyed by a rotation, or KEYS_DIR is not the one the database was written with. */
export class KekUnavailableError extends Error {
  constructor(readonly kekId: string) {
    super(
      `The key-encryption key ${kekId} is not in KEYS_DIR: it was destroyed by a rotation, or this process was started with another KEYS_DIR than the one the database was written with`,
    );
    this.name = 'KekUnavailableError';
  }
}
