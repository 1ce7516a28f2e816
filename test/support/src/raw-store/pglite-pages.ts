import { PGlite, type Extension } from '@electric-sql/pglite';
import type { RawSql } from './raw-sql';

/**
 * PGlite's contrib extensions are exported under "./contrib/*", which this repository's node10
 * module resolution cannot see (it ignores package exports): imported by a specifier the
 * compiler does not resolve, and typed here, while Node resolves it at run time.
 */
const PAGEINSPECT = '@electric-sql/pglite/contrib/pageinspect';

/**
 * Open a stopped embedded store's PGlite directory with pageinspect, for scanHeapPages, and
 * close it again. Opening replays and checkpoints the WAL, so scan the directory's files first.
 */
export async function withPgliteDirectory<T>(pgdata: string, work: (sql: RawSql) => Promise<T>): Promise<T> {
  const { pageinspect } = (await import(PAGEINSPECT)) as { pageinspect: Extension };
  const db = await PGlite.create(pgdata, { extensions: { pageinspect } });
  try {
    return await work({
      query: async <Row>(text: string, params: readonly unknown[] = []) =>
        (await db.query<Row>(text, [...params])).rows,
    });
  } finally {
    await db.close();
  }
}
