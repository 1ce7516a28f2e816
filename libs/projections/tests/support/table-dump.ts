import type { SqlQueryable } from '@complaints/adapter-postgres';
import { withActiveTables } from '../../src';

/**
 * Every row of one of a projection's active tables, whole, as normalised JSON text, in a stable
 * order. Sealed columns (`*_sealed`) read as whether they hold a ciphertext, not its bytes: each
 * sealing draws a fresh IV, and after an erasure a live row keeps ciphertext under the destroyed
 * key where a rebuilt one keeps none; both read alike (the queries' tests compare what they open to).
 */
export async function tableDump(
  sql: SqlQueryable,
  projection: string,
  table: string,
  orderBy: string,
): Promise<string[]> {
  return withActiveTables(sql, projection, async (tables) =>
    (
      await sql.query<{ row: string }>(
        `SELECT to_jsonb(t)::text AS row FROM ${tables.table(table)} AS t ORDER BY ${orderBy}`,
      )
    ).map((r) => withSealedColumnsAsPresence(r.row)),
  );
}

/** Reads as sealed, or not: the live and rebuilt rows of an erased complaint differ here only in bytes nobody can open. */
const SEALED = '<sealed>';

function withSealedColumnsAsPresence(row: string): string {
  const parsed = JSON.parse(row) as Record<string, unknown>;
  for (const column of Object.keys(parsed)) if (column.endsWith('_sealed')) parsed[column] = SEALED;
  return JSON.stringify(parsed);
}

/** Every table of a projection, dumped: what "the same rows" means for rebuild and replay checks. */
export async function projectionDump(
  sql: SqlQueryable,
  projection: string,
  tables: Record<string, string>,
): Promise<Record<string, string[]>> {
  const dump: Record<string, string[]> = {};
  for (const [table, orderBy] of Object.entries(tables)) dump[table] = await tableDump(sql, projection, table, orderBy);
  return dump;
}
