import { afterAll, describe, it } from 'vitest';
import { findPostgresServer, type PostgresServer } from './postgres-test-database';

/**
 * A describe block on a real PostgreSQL server, the one way every suite asks for one. The
 * server is looked for while tests are collected. Without one the reason is printed and the
 * block is registered as skipped; under PG_REQUIRED=true (CI) findPostgresServer throws instead,
 * so there the suite fails rather than skips. A server started for the block (testcontainers) is
 * stopped after it, after the body's own afterAll hooks (vitest runs them last-registered first).
 */
export function describeOnPostgres(name: string, body: (server: PostgresServer) => void): void {
  describe(name, async () => {
    const server = await findPostgresServer();
    if ('skip' in server) {
      console.warn(`[postgres] ${name} SKIPPED: ${server.skip}`);
      it.skip(`needs PostgreSQL: ${server.skip}`, () => undefined);
      return;
    }
    afterAll(() => server.stop());
    body(server);
  });
}
