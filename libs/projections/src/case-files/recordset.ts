import type { SqlQueryable } from '@complaints/adapter-postgres';
import { storableJson } from '../engine/storable-text';

/** Column names of a row type with the SQL type jsonb_to_recordset reads each as, in table order. */
export type ColumnTypes<Row> = readonly (readonly [keyof Row & string, string])[];

/** Identifiers travel as one JSON array: the executor's parameters are scalars on both drivers. */
export function jsonIds(ids: Iterable<string>): string {
  return JSON.stringify([...ids]);
}

/**
 * Every row in one statement: a JSON array read back as a record set, inserted or, on the key,
 * replaced. `onConflict` overrides the update of single columns (e.g. appending to a jsonb array).
 */
export async function upsertRecordset<Row>(
  tx: SqlQueryable,
  table: string,
  columns: ColumnTypes<Row>,
  key: readonly (keyof Row & string)[],
  rows: readonly Row[],
  onConflict: Partial<Record<keyof Row & string, string>> = {},
): Promise<void> {
  if (rows.length === 0) return;
  const names = columns.map(([name]) => name).join(', ');
  const definitions = columns.map(([name, type]) => `${name} ${type}`).join(', ');
  const updates = columns
    .filter(([name]) => !key.includes(name))
    .map(([name]) => `${name} = ${onConflict[name] ?? `excluded.${name}`}`)
    .join(', ');
  await tx.query(
    `INSERT INTO ${table} AS t (${names})
     SELECT ${names} FROM jsonb_to_recordset($1::text::jsonb) AS r(${definitions})
     ON CONFLICT (${key.join(', ')}) DO ${updates.length > 0 ? `UPDATE SET ${updates}` : 'NOTHING'}`,
    // Text PostgreSQL cannot hold (U+0000, lone surrogates) would fail the whole batch: see storableText.
    [storableJson(rows)],
  );
}
