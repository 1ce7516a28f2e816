import type { SqlCheckpointStore } from './checkpoints/sql-checkpoint-store';
import type { SqlKeyStore } from './keys/sql-key-store';
import type { SqlExecutor } from './sql/sql-executor';
import type { SqlEventStore } from './store/sql-event-store';

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
