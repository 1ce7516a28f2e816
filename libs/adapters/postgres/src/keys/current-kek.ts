import type { KeyEncryption } from '@complaints/event-store';
export type { KeyEncryptionFor } from '@complaints/event-store';
import type { SqlQueryable } from '../sql/sql-executor';

/**
 * Rotations, the first KEK and the clean-up of KEK files take turns on this advisory lock, in
 * every process sharing the database: a KEK file is created or destroyed only while it is held,
 * so no instance can destroy the KEK another one is about to commit rows under.
 */
export const KEK_LOCK_KEY = 7_406_210_332;

export async function storeIdOf(tx: SqlQueryable): Promise<string> {
  const rows = await tx.query<{ store_id: string }>('SELECT store_id FROM key_store_identity');
  const storeId = rows[0]?.store_id;
  if (storeId === undefined) throw new Error('key_store_identity is empty: the schema was not migrated');
  return storeId;
}

/**
 * The current KEK's id, locked FOR SHARE until the transaction ends so that a rotation (which
 * locks it FOR UPDATE) waits for every key being wrapped under it to commit and then re-wraps
 * them too. The first use creates the first KEK.
 */
export async function lockCurrentKek(tx: SqlQueryable, kek: KeyEncryption, at: Date): Promise<string> {
  const current = await tx.query<{ kek_id: string }>('SELECT kek_id FROM kek_current WHERE id FOR SHARE');
  if (current[0]) return current[0].kek_id;
  await tx.query(`SELECT pg_advisory_xact_lock(${KEK_LOCK_KEY})`);
  const again = await tx.query<{ kek_id: string }>('SELECT kek_id FROM kek_current WHERE id FOR SHARE');
  if (again[0]) return again[0].kek_id;
  // Durable in KEYS_DIR before the row naming it can commit; a crash between leaves an
  // unreferenced file that the next clean-up destroys.
  const kekId = await kek.rotate();
  await tx.query('INSERT INTO kek_current (id, kek_id, since) VALUES (true, $1, $2::timestamptz)', [
    kekId,
    at.toISOString(),
  ]);
  return kekId;
}
