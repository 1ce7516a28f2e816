import type { PoolConfig } from 'pg';
import type { Clock } from '@complaints/event-store';
import { SqlCheckpointStore } from '../checkpoints/sql-checkpoint-store';
import { SqlKeyStore } from '../keys/sql-key-store';
import { migrate } from '../migrations/migrate';
import { PgExecutor } from '../sql/pg-executor';
import type { SqlStoreHandle } from '../store-handle';
import { SqlEventStore } from '../store/sql-event-store';

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
  try {
    await migrate(sql);
  } catch (error) {
    await sql.close();
    throw error;
  }
  const checkpoints = new SqlCheckpointStore(sql);
  const eventStore = new SqlEventStore({
    sql,
    kind: 'postgres',
    clock: options.clock,
    checkpoints,
    pollIntervalMs: options.pollIntervalMs,
  });
  const keyStore = new SqlKeyStore(sql, options.clock);
  let closing: Promise<void> | undefined;
  return {
    eventStore,
    keyStore,
    checkpoints,
    sql,
    close: () =>
      (closing ??= (async () => {
        try {
          await eventStore.close();
        } finally {
          await sql.close();
        }
      })()),
  };
}
