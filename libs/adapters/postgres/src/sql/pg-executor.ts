import type { BackoffOptions } from '@complaints/event-store';
import { createRequire } from 'node:module';
import type * as Pg from 'pg';
import type { Pool, PoolClient, PoolConfig, QueryConfig } from 'pg';
import { isConnectionLost, translatingLostConnections, unavailableOr } from './connection-lost';
import { PgChannelListener } from './pg-channel-listener';
import type { SqlExecutor, SqlParam, SqlQueryable, SqlQueryOptions } from './sql-executor';

// The `pg` driver is loaded when a PostgreSQL pool is made (DATABASE_URL set): the embedded store
// never loads it (docs/operations.md, "Start-up").
const load = createRequire(__filename);
const pgDriver = (): typeof Pg => load('pg') as typeof Pg;

export interface PgExecutorOptions {
  /** Delay before LISTEN is issued again after its connection was lost. Default 100 ms doubling to 10 s, with jitter. */
  listenBackoff?: BackoffOptions;
  /** Told about each lost LISTEN connection and each failed attempt to listen again (all retried by themselves). */
  onListenError?: (channel: string, error: Error) => void;
  /** How long close() waits for statements in flight before it ends their connections. Default 2 s. */
  closeGraceMs?: number;
}

const DEFAULT_CLOSE_GRACE_MS = 2_000;

const DEFAULT_LISTEN_BACKOFF: BackoffOptions = { initialMs: 100, maxMs: 10_000 };

/**
 * `pg` Pool behind the executor: a transaction is one checked-out client between BEGIN and
 * COMMIT. A lost connection never crashes the process and never goes back into the pool: every
 * client has an 'error' listener for as long as it is out of the pool, a client whose
 * connection broke is released with the error (destroyed), and the failure reaches the caller
 * as StoreUnavailableError.
 */
export class PgExecutor implements SqlExecutor {
  readonly dialect = 'postgres' as const;
  private readonly listeners = new Set<PgChannelListener>();
  /** Clients out of the pool (transactions and pool.query alike): what close() may have to cut short. */
  private readonly checkedOut = new Set<PoolClient>();
  private closing: Promise<void> | undefined;

  constructor(
    private readonly pool: Pool,
    private readonly options: PgExecutorOptions = {},
  ) {
    // An idle pooled connection that dies (server restart, network) emits 'error' on the pool;
    // unhandled, that would crash the process. The pool drops it; the next query gets a fresh one.
    pool.on('error', () => undefined);
    // And a listener of its own on every client for its whole life, the last line of defence:
    // pg-pool takes its idle listener off a client while it is checked out, so any moment a
    // checked-out client had no listener of ours (observed once in 40 terminations under load,
    // with no frame of ours in the trace) would be an uncaught 'error' that ends the process.
    // The failure itself still reaches the statement in flight, and a broken client is destroyed.
    pool.on('connect', (client) => client.on('error', () => undefined));
    pool.on('acquire', (client) => this.checkedOut.add(client));
    pool.on('release', (_error, client) => this.checkedOut.delete(client));
    pool.on('remove', (client) => this.checkedOut.delete(client));
  }

  static connect(config: PoolConfig, options: PgExecutorOptions = {}): PgExecutor {
    return new PgExecutor(new (pgDriver().Pool)(config), options);
  }

  // pool.query listens for the client's 'error' while the query runs and destroys a client whose query failed.
  query<Row>(text: string, params: readonly SqlParam[] = [], options: SqlQueryOptions = {}): Promise<Row[]> {
    return translatingLostConnections(
      async () => (await this.pool.query(queryConfig(text, params, options))).rows as Row[],
    );
  }

  execScript(text: string): Promise<void> {
    return translatingLostConnections(async () => {
      await this.pool.query(text);
    });
  }

  async transaction<T>(work: (tx: SqlQueryable) => Promise<T>): Promise<T> {
    const client = await translatingLostConnections(() => this.pool.connect());
    // Out of the pool the client has no listener of the pool's: a backend terminated while the
    // work runs (between two statements, or during one) emits 'error', which must be heard.
    let broken: Error | undefined;
    const onError = (error: Error) => {
      broken ??= error;
    };
    client.on('error', onError);
    const tx: SqlQueryable = {
      query: <Row>(text: string, params: readonly SqlParam[] = [], options: SqlQueryOptions = {}) =>
        translatingLostConnections(async () => (await client.query(queryConfig(text, params, options))).rows as Row[]),
      // Without parameters pg uses the simple query protocol, which accepts several statements.
      execScript: (text: string) =>
        translatingLostConnections(async () => {
          await client.query(text);
        }),
    };
    try {
      await client.query('BEGIN');
      const result = await work(tx);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      if (isConnectionLost(error)) broken ??= error as Error;
      if (!broken) {
        try {
          await client.query('ROLLBACK');
        } catch (rollbackError) {
          broken = rollbackError as Error;
        }
      }
      // Lost at COMMIT, the transaction may or may not have committed: the caller cannot tell,
      // and StoreUnavailableError says no more than that (a write is retried with its Idempotency-Key).
      throw unavailableOr(error);
    } finally {
      // Released with the error, the pool destroys the connection instead of reusing it; the
      // pool's own listener is back on before ours comes off.
      client.release(broken);
      client.off('error', onError);
    }
  }

  async listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>> {
    const listener = new PgChannelListener({
      pool: this.pool,
      channel,
      onNotify,
      backoff: this.options.listenBackoff ?? DEFAULT_LISTEN_BACKOFF,
      onError: this.options.onListenError,
    });
    await translatingLostConnections(() => listener.start());
    this.listeners.add(listener);
    return async () => {
      if (!this.listeners.delete(listener)) return;
      await listener.stop();
    };
  }

  /** Stop listening, then end the pool. Idempotent. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      const listeners = [...this.listeners];
      this.listeners.clear();
      await Promise.allSettled(listeners.map((listener) => listener.stop()));
      // pool.end() waits for every checked-out client; a statement stuck on a lock would hold a
      // shutdown for ever. After the grace period their connections are ended: the statement
      // fails (StoreUnavailableError), its client is released broken, and the pool can end.
      const ended = this.pool.end();
      let grace: NodeJS.Timeout | undefined;
      const inTime = await Promise.race([
        ended.then(() => true),
        new Promise<false>(
          (resolve) => (grace = setTimeout(() => resolve(false), this.options.closeGraceMs ?? DEFAULT_CLOSE_GRACE_MS)),
        ),
      ]);
      clearTimeout(grace);
      if (!inTime) for (const client of this.checkedOut) void client.end().catch(() => undefined);
      await ended;
    })();
    return this.closing;
  }
}

/** A named query config makes pg parse and plan the statement once per connection, then only bind and execute it. */
function queryConfig(text: string, params: readonly SqlParam[], options: SqlQueryOptions): QueryConfig {
  return { text, values: [...params], ...(options.preparedAs !== undefined ? { name: options.preparedAs } : {}) };
}
