import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The local server tried when DATABASE_URL is not set. */
export const LOCAL_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  /** Connection string of a fresh, empty database that only this test run uses. */
  connectionString: string;
  /** Where it came from, for the test log. */
  source: 'DATABASE_URL' | 'local' | 'testcontainers';
  /** Drop the database (and stop the container, if one was started). */
  dispose(): Promise<void>;
}

/**
 * A throwaway PostgreSQL database for a test file, found in this order:
 *   1. DATABASE_URL, if set (it must work: a configured server that fails is an error, not a skip);
 *   2. the local server at 127.0.0.1:5432 (user postgres), if it answers;
 *   3. a PostgreSQL container through testcontainers, if Docker works;
 *   4. otherwise `{ skip: reason }`, for the caller to print and skip.
 * On a server, a database named complaints_test_<random> is created and dropped on dispose.
 */
export async function provisionTestDatabase(): Promise<TestDatabase | { skip: string }> {
  const configured = process.env['DATABASE_URL'];
  if (configured) return createThrowawayDatabase(configured, 'DATABASE_URL');

  const localProblem = await canConnect(LOCAL_POSTGRES_URL);
  if (localProblem === undefined) return createThrowawayDatabase(LOCAL_POSTGRES_URL, 'local');

  try {
    const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
    const container = await new PostgreSqlContainer('postgres:16-alpine').start();
    return {
      connectionString: container.getConnectionUri(),
      source: 'testcontainers',
      dispose: async () => {
        await container.stop();
      },
    };
  } catch (error) {
    return {
      skip:
        `no PostgreSQL available: DATABASE_URL is not set, ${LOCAL_POSTGRES_URL} did not answer (${localProblem}), ` +
        `and testcontainers could not start one (${firstLine(error)})`,
    };
  }
}

async function createThrowawayDatabase(serverUrl: string, source: TestDatabase['source']): Promise<TestDatabase> {
  const name = `complaints_test_${randomBytes(6).toString('hex')}`;
  await withClient(serverUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    connectionString: url.toString(),
    source,
    dispose: () =>
      withClient(serverUrl, async (client) => {
        // FORCE (PostgreSQL 13+) ends sessions a failed test may have left open.
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      }),
  };
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
