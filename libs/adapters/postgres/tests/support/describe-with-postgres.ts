import { provisionTestDatabase, type TestDatabase } from '@complaints/testing';
import { afterAll, describe, it } from 'vitest';

/**
 * A describe block that needs a real PostgreSQL server: a throwaway database is provisioned for
 * it (DATABASE_URL, the local server, or testcontainers) and dropped afterwards. Without any
 * server the reason is printed and the block is registered as skipped.
 */
export function describeWithPostgres(name: string, body: (database: () => TestDatabase) => void): void {
  describe(name, async () => {
    const database = await provisionTestDatabase();
    if ('skip' in database) {
      console.warn(`[postgres] ${name} SKIPPED: ${database.skip}`);
      describe.skip(`skipped: ${database.skip}`, () => {
        it('needs PostgreSQL', () => undefined);
      });
      return;
    }
    afterAll(() => database.dispose());
    body(() => database);
  });
}
