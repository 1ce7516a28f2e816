import { PGlite } from '@electric-sql/pglite';
import {
  migrate,
  PgExecutor,
  PgliteExecutor,
  SqlEventStore,
  SqlKeyStore,
  type SqlExecutor,
} from '@complaints/adapter-postgres';
import { ComplaintEventStore } from '@complaints/event-store';
import { createTestDatabase, describeOnPostgres, testKeyEncryption, type PostgresServer } from '@complaints/testing';
import { afterAll, beforeAll, describe } from 'vitest';
import { complaintLogSource, ReadModelSeal, type ProjectionSource } from '../src';

/** A fresh, migrated database with the complaint store on it: what every read-side test starts from (projections, relay, dedup stores). */
export interface Backend {
  kind: 'embedded' | 'postgres';
  sql: SqlExecutor;
  store: SqlEventStore;
  complaints: ComplaintEventStore;
  source: ProjectionSource;
  /** The keys' store the complaints are encrypted with, and the read models' seal over it. */
  keys: SqlKeyStore;
  seal: ReadModelSeal;
  /** A second executor on the same database: another process's connection pool (PostgreSQL) or the same one (PGlite, single-user). */
  openAnotherExecutor(): SqlExecutor;
  close(): Promise<void>;
}

function assemble(
  kind: Backend['kind'],
  sql: SqlExecutor,
  openAnotherExecutor: () => SqlExecutor,
  dispose: () => Promise<void>,
): Backend {
  const store = new SqlEventStore({ sql, kind });
  const keys = new SqlKeyStore(sql, testKeyEncryption().keyEncryptionFor);
  const complaints = new ComplaintEventStore({ store, keys });
  return {
    kind,
    sql,
    store,
    complaints,
    keys,
    seal: new ReadModelSeal(keys),
    source: complaintLogSource(complaints, store),
    openAnotherExecutor,
    close: async () => {
      try {
        await store.close();
        await sql.close();
      } finally {
        await dispose();
      }
    },
  };
}

/** An embedded PGlite database, migrated (for suites that need only one backend). */
export async function openEmbeddedBackend(): Promise<Backend> {
  const db = await PGlite.create();
  const sql = new PgliteExecutor(db);
  await migrate(sql);
  return assemble(
    'embedded',
    sql,
    () => sql,
    async () => undefined,
  );
}

/**
 * Register the same suite on embedded PGlite and on PostgreSQL. Each test calls `open()` for a
 * database of its own: on PGlite a clone of one migrated template (cloning is cheap, creating
 * is not); on PostgreSQL a throwaway database, dropped on close. Without a PostgreSQL server
 * the PostgreSQL half is skipped with the reason printed.
 */
export function describeOnBothBackends(name: string, body: (open: () => Promise<Backend>) => void): void {
  describe(`${name} [embedded PGlite]`, () => {
    let template: PGlite;
    beforeAll(async () => {
      template = await PGlite.create();
      await migrate(new PgliteExecutor(template));
    }, 60_000);
    afterAll(async () => {
      await template.close();
    });
    body(async () => {
      const clone = await template.clone();
      // clone() is typed as the interface but builds a PGlite, which the executor needs.
      if (!(clone instanceof PGlite)) throw new Error('PGlite.clone() did not return a PGlite');
      const sql = new PgliteExecutor(clone);
      // A clone is another database: it gets its own store id, so its KEKs are its own.
      await sql.query('UPDATE key_store_identity SET store_id = gen_random_uuid()::text');
      return assemble(
        'embedded',
        sql,
        () => sql,
        async () => undefined,
      );
    });
  });

  describeOnPostgres(`${name} [PostgreSQL]`, (server) => {
    body(() => openPostgresBackend(server));
  });
}

async function openPostgresBackend(server: PostgresServer): Promise<Backend> {
  const database = await createTestDatabase(server);
  const connect = () => PgExecutor.connect({ connectionString: database.connectionString, max: 4 });
  const sql = connect();
  const others: SqlExecutor[] = [];
  try {
    await migrate(sql);
  } catch (error) {
    await sql.close();
    await database.dispose();
    throw error;
  }
  return assemble(
    'postgres',
    sql,
    () => {
      const other = connect();
      others.push(other);
      return other;
    },
    async () => {
      for (const other of others) await other.close();
      await database.dispose();
    },
  );
}
