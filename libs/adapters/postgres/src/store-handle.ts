import type { Clock } from '@complaints/event-store';
import type { KeyEncryptionFor } from './keys/current-kek';
import type { KekRotationPolicy } from './keys/kek-rotation-schedule';
import { SqlKeyStore } from './keys/sql-key-store';
import { migrate, type OnMigrating } from './migrations/migrate';
import type { SqlExecutor } from './sql/sql-executor';
import { SqlEventStore } from './store/sql-event-store';

/** The migration that moved subject keys from raw to wrapped. */
const ENVELOPE_MIGRATION = 4;

/** Everything one SQL database provides, opened together and closed together. */
export interface SqlStoreHandle {
  eventStore: SqlEventStore;
  keyStore: SqlKeyStore;
  /** The executor, for read models that live in the same database. */
  sql: SqlExecutor;
  /** Close the stores and the connection(s), release the directory lock. Idempotent. */
  close(): Promise<void>;
}

/** Where the key-encryption keys live and when they rotate after an erasure (docs/data-protection.md). */
export interface KeyEncryptionOptions {
  /** The KEKs of a database, by its store id: `(storeId) => new FileKeyEncryption(join(KEYS_DIR, 'kek', storeId))`. */
  keyEncryptionFor: KeyEncryptionFor;
  kekRotation?: KekRotationPolicy | undefined;
  onKekRotationError?: ((error: unknown) => void) | undefined;
  /** Told the schema steps a start is about to apply (the start-up log). */
  onMigrating?: OnMigrating | undefined;
}

export interface SqlStoreHandleOptions extends KeyEncryptionOptions {
  kind: 'embedded' | 'postgres';
  clock?: Clock | undefined;
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
  const keyStore = new SqlKeyStore(sql, options.keyEncryptionFor, {
    clock: options.clock,
    rotation: options.kekRotation,
    onRotationError: options.onKekRotationError,
  });
  try {
    const report = await migrate(
      sql,
      undefined,
      { keyEncryptionFor: options.keyEncryptionFor, ...(options.clock ? { now: options.clock.now() } : {}) },
      options.onMigrating,
    );
    // The upgrade to wrapped keys left the raw ones in dead rows: rewrite the table into a new
    // file (what the WAL and older backups hold, no upgrade can reach: docs/data-protection.md).
    if (report.applied.includes(ENVELOPE_MIGRATION)) await sql.query('VACUUM FULL subject_keys');
    await keyStore.start();
  } catch (error) {
    await keyStore.close();
    await closeExecutor();
    throw error;
  }
  const eventStore = new SqlEventStore({
    sql,
    kind: options.kind,
    clock: options.clock,
  });
  let closing: Promise<void> | undefined;
  const closeAll = async () => {
    await keyStore.close(); // waits for a rotation under way; never rejects (failures are reported)
    try {
      await eventStore.close();
    } finally {
      await closeExecutor();
    }
  };
  return { eventStore, keyStore, sql, close: () => (closing ??= closeAll()) };
}
