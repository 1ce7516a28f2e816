import { randomBytes } from 'node:crypto';
import { KeyDestroyedError, systemClock, type Clock, type KeyStore } from '@complaints/event-store';
import type { SqlExecutor } from '../sql/sql-executor';

/** AES-256 needs 32 bytes. */
export const SUBJECT_KEY_BYTES = 32;

/**
 * Per-data-subject keys for crypto-shredding, in the subject_keys table beside the events.
 * A destroyed key is a row with key NULL and destroyed_at set: the row stays, so the subject
 * can never silently get a fresh key (which would let new personal data in after erasure).
 */
export class SqlKeyStore implements KeyStore {
  constructor(
    private readonly sql: SqlExecutor,
    private readonly clock: Clock = systemClock,
  ) {}

  async getOrCreateKey(dataSubjectId: string): Promise<Buffer> {
    // Insert-if-absent then read: concurrent first uses agree on whichever key committed first.
    await this.sql.query(
      `INSERT INTO subject_keys (data_subject_id, key, created_at) VALUES ($1, $2, $3::timestamptz)
       ON CONFLICT (data_subject_id) DO NOTHING`,
      [dataSubjectId, randomBytes(SUBJECT_KEY_BYTES), this.clock.now().toISOString()],
    );
    const key = await this.findKey(dataSubjectId);
    if (key === null) throw new KeyDestroyedError(dataSubjectId);
    if (key === undefined) throw new Error(`The key of data subject ${dataSubjectId} vanished after being created`);
    return key;
  }

  async findKey(dataSubjectId: string): Promise<Buffer | null | undefined> {
    const rows = await this.sql.query<{ key: Uint8Array | null }>('SELECT key FROM subject_keys WHERE data_subject_id = $1', [
      dataSubjectId,
    ]);
    const row = rows[0];
    if (row === undefined) return undefined;
    // pg hands back a Buffer, PGlite a Uint8Array: callers always get a Buffer.
    return row.key === null ? null : Buffer.from(row.key);
  }

  /**
   * Destroy for good. A subject that never had a key gets a tombstone, so erasure also holds
   * for data that arrives later. Returns true only when a live key was destroyed.
   */
  async destroyKey(dataSubjectId: string, at: Date): Promise<boolean> {
    return this.sql.transaction(async (tx) => {
      // At most two rounds: if a concurrent getOrCreateKey inserts between our look and our
      // tombstone, the tombstone's INSERT does nothing and the second round destroys that key.
      for (let round = 0; round < 2; round++) {
        const rows = await tx.query<{ live: boolean }>(
          'SELECT key IS NOT NULL AS live FROM subject_keys WHERE data_subject_id = $1 FOR UPDATE',
          [dataSubjectId],
        );
        const existing = rows[0];
        if (existing === undefined) {
          const inserted = await tx.query(
            `INSERT INTO subject_keys (data_subject_id, key, created_at, destroyed_at)
             VALUES ($1, NULL, $2::timestamptz, $2::timestamptz) ON CONFLICT (data_subject_id) DO NOTHING RETURNING 1`,
            [dataSubjectId, at.toISOString()],
          );
          if (inserted.length === 1) return false;
          continue;
        }
        if (!existing.live) return false;
        await tx.query('UPDATE subject_keys SET key = NULL, destroyed_at = $2::timestamptz WHERE data_subject_id = $1', [
          dataSubjectId,
          at.toISOString(),
        ]);
        return true;
      }
      throw new Error(`Could not destroy the key of data subject ${dataSubjectId}: its row keeps changing`);
    });
  }
}
