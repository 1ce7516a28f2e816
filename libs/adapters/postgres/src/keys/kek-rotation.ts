import type { KeyEncryption } from '@complaints/event-store';
import type { SqlExecutor } from '../sql/sql-executor';
import { KEK_LOCK_KEY } from './current-kek';

export interface KekRotationResult {
  /** The KEK every live subject key is now wrapped under. */
  kekId: string;
  previousKekId: string | undefined;
  rewrapped: number;
}

/**
 * Rotate the KEK: a new KEK, every live subject key re-wrapped under it and the switch recorded,
 * all in ONE transaction; the old KEK is destroyed only after that commit (destroyUnreferencedKeks).
 * A crash before the commit leaves the old KEK current and the new file unreferenced; a crash
 * after it leaves the old file unreferenced: either way the next clean-up destroys the right one.
 *
 * `onlyIfErased`: rotate only when some key was destroyed while wrapped under the current KEK
 * (its wrapped copies in dead rows, WAL and backups still open with it); otherwise do nothing.
 */
export async function rotateKek(
  sql: SqlExecutor,
  kek: KeyEncryption,
  at: Date,
  options: { onlyIfErased: boolean },
): Promise<KekRotationResult | undefined> {
  return sql.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(${KEK_LOCK_KEY})`);
    // FOR UPDATE waits for every transaction wrapping a new key under the current KEK (FOR SHARE).
    const current = (await tx.query<{ kek_id: string }>('SELECT kek_id FROM kek_current WHERE id FOR UPDATE'))[0]
      ?.kek_id;
    if (options.onlyIfErased) {
      if (current === undefined) return undefined;
      const erased = await tx.query(
        'SELECT 1 FROM subject_keys WHERE destroyed_at IS NOT NULL AND kek_id = $1 LIMIT 1',
        [current],
      );
      if (erased.length === 0) return undefined;
    }
    const next = await kek.rotate();
    const live = await tx.query<{ data_subject_id: string; wrapped_key: Uint8Array }>(
      'SELECT data_subject_id, wrapped_key FROM subject_keys WHERE wrapped_key IS NOT NULL ORDER BY data_subject_id FOR UPDATE',
    );
    for (const row of live) {
      const plain = await kek.unwrap(Buffer.from(row.wrapped_key), row.data_subject_id);
      try {
        const rewrapped = await kek.wrap(plain, row.data_subject_id, next);
        await tx.query('UPDATE subject_keys SET wrapped_key = $2, kek_id = $3 WHERE data_subject_id = $1', [
          row.data_subject_id,
          rewrapped,
          next,
        ]);
      } finally {
        plain.fill(0);
      }
    }
    await tx.query(
      `INSERT INTO kek_current (id, kek_id, since) VALUES (true, $1, $2::timestamptz)
       ON CONFLICT (id) DO UPDATE SET kek_id = EXCLUDED.kek_id, since = EXCLUDED.since`,
      [next, at.toISOString()],
    );
    return { kekId: next, previousKekId: current, rewrapped: live.length };
  });
}

/**
 * Destroy every KEK that no committed row needs: all but the current one and those live keys
 * are wrapped under (none, after a completed rotation). Run after each rotation and at start,
 * which is what finishes a rotation a crash interrupted. Returns the ids destroyed.
 */
export async function destroyUnreferencedKeks(sql: SqlExecutor, kek: KeyEncryption): Promise<string[]> {
  return sql.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(${KEK_LOCK_KEY})`);
    const current = (await tx.query<{ kek_id: string }>('SELECT kek_id FROM kek_current WHERE id'))[0]?.kek_id;
    const referenced = new Set(
      (
        await tx.query<{ kek_id: string }>('SELECT DISTINCT kek_id FROM subject_keys WHERE wrapped_key IS NOT NULL')
      ).map((row) => row.kek_id),
    );
    if (current !== undefined) referenced.add(current);
    const destroyed: string[] = [];
    for (const kekId of await kek.list()) {
      if (referenced.has(kekId)) continue;
      await kek.destroy(kekId);
      destroyed.push(kekId);
    }
    return destroyed;
  });
}
