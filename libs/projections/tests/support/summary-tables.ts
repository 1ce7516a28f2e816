import type { SqlQueryable } from '@complaints/adapter-postgres';
import { COMPLAINT_SUMMARIES, COMPLAINT_SUMMARIES_TABLE, withActiveTables } from '../../src';

/** Every row of the active complaint summaries table, whole, as normalised JSON text, by id. */
export async function summaryTableDump(sql: SqlQueryable): Promise<string[]> {
  return withActiveTables(sql, COMPLAINT_SUMMARIES, async (tables) =>
    (
      await sql.query<{ row: string }>(
        `SELECT to_jsonb(t)::text AS row FROM ${tables.table(COMPLAINT_SUMMARIES_TABLE)} AS t ORDER BY complaint_id COLLATE "C"`,
      )
    ).map((r) => r.row),
  );
}

/** Whether a relation of that name exists (a retired table set's tables must not). */
export async function tableExists(sql: SqlQueryable, name: string): Promise<boolean> {
  const rows = await sql.query<{ found: string | null }>('SELECT to_regclass($1)::text AS found', [name]);
  return rows[0]?.found !== null && rows[0]?.found !== undefined;
}
