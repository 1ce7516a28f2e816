import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Client } from 'pg';
import { describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  currentWalSegment,
  describeOnPostgres,
  markersFound,
  newMarker,
  plantClearControls,
  scanFiles,
  scanHeapPages,
  scanWal,
  withPgliteDirectory,
  type RawSql,
} from '../src';

/**
 * The raw-store scans themselves: each must find what is stored in clear (live, dead, and
 * compressed where it claims to decompress) and nothing that was never stored. Without these,
 * a "no marker found" elsewhere could just mean a scan that sees nothing.
 */
describe('raw-store scans [embedded PGlite]', () => {
  it('the file scan finds a live and a dead clear value byte for byte, the page scan also a compressed one; neither finds what was never stored', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'raw-scan-'));
    try {
      const db = await PGlite.create(dir);
      const controls = await plantClearControls(pgliteSql(db));
      await db.close();
      const never = newMarker();
      const all = [controls.live, controls.dead, controls.compressed, never];

      const inFiles = markersFound(scanFiles(dir, all));
      expect(inFiles).toEqual(new Set([controls.live, controls.dead]));

      const pages = await withPgliteDirectory(dir, (sql) => scanHeapPages(sql, all));
      expect(markersFound(pages.findings)).toEqual(new Set([controls.live, controls.dead, controls.compressed]));
      expect(
        pages.findings.some((f) => f.marker === controls.dead && f.where.startsWith('raw_scan_control page')),
      ).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describeOnPostgres('raw-store scans [PostgreSQL]', (server) => {
  it('the heap scan finds live, dead and compressed clear values in the database, the WAL scan the live and dead ones; neither finds what was never stored', async () => {
    const database = await createTestDatabase(server);
    const client = new Client({ connectionString: database.connectionString });
    await client.connect();
    try {
      const sql = pgSql(client);
      const from = await currentWalSegment(sql);
      const controls = await plantClearControls(sql);
      const never = newMarker();
      const all = [controls.live, controls.dead, controls.compressed, never];

      const pages = await scanHeapPages(sql, all);
      expect(markersFound(pages.findings)).toEqual(new Set([controls.live, controls.dead, controls.compressed]));
      expect(
        pages.findings.filter((f) => f.marker === controls.compressed).every((f) => f.where.includes('decompressed')),
      ).toBe(true);

      const wal = await scanWal(sql, all, from);
      expect(wal.segments).toBeGreaterThan(0);
      expect(markersFound(wal.findings)).toEqual(new Set([controls.live, controls.dead]));
    } finally {
      await client.end();
      await database.dispose();
    }
  }, 120_000);
});

function pgliteSql(db: PGlite): RawSql {
  return {
    query: async <Row>(text: string, params: readonly unknown[] = []) => (await db.query<Row>(text, [...params])).rows,
  };
}

function pgSql(client: Client): RawSql {
  return {
    query: async <Row>(text: string, params: readonly unknown[] = []) =>
      (await client.query(text, [...params])).rows as Row[],
  };
}
