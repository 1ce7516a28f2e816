import { PGlite } from '@electric-sql/pglite';
import { createTestDatabase, describeOnPostgres } from '@complaints/testing';
import { describe } from 'vitest';
import { PgExecutor, PgliteExecutor, type SqlExecutor } from '../../src';

/** A fresh, empty database (not migrated), and a second executor on it: another instance's pool on PostgreSQL, the same one on PGlite. */
export interface KeyStoreDatabase {
  sql: SqlExecutor;
  another(): SqlExecutor;
  dispose(): Promise<void>;
}

/**
 * Register the same key-store suite on embedded PGlite and on PostgreSQL, each test on a
 * database of its own (a rotation touches every row, so tests must not share a table). Without
 * a server the PostgreSQL half is skipped with the reason printed, and fails when PG_REQUIRED=true.
 */
export function describeKeyStoreOnBoth(name: string, body: (open: () => Promise<KeyStoreDatabase>) => void): void {
  describe(`${name} [embedded PGlite]`, () => {
    body(async () => {
      const sql = new PgliteExecutor(await PGlite.create());
      return { sql, another: () => sql, dispose: () => sql.close() };
    });
  });
  describeOnPostgres(`${name} [PostgreSQL]`, (server) => {
    body(async () => {
      const database = await createTestDatabase(server);
      const others: SqlExecutor[] = [];
      const sql = PgExecutor.connect({ connectionString: database.connectionString, max: 6 });
      return {
        sql,
        another: () => {
          const other = PgExecutor.connect({ connectionString: database.connectionString, max: 6 });
          others.push(other);
          return other;
        },
        dispose: async () => {
          for (const other of others) await other.close();
          await sql.close();
          await database.dispose();
        },
      };
    });
  });
}
