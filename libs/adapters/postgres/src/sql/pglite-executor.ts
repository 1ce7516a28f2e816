import type { PGlite } from '@electric-sql/pglite';
import { translatingLostConnections } from './connection-lost';
import type { SqlExecutor, SqlParam, SqlQueryable } from './sql-executor';

/**
 * PGlite behind the executor. PGlite is one single-user backend in this process: its
 * `transaction()` holds a mutex, so transactions run one after another and a plain query
 * issued meanwhile waits for the transaction to finish. Concurrency on the embedded store is
 * therefore serialisation, which trivially satisfies every ordering rule of the port. A closed
 * or aborted instance answers StoreUnavailableError, as a lost connection does on a server.
 */
export class PgliteExecutor implements SqlExecutor {
  readonly dialect = 'pglite' as const;

  constructor(private readonly db: PGlite) {}

  // SqlQueryOptions.preparedAs is not taken: in process there is no round trip to save.
  query<Row>(text: string, params: readonly SqlParam[] = []): Promise<Row[]> {
    return translatingLostConnections(async () => (await this.db.query<Row>(text, [...params])).rows);
  }

  execScript(text: string): Promise<void> {
    return translatingLostConnections(async () => {
      await this.db.exec(text);
    });
  }

  transaction<T>(work: (tx: SqlQueryable) => Promise<T>): Promise<T> {
    return translatingLostConnections(() =>
      this.db.transaction(async (tx) =>
        work({
          query: <Row>(text: string, params: readonly SqlParam[] = []) =>
            translatingLostConnections(async () => (await tx.query<Row>(text, [...params])).rows),
          execScript: (text: string) =>
            translatingLostConnections(async () => {
              await tx.exec(text);
            }),
        }),
      ),
    );
  }

  async listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>> {
    const unlisten = await translatingLostConnections(() => this.db.listen(channel, onNotify));
    return async () => {
      if (!this.db.closed) await unlisten();
    };
  }

  async close(): Promise<void> {
    if (!this.db.closed) await this.db.close();
  }
}
