import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The local server tried when DATABASE_URL is not set. */
export const LOCAL_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/** Throwaway databases older than this are dropped by later runs (left by a killed or filtered run). */
const ABANDONED_AFTER_SECONDS = 3600;
const THROWAWAY_NAME = /^complaints_test_(\d+)_[0-9a-f]+$/;

export interface PostgresServer {
  /** A connection string to the server's maintenance database, with rights to create databases. */
  url: string;
  source: 'DATABASE_URL' | 'local' | 'testcontainers';
  /** Stop the server if the tests started it (a container); otherwise nothing. */
  stop(): Promise<void>;
}

export interface TestDatabase {
  /** Connection string of a fresh, empty database that only this test run uses. */
  connectionString: string;
  source: PostgresServer['source'];
  /** Drop the database (and stop the server if it was started for it). */
  dispose(): Promise<void>;
}

/**
 * A PostgreSQL server for tests, found in this order:
 *   1. DATABASE_URL, if set (it must work: a configured server that fails is an error, not a skip);
 *   2. the local server at 127.0.0.1:5432 (user postgres), if it answers;
 *   3. a PostgreSQL container through testcontainers, if Docker works;
 *   4. otherwise `{ skip: reason }`, for the caller to print and skip (an error when PG_REQUIRED=true, as in CI).
 */
export async function findPostgresServer(): Promise<PostgresServer | { skip: string }> {
  const configured = process.env['DATABASE_URL'];
  if (configured) {
    const problem = await canConnect(configured);
    if (problem !== undefined) throw new Error(`DATABASE_URL is set but PostgreSQL there does not answer: ${problem}`);
    return { url: configured, source: 'DATABASE_URL', stop: async () => undefined };
  }

  const localProblem = await canConnect(LOCAL_POSTGRES_URL);
  if (localProblem === undefined) return { url: LOCAL_POSTGRES_URL, source: 'local', stop: async () => undefined };

  try {
    const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
    const container = await new PostgreSqlContainer('postgres:16-alpine').start();
    return {
      url: container.getConnectionUri(),
      source: 'testcontainers',
      stop: async () => {
        await container.stop();
      },
    };
  } catch (error) {
    const reason =
      `no PostgreSQL available: DATABASE_URL is not set, ${LOCAL_POSTGRES_URL} did not answer (${localProblem}), ` +
      `and testcontainers could not start one (${firstLine(error)})`;
    // CI sets PG_REQUIRED: there the PostgreSQL suites must run, so a missing server fails the run.
    if (process.env['PG_REQUIRED'] === 'true') throw new Error(`PG_REQUIRED is set but ${reason}`);
    return { skip: reason };
  }
}

/**
 * Create `complaints_test_<unix seconds>_<random>` on the server; dispose drops it. Creating one
 * also drops throwaway databases over an hour old that nobody is connected to: a run that was
 * killed, or whose suites were all filtered out (vitest then skips their afterAll), leaves one.
 */
export async function createTestDatabase(server: PostgresServer): Promise<TestDatabase> {
  const name = `complaints_test_${Math.floor(Date.now() / 1000)}_${randomBytes(6).toString('hex')}`;
  await withClient(server.url, async (client) => {
    await dropAbandoned(client);
    await client.query(`CREATE DATABASE ${name}`);
  });
  const url = new URL(server.url);
  url.pathname = `/${name}`;
  return {
    connectionString: url.toString(),
    source: server.source,
    dispose: () =>
      withClient(server.url, async (client) => {
        // FORCE (PostgreSQL 13+) ends sessions a failed test may have left open.
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      }),
  };
}

/** findPostgresServer + createTestDatabase; dispose drops the database and stops a started server. */
export async function provisionTestDatabase(): Promise<TestDatabase | { skip: string }> {
  const server = await findPostgresServer();
  if ('skip' in server) return server;
  try {
    const database = await createTestDatabase(server);
    return {
      ...database,
      dispose: async () => {
        try {
          await database.dispose();
        } finally {
          await server.stop();
        }
      },
    };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

async function dropAbandoned(client: Client): Promise<void> {
  const cutoff = Math.floor(Date.now() / 1000) - ABANDONED_AFTER_SECONDS;
  const { rows } = await client.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE datname LIKE 'complaints_test_%'`,
  );
  for (const { datname } of rows) {
    const createdAt = THROWAWAY_NAME.exec(datname)?.[1];
    if (createdAt === undefined || Number(createdAt) > cutoff) continue;
    // Without FORCE: a database someone is still using is left alone.
    await client.query(`DROP DATABASE IF EXISTS ${datname}`).catch(() => undefined);
  }
}

async function canConnect(url: string): Promise<string | undefined> {
  try {
    await withClient(url, (client) => client.query('SELECT 1'));
    return undefined;
  } catch (error) {
    return firstLine(error);
  }
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message || error.name : String(error);
  return text.split('\n')[0] ?? text;
}
