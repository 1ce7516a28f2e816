import { createTestDatabase, findPostgresServer, type TestDatabase } from '@complaints/testing';
import { afterAll, beforeAll, describe, it } from 'vitest';

/**
 * A describe block that needs a real PostgreSQL server. The server is looked for while tests
 * are collected (to know whether to skip); the throwaway database is created in beforeAll and
 * dropped in afterAll, so a block filtered out with -t creates nothing. Without any server the
 * reason is printed and the block is registered as skipped.
 */
export function describeWithPostgres(name: string, body: (database: () => TestDatabase) => void): void {
  describe(name, async () => {
    const server = await findPostgresServer();
    if ('skip' in server) {
      console.warn(`[postgres] ${name} SKIPPED: ${server.skip}`);
      describe.skip(`skipped: ${server.skip}`, () => {
        it('needs PostgreSQL', () => undefined);
      });
      return;
    }
    let database: TestDatabase | undefined;
    beforeAll(async () => {
      database = await createTestDatabase(server);
    });
    afterAll(async () => {
      try {
        await database?.dispose();
      } finally {
        await server.stop();
      }
    });
    body(() => {
      if (!database) throw new Error('the test database is created in beforeAll');
      return database;
    });
  });
}
