import type { PoolConfig } from 'pg';
import type { Clock } from '@complaints/event-store';
import { PgExecutor, type PgExecutorOptions } from '../sql/pg-executor';
import { openSqlStoreHandle, type KeyEncryptionOptions, type SqlStoreHandle } from '../store-handle';

export interface OpenPostgresStoreOptions extends KeyEncryptionOptions {
  /** e.g. postgres://user:password@host:5432/database */
  connectionString: string;
  clock?: Clock;
  /** Extra pg Pool settings (max connections, timeouts, ssl). Defaults: connectionTimeoutMillis 10 000, keepAlive on. */
  pool?: Omit<PoolConfig, 'connectionString'>;
  /** Told when a LISTEN connection is lost, and of each failed attempt to listen again (retried with backoff by itself). */
  onListenError?: PgExecutorOptions['onListenError'];
}

/**
 * Without a connect timeout, a server that does not answer at all (a network cut, no RST) holds
 * a request for minutes of TCP retries instead of answering 503; it also bounds the wait for a
 * free pooled connection under load. Keepalive lets a silently dead idle connection (the LISTEN
 * one above all) be noticed, and then replaced, at all.
 */
const POOL_DEFAULTS: Omit<PoolConfig, 'connectionString'> = { connectionTimeoutMillis: 10_000, keepAlive: true };

/**
 * The event store on a PostgreSQL server. Migrates on open (safe when several instances start
 * at once: see migrate()). PostgreSQL's own durability applies: a commit has been fsynced to the
 * WAL before append() resolves (with the default synchronous_commit = on). A lost connection
 * fails only the operation in flight, as StoreUnavailableError; the pool connects afresh for
 * the next one, and LISTEN is re-established by itself.
 */
export async function openPostgresStore(options: OpenPostgresStoreOptions): Promise<SqlStoreHandle> {
  const sql = PgExecutor.connect(
    { ...POOL_DEFAULTS, ...options.pool, connectionString: options.connectionString },
    options.onListenError ? { onListenError: options.onListenError } : {},
  );
  return openSqlStoreHandle(sql, {
    kind: 'postgres',
    clock: options.clock,
    keyEncryptionFor: options.keyEncryptionFor,
    kekRotation: options.kekRotation,
    onKekRotationError: options.onKekRotationError,
    onMigrating: options.onMigrating,
  });
}
