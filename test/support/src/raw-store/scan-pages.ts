import { findMarkers, type Finding } from './markers';
import { bytesOf, type RawSql } from './raw-sql';

export interface PageScan {
  findings: Finding[];
  relations: number;
  pages: number;
  /** Heap pages whose attributes could not be read detoasted (a dead row's TOAST chunks already vacuumed): read raw only. */
  pagesReadRawOnly: number;
}

interface Relation {
  name: string;
  relkind: string;
  pages: number;
}

/**
 * Every page of every relation of the connected database (tables, their TOAST tables, indexes
 * and materialised views; the system catalogues too, pg_statistic's sampled values included),
 * through pageinspect, superuser only: each page's raw 8 kB (live rows, dead rows, and the bytes
 * of pruned rows still lying in free space), and each heap row's attributes, dead rows included,
 * decompressed and detoasted by heap_page_item_attrs — so a value of over ~2 kB that PostgreSQL
 * compressed with pglz (or lz4) is searched as its clear bytes too. The same SQL runs on
 * PostgreSQL and on PGlite (its pageinspect extension).
 */
export async function scanHeapPages(sql: RawSql, markers: readonly string[]): Promise<PageScan> {
  await sql.query('CREATE EXTENSION IF NOT EXISTS pageinspect');
  const relations = await sql.query<Relation>(
    `SELECT c.oid::regclass::text AS name, c.relkind::text AS relkind,
            (pg_relation_size(c.oid) / current_setting('block_size')::int)::int AS pages
       FROM pg_class c
      WHERE c.relkind IN ('r', 't', 'i', 'm') AND c.relpersistence <> 't' AND pg_relation_size(c.oid) > 0
      ORDER BY c.oid`,
  );
  const scan: PageScan = { findings: [], relations: relations.length, pages: 0, pagesReadRawOnly: 0 };
  for (const relation of relations) {
    const pages = await sql.query<{ blk: number; page: unknown }>(
      'SELECT b AS blk, get_raw_page($1, b) AS page FROM generate_series(0, $2::int - 1) AS b',
      [relation.name, relation.pages],
    );
    for (const { blk, page } of pages)
      scan.findings.push(...findMarkers(bytesOf(page), markers, `${relation.name} page ${blk} (raw)`));
    scan.pages += pages.length;
    if (relation.relkind !== 'i') await scanAttributes(sql, relation, markers, scan);
  }
  return scan;
}

/** The heap rows' attributes, detoasted; per page when a page cannot be (then raw, and counted). */
async function scanAttributes(
  sql: RawSql,
  relation: Relation,
  markers: readonly string[],
  scan: PageScan,
): Promise<void> {
  const attributes = (blk: string, detoast: boolean) =>
    sql.query<{ blk: number; attr: unknown }>(
      `SELECT b AS blk, a AS attr FROM ${blk} AS b,
              heap_page_item_attrs(get_raw_page($1, b), $1::regclass, ${detoast ? 'true' : 'false'}) AS i, unnest(i.t_attrs) AS a
        WHERE a IS NOT NULL`,
      [relation.name, relation.pages],
    );
  const record = (rows: { blk: number; attr: unknown }[]) => {
    for (const { blk, attr } of rows)
      scan.findings.push(
        ...findMarkers(bytesOf(attr), markers, `${relation.name} page ${blk} (row attributes, decompressed)`),
      );
  };
  try {
    record(await attributes('generate_series(0, $2::int - 1)', true));
    return;
  } catch {
    // Some dead row points at TOAST chunks vacuum already removed: page by page.
  }
  for (let blk = 0; blk < relation.pages; blk++) {
    try {
      record(await attributes(`(SELECT ${blk} + 0 * $2::int)`, true));
    } catch {
      record(await attributes(`(SELECT ${blk} + 0 * $2::int)`, false));
      scan.pagesReadRawOnly++;
    }
  }
}
