import type { Clock } from '@complaints/event-store';
import { SqlCheckpointStore } from './checkpoints/sql-checkpoint-store';
import { SqlKeyStore } from './keys/sql-key-store';
import { migrate } from './migrations/migrate';
import type { SqlExecutor } from './sql/sql-executor';
import { SqlEventStore } from './store/sql-event-store';

/** Everything one SQL database provides, opened together and closed together. */
export interface SqlStoreHandle {
  eventStore: SqlEventStore;
  keyStore: SqlKeyStore;
  checkpoints: SqlCheckpointStore;
  /** The executor, for read models that live in the same database. */
  sql: SqlExecutor;
  /** Stop subscriptions, close the connection(s), release the directory lock. Idempotent. */
  close(): Promise<void>;
}

export interface SqlStoreHandleOptions {
  kind: 'embedded' | 'postgres';
  clock?: Clock | undefined;
  pollIntervalMs?: number | undefined;
  /** Run once the executor is closed, also when opening fails: give back what the caller holds for it (a directory lock). */
  release?: () => void | Promise<void>;
}

/**
 * Migrate the database behind `sql` and assemble the stores on it into one handle; the handle
 * owns `sql` from here on. When migrating fails, `sql` is closed and `release` run before the
 * error is rethrown, so a failed open leaves nothing behind.
 */
export async function openSqlStoreHandle(sql: SqlExecutor, options: SqlStoreHandleOptions): Promise<SqlStoreHandle> {
  const closeExecutor = async () => {
    try {
      await sql.close();
    } finally {
      await options.release?.();
    }
  };
  try {
    await migrate(sql);
  } catch (error) {
    await closeExecutor();
    throw error;
  }
  const checkpoints = new SqlCheckpointStore(sql);
  const eventStore = new SqlEventStore({ sql, kind: options.kind, clock: options.clock, checkpoints, pollIntervalMs: options.pollIntervalMs });
  const keyStore = new SqlKeyStore(sql, options.clock);
  let closing: Promise<void> | undefined;
  const closeAll = async () => {
    try {
      await eventStore.close();
    } finally {
      await closeExecutor();
    }
  };
  return { eventStore, keyStore, checkpoints, sql, close: () => (closing ??= closeAll()) };
}
