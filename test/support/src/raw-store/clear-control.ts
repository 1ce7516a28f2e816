import { randomUUID } from 'node:crypto';
import { newMarker } from './markers';
import type { RawSql } from './raw-sql';

/** Markers a test stored in clear on purpose: the positive controls every "nothing in clear" scan must find. */
export interface ClearControls {
  /** In a live row. */
  live: string;
  /** Only in a dead row: its row was updated to something else (no vacuum since). */
  dead: string;
  /** In a value long enough that PostgreSQL compressed it (pglz): invisible to a byte search of the files, found decompressed by scanHeapPages. */
  compressed: string;
}

/**
 * Store the three controls in `raw_scan_control` of the connected database. Throws when the
 * long value was not in fact compressed, so the compressed control cannot pass for a weaker one.
 */
export async function plantClearControls(sql: RawSql): Promise<ClearControls> {
  const controls: ClearControls = { live: newMarker(), dead: newMarker(), compressed: newMarker() };
  await sql.query('CREATE TABLE IF NOT EXISTS raw_scan_control (id text PRIMARY KEY, v text NOT NULL)');
  // Ids without the markers: each marker is in its value only (an index on the id would hold another copy).
  const ids = { live: `live-${randomUUID()}`, dead: `dead-${randomUUID()}`, compressed: `compressed-${randomUUID()}` };
  await sql.query('INSERT INTO raw_scan_control (id, v) VALUES ($1, $2), ($3, $4)', [
    ids.live,
    controls.live,
    ids.dead,
    controls.dead,
  ]);
  await sql.query(`UPDATE raw_scan_control SET v = 'updated away' WHERE id = $1`, [ids.dead]);
  await sql.query(
    `INSERT INTO raw_scan_control (id, v) VALUES ($1, repeat('filler text ', 400) || $2 || repeat(' more filler', 400))`,
    [ids.compressed, controls.compressed],
  );
  const [row] = await sql.query<{ method: string | null }>(
    'SELECT pg_column_compression(v) AS method FROM raw_scan_control WHERE id = $1',
    [ids.compressed],
  );
  if (!row?.method)
    throw new Error('The compressed control was stored uncompressed: it would prove nothing about decompression');
  return controls;
}
