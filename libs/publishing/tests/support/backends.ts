import { PGlite } from '@electric-sql/pglite';
import { migrate, PgExecutor, PgliteExecutor, SqlEventStore, SqlKeyStore, type SqlExecutor } from '@complaints/adapter-postgres';
import { ComplaintEventStore } from '@complaints/event-store';
import { complaintLogSource, type ProjectionSource } from '@complaints/projections';
import { createTestDatabase, findPostgresServer, type PostgresServer } from '@complaints/testing';
import { afterAll, beforeAll, describe, it } from 'vitest';

/** A fresh, migrated database with the complaint store on it: what the relay reads and checkpoints in. */
export interface Backend {
  kind: 'embedded' | 'postgres';
  sql: SqlExecutor;
  store: SqlEventStore;
  complaints: ComplaintEventStore;
  source: ProjectionSource;
  /** Another executor on the same database, as a second relay process would have (PGlite: the same one, it is single-user). */
  openAnotherExecutor(): SqlExecutor;
  close(): Promise<void>;
}

function assemble(kind: Backend['kind'], sql: SqlExecutor, openAnotherExecutor: () => SqlExecutor, dispose: () => Promise<void>): Backend {
  const store = new SqlEventStore({ sql, kind, pollIntervalMs: 20 });
  const complaints = new ComplaintEventStore({ store, keys: new SqlKeyStore(sql) });
  return {
    kind,
    sql,
    store,
    complaints,
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
  return assemble('embedded', sql, () => sql, async () => undefined);
}

/**
 * Register a suite on embedded PGlite and on PostgreSQL; each test opens a database of its own
 * (PGlite: a clone of one migrated template; PostgreSQL: a throwaway database). Without a
 * PostgreSQL server the PostgreSQL half is skipped with the reason printed.
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
      if (!(clone instanceof PGlite)) throw new Error('PGlite.clone() did not return a PGlite');
      const sql = new PgliteExecutor(clone);
      return assemble('embedded', sql, () => sql, async () => undefined);
    });
  });

  describe(`${name} [PostgreSQL]`, async () => {
    const server = await findPostgresServer();
    if ('skip' in server) {
      console.warn(`[postgres] ${name} SKIPPED: ${server.skip}`);
      describe.skip(`skipped: ${server.skip}`, () => {
        it('needs PostgreSQL', () => undefined);
      });
      return;
    }
    afterAll(async () => {
      await server.stop();
    });
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
