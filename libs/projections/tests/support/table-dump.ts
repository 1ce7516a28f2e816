import type { SqlQueryable } from '@complaints/adapter-postgres';
import { withActiveTables } from '../../src';

/** Every row of one of a projection's active tables, whole, as normalised JSON text, in a stable order. */
export async function tableDump(sql: SqlQueryable, projection: string, table: string, orderBy: string): Promise<string[]> {
  return withActiveTables(sql, projection, async (tables) =>
    (await sql.query<{ row: string }>(`SELECT to_jsonb(t)::text AS row FROM ${tables.table(table)} AS t ORDER BY ${orderBy}`)).map((r) => r.row),
  );
}

/** Every table of a projection, dumped: what "the same rows" means for rebuild and replay checks. */
export async function projectionDump(sql: SqlQueryable, projection: string, tables: Record<string, string>): Promise<Record<string, string[]>> {
  const dump: Record<string, string[]> = {};
  for (const [table, orderBy] of Object.entries(tables)) dump[table] = await tableDump(sql, projection, table, orderBy);
  return dump;
}
