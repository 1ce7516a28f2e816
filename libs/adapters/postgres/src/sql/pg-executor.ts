import { Pool, type PoolClient, type PoolConfig, type QueryConfig } from 'pg';
import type { SqlExecutor, SqlParam, SqlQueryable, SqlQueryOptions } from './sql-executor';

/** `pg` Pool behind the executor: a transaction is one checked-out client between BEGIN and COMMIT. */
export class PgExecutor implements SqlExecutor {
  readonly dialect = 'postgres' as const;
  private readonly listeners = new Set<PoolClient>();

  constructor(private readonly pool: Pool) {
    // An idle pooled connection that dies (server restart, network) emits 'error' on the pool;
    // unhandled, that would crash the process. The next query on a fresh connection reports it.
    pool.on('error', () => undefined);
  }

  static connect(config: PoolConfig): PgExecutor {
    return new PgExecutor(new Pool(config));
  }

  async query<Row>(text: string, params: readonly SqlParam[] = [], options: SqlQueryOptions = {}): Promise<Row[]> {
    const result = await this.pool.query(queryConfig(text, params, options));
    return result.rows as Row[];
  }

  async execScript(text: string): Promise<void> {
    await this.pool.query(text);
  }

  async transaction<T>(work: (tx: SqlQueryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    const tx: SqlQueryable = {
      query: async <Row>(text: string, params: readonly SqlParam[] = [], options: SqlQueryOptions = {}) =>
        (await client.query(queryConfig(text, params, options))).rows as Row[],
      // Without parameters pg uses the simple query protocol, which accepts several statements.
      execScript: async (text: string) => {
        await client.query(text);
      },
    };
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await work(tx);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch (rollbackError) {
        // The connection itself failed: do not hand it back to the pool for reuse.
        broken = rollbackError as Error;
      }
      throw error;
    } finally {
      client.release(broken);
    }
  }

  async listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>> {
    // LISTEN belongs to a session, so it needs a connection of its own for as long as it lasts.
    const client = await this.pool.connect();
    this.listeners.add(client);
    const handler = (message: { channel: string; payload?: string }) => {
      if (message.channel === channel) onNotify(message.payload ?? '');
    };
    // A dropped listening connection must not crash the process; polling covers the gap.
    const onError = () => undefined;
    client.on('notification', handler);
    client.on('error', onError);
    await client.query(`LISTEN ${quoteIdentifier(channel)}`);
    return async () => {
      if (!this.listeners.delete(client)) return;
      client.off('notification', handler);
      try {
        await client.query(`UNLISTEN ${quoteIdentifier(channel)}`);
        client.release();
      } catch (error) {
        client.release(error as Error);
      } finally {
        client.off('error', onError);
      }
    };
  }

  async close(): Promise<void> {
    for (const client of this.listeners) client.release(true);
    this.listeners.clear();
    await this.pool.end();
  }
}

/** A named query config makes pg parse and plan the statement once per connection, then only bind and execute it. */
function queryConfig(text: string, params: readonly SqlParam[], options: SqlQueryOptions): QueryConfig {
  return { text, values: [...params], ...(options.preparedAs !== undefined ? { name: options.preparedAs } : {}) };
}

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
