import type { SqlQueryable } from '@complaints/adapter-postgres';
import { tableSet, type TableSet } from './projection';
import { activeSuffix } from './table-sets';

/** Reads of a projection that has never been registered (the engine has not started on this database). */
export class ProjectionNotReadyError extends Error {
  constructor(readonly projection: string) {
    super(`The ${projection} read model has not been created yet: start the projection engine`);
    this.name = 'ProjectionNotReadyError';
  }
}

const UNDEFINED_TABLE = '42P01';
const ATTEMPTS = 3;

/**
 * Run a read against the projection's active table set. The registry is read first; if a swap
 * drops that set between the two (the old tables are dropped in the swap's transaction), the
 * read fails with "undefined table" and is run again on the set the registry names now.
 */
export async function withActiveTables<T>(
  sql: SqlQueryable,
  projection: string,
  read: (tables: TableSet) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    let suffix: string | undefined;
    try {
      suffix = await activeSuffix(sql, projection);
    } catch (error) {
      if (isUndefinedTable(error)) throw new ProjectionNotReadyError(projection);
      throw error;
    }
    if (suffix === undefined) throw new ProjectionNotReadyError(projection);
    try {
      return await read(tableSet(suffix));
    } catch (error) {
      if (attempt < ATTEMPTS && isUndefinedTable(error)) continue;
      throw error;
    }
  }
}

/** SQLSTATE 42P01, from `pg` and from PGlite alike (both put it on `code`). */
export function isUndefinedTable(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === UNDEFINED_TABLE;
}
