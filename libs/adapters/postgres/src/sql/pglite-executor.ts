import type { PGlite } from '@electric-sql/pglite';
import type { SqlExecutor, SqlParam, SqlQueryable } from './sql-executor';

/**
 * PGlite behind the executor. PGlite is one single-user backend in this process: its
 * `transaction()` holds a mutex, so transactions run one after another and a plain query
 * issued meanwhile waits for the transaction to finish. Concurrency on the embedded store is
 * therefore serialisation, which trivially satisfies every ordering rule of the port.
 */
export class PgliteExecutor implements SqlExecutor {
  readonly dialect = 'pglite' as const;

  constructor(private readonly db: PGlite) {}

  // SqlQueryOptions.preparedAs is not taken: in process there is no round trip to save.
  async query<Row>(text: string, params: readonly SqlParam[] = []): Promise<Row[]> {
    return (await this.db.query<Row>(text, [...params])).rows;
  }

  async execScript(text: string): Promise<void> {
    await this.db.exec(text);
  }

  transaction<T>(work: (tx: SqlQueryable) => Promise<T>): Promise<T> {
    return this.db.transaction(async (tx) =>
      work({
        query: async <Row>(text: string, params: readonly SqlParam[] = []) => (await tx.query<Row>(text, [...params])).rows,
        execScript: async (text: string) => {
          await tx.exec(text);
        },
      }),
    );
  }

  async listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>> {
    const unlisten = await this.db.listen(channel, onNotify);
    return async () => {
      if (!this.db.closed) await unlisten();
    };
  }

  async close(): Promise<void> {
    if (!this.db.closed) await this.db.close();
  }
}
