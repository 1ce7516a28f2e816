import type { PoolConfig } from 'pg';
import type { Clock } from '@complaints/event-store';
import { PgExecutor } from '../sql/pg-executor';
import { openSqlStoreHandle, type SqlStoreHandle } from '../store-handle';

export interface OpenPostgresStoreOptions {
  /** e.g. postgres://user:password@host:5432/database */
  connectionString: string;
  clock?: Clock;
  pollIntervalMs?: number;
  /** Extra pg Pool settings (max connections, timeouts, ssl). */
  pool?: Omit<PoolConfig, 'connectionString'>;
}

/**
 * The event store on a PostgreSQL server. Migrates on open (safe when several instances start
 * at once: see migrate()). PostgreSQL's own durability applies: a commit has been fsynced to the
 * WAL before append() resolves (with the default synchronous_commit = on).
 */
export async function openPostgresStore(options: OpenPostgresStoreOptions): Promise<SqlStoreHandle> {
  const sql = PgExecutor.connect({ ...options.pool, connectionString: options.connectionString });
  return openSqlStoreHandle(sql, { kind: 'postgres', clock: options.clock, pollIntervalMs: options.pollIntervalMs });
}
