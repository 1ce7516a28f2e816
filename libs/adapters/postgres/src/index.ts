export * from './sql/sql-executor';
export { PgExecutor, type PgExecutorOptions } from './sql/pg-executor';
export { isConnectionLost } from './sql/connection-lost';
export { PgliteExecutor } from './sql/pglite-executor';
export { migrate, MIGRATION_LOCK_KEY, type MigrationReport, type OnMigrating } from './migrations/migrate';
export { migrations, type Migration, type MigrationContext } from './migrations/migrations';
export { SqlEventStore, EVENTS_APPENDED_CHANNEL, type SqlEventStoreOptions } from './store/sql-event-store';
export { SqlKeyStore, SUBJECT_KEY_BYTES, type SqlKeyStoreOptions } from './keys/sql-key-store';
export { KEK_LOCK_KEY } from './keys/current-kek';
export { destroyUnreferencedKeks, rotateKek, type KekRotationResult } from './keys/kek-rotation';
export { KEK_ROTATION_SWEEP_MS, type KekRotationPolicy } from './keys/kek-rotation-schedule';
export type { KeyEncryptionOptions, SqlStoreHandle } from './store-handle';
export {
  EMBEDDED_DURABILITIES,
  openEmbeddedStore,
  PGLITE_SUBDIRECTORY,
  type EmbeddedDurability,
  type OpenEmbeddedStoreOptions,
} from './embedded/open-embedded-store';
export {
  acquireDataDirLock,
  DataDirLockedError,
  DEFAULT_LOCK_STALE_MS,
  LOCK_FILE_NAME,
  LOCK_HOLDER_FILE_NAME,
  type DataDirLock,
  type DataDirLockOptions,
  type LockHolder,
} from './embedded/data-dir-lock';
export { openPostgresStore, type OpenPostgresStoreOptions } from './postgres/open-postgres-store';
