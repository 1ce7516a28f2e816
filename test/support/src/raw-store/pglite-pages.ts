/// <reference path="./pglite-contrib.d.ts" />
import { PGlite } from '@electric-sql/pglite';
import { pageinspect } from '@electric-sql/pglite/contrib/pageinspect';
import type { RawSql } from './raw-sql';

/**
 * Open a stopped embedded store's PGlite directory with pageinspect, for scanHeapPages, and
 * close it again. Opening replays and checkpoints the WAL, so scan the directory's files first.
 */
export async function withPgliteDirectory<T>(pgdata: string, work: (sql: RawSql) => Promise<T>): Promise<T> {
  const db = await PGlite.create(pgdata, { extensions: { pageinspect } });
  try {
    return await work({ query: async <Row>(text: string, params: readonly unknown[] = []) => (await db.query<Row>(text, [...params])).rows });
  } finally {
    await db.close();
  }
}
