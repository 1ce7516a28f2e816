import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Clock } from '@complaints/event-store';
import { PgliteExecutor } from '../sql/pglite-executor';
import { openSqlStoreHandle, type KeyEncryptionOptions, type SqlStoreHandle } from '../store-handle';
import { acquireDataDirLock, type DataDirLockOptions } from './data-dir-lock';
import { forgetTreeSynced, syncTreeOnce } from './sync-tree-once';
import { assertDurable, diskFsync, DURABLE_START_PARAMS } from './disk-fsync';

/** PGlite's own files live in this sub-directory; the lock sits beside it. */
export const PGLITE_SUBDIRECTORY = 'pgdata';

/**
 * `fsync` (default): every commit is on disk before append() resolves. `off`: PGlite's own
 * behaviour, commits reach only the operating system — faster, and a power cut can lose them.
 */
export const EMBEDDED_DURABILITIES = ['fsync', 'off'] as const;
export type EmbeddedDurability = (typeof EMBEDDED_DURABILITIES)[number];

export interface OpenEmbeddedStoreOptions extends KeyEncryptionOptions {
  /** Directory of the store (created if missing): holds complaints.lock and pgdata/. */
  dataDir: string;
  clock?: Clock;
  /** Default `fsync`. `off` is announced with a process warning every time it is used. */
  durability?: EmbeddedDurability;
  /** The data-directory lock's staleness window (tests that SIGKILL a holder shorten it). */
  lock?: Pick<DataDirLockOptions, 'staleMs'>;
}

/**
 * The embedded store: PostgreSQL compiled to WebAssembly (PGlite), in this process, persisted
 * under `dataDir`. One process at a time per directory (the heartbeat lock complaints.lock).
 *
 * WHAT IT PROMISES (durability `fsync`, the default; see README.md):
 *   - append() resolves only once its commit's WAL record has been fsynced to the disk: neither a
 *     process crash (SIGKILL, OOM kill) nor a machine crash (power cut, kernel panic, VM reset)
 *     loses an acknowledged append, and the next open replays the WAL. A transaction cut short is
 *     rolled back whole: no half-written command, no broken hash chain.
 *     tests/embedded-crash.int.spec.ts proves the process crash with SIGKILL;
 *     tests/embedded-durability.int.spec.ts counts the syncs and simulates power cuts.
 *   - PGlite does not give this by itself (disk-fsync.ts says why and how it is added).
 *   - The first durable open of a directory syncs every file in it once (PGlite's initdb
 *     writes without syncing).
 * With durability `off`, a process crash still loses nothing (the OS has every write), but a
 * machine crash can lose the last seconds of appends and leave the directory unusable.
 */
export async function openEmbeddedStore(options: OpenEmbeddedStoreOptions): Promise<SqlStoreHandle> {
  const dataDir = resolve(options.dataDir);
  const durability = options.durability ?? 'fsync';
  if (durability === 'off') {
    process.emitWarning(
      `The embedded store in ${dataDir} runs with durability off (EMBEDDED_DURABILITY=off): commits are not synced to disk, ` +
        'so a power cut or kernel crash can lose acknowledged writes and leave the directory unusable.',
      { code: 'COMPLAINTS_EMBEDDED_DURABILITY_OFF' },
    );
  }
  mkdirSync(dataDir, { recursive: true });
  const lock = await acquireDataDirLock(dataDir, options.lock);
  let db: PGlite;
  try {
    db = await openPglite(join(dataDir, PGLITE_SUBDIRECTORY), durability);
  } catch (error) {
    await lock.release();
    throw error;
  }
  return openSqlStoreHandle(new PgliteExecutor(db), {
    keyEncryptionFor: options.keyEncryptionFor,
    kekRotation: options.kekRotation,
    onKekRotationError: options.onKekRotationError,
    onMigrating: options.onMigrating,
    kind: 'embedded',
    clock: options.clock,
    release: () => lock.release(),
  });
}

async function openPglite(pgdata: string, durability: EmbeddedDurability): Promise<PGlite> {
  if (durability === 'off') {
    forgetTreeSynced(pgdata);
    return PGlite.create(pgdata);
  }
  const db = await PGlite.create(pgdata, { startParams: [...DURABLE_START_PARAMS], extensions: { diskFsync } });
  try {
    await assertDurable(db);
    await syncTreeOnce(pgdata);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
