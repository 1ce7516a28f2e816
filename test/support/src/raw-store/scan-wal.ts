import { findMarkers, type Finding } from './markers';
import { bytesOf, type RawSql } from './raw-sql';

/** The WAL segment being written now: a test notes it first, then scans from it (WAL is the whole server's, not one database's). */
export async function currentWalSegment(sql: RawSql): Promise<string> {
  const [row] = await sql.query<{ name: string }>('SELECT pg_walfile_name(pg_current_wal_lsn()) AS name');
  if (!row) throw new Error('pg_walfile_name gave nothing');
  return row.name;
}

export interface WalScan {
  findings: Finding[];
  segments: number;
  bytes: number;
}

/**
 * Every WAL segment of the server from `fromSegment` on (pg_ls_waldir, pg_read_binary_file;
 * superuser), byte for byte: the rows every commit wrote, old versions and full-page images
 * included. Refuses to run with wal_compression on, which would hide full-page images from a
 * byte search. Row values PostgreSQL compressed (TOAST, over ~2 kB) are logged compressed: the
 * heap scan reads those decompressed, this one cannot.
 */
export async function scanWal(sql: RawSql, markers: readonly string[], fromSegment: string): Promise<WalScan> {
  const [setting] = await sql.query<{ wal_compression: string }>('SHOW wal_compression');
  if (setting?.wal_compression !== 'off')
    throw new Error(
      `wal_compression is ${setting?.wal_compression}: full-page images would be compressed, and a byte scan of the WAL blind to them`,
    );
  const segments = await sql.query<{ name: string }>(
    `SELECT name FROM pg_ls_waldir() WHERE name ~ '^[0-9A-F]{24}$' AND name >= $1 ORDER BY name`,
    [fromSegment],
  );
  const scan: WalScan = { findings: [], segments: 0, bytes: 0 };
  for (const { name } of segments) {
    const [file] = await sql.query<{ bytes: unknown }>('SELECT pg_read_binary_file($1) AS bytes', [`pg_wal/${name}`]);
    if (!file) continue;
    const bytes = bytesOf(file.bytes);
    scan.findings.push(...findMarkers(bytes, markers, `WAL ${name}`));
    scan.segments++;
    scan.bytes += bytes.byteLength;
  }
  return scan;
}
