import { createTestDatabase, describeOnPostgres, type TestDatabase } from '@complaints/testing';
import { afterAll, beforeAll } from 'vitest';

/**
 * A describe block that needs a real PostgreSQL server. The server is looked for while tests
 * are collected (to know whether to skip); the throwaway database is created in beforeAll and
 * dropped in afterAll, so a block filtered out with -t creates nothing. Without any server the
 * reason is printed and the block is registered as skipped.
 */
export function describeWithPostgres(name: string, body: (database: () => TestDatabase) => void): void {
  describeOnPostgres(name, (server) => {
    let database: TestDatabase | undefined;
    beforeAll(async () => {
      database = await createTestDatabase(server);
    });
    afterAll(async () => {
      await database?.dispose();
    });
    body(() => {
      if (!database) throw new Error('the test database is created in beforeAll');
      return database;
    });
  });
}
