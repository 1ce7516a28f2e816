import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Clock } from '@complaints/event-store';
import { PgliteExecutor } from '../sql/pglite-executor';
import { openSqlStoreHandle, type SqlStoreHandle } from '../store-handle';
import { acquireDataDirLock } from './data-dir-lock';

/** PGlite's own files live in this sub-directory; the lock file sits beside it. */
export const PGLITE_SUBDIRECTORY = 'pgdata';

export interface OpenEmbeddedStoreOptions {
  /** Directory of the store (created if missing): holds complaints.lock and pgdata/. */
  dataDir: string;
  clock?: Clock;
  pollIntervalMs?: number;
}

/**
 * The embedded store: PostgreSQL compiled to WebAssembly (PGlite), in this process, persisted
 * under `dataDir`. One process at a time per directory (enforced by complaints.lock).
 *
 * WHAT A CRASH CAN LOSE (read from PGlite 0.5.16's source, see README.md):
 *   PGlite starts PostgreSQL with `-F` (fsync off), and its Node filesystem passes writes
 *   straight to the operating system (fs.writeSync) without any fsync of its own.
 *   - The process dying (crash, SIGKILL, OOM kill) loses NOTHING that was committed: the WAL
 *     record of each commit is already written to the OS before append() resolves, the OS keeps
 *     it, and the next open replays it. A transaction cut short is rolled back entirely: no
 *     half-written command, no broken hash chain (tests/embedded-crash.spec.ts proves it with
 *     SIGKILL).
 *   - The MACHINE dying (power loss, kernel panic, VM reset) can lose recently committed
 *     appends — whatever the OS had not yet flushed, typically up to ~30 s — and, as with any
 *     PostgreSQL running without fsync, may leave the data directory needing restore from a
 *     backup. Use the PostgreSQL adapter where that matters.
 */
export async function openEmbeddedStore(options: OpenEmbeddedStoreOptions): Promise<SqlStoreHandle> {
  const dataDir = resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const lock = acquireDataDirLock(dataDir);
  let db: PGlite;
  try {
    db = await PGlite.create(join(dataDir, PGLITE_SUBDIRECTORY));
  } catch (error) {
    lock.release();
    throw error;
  }
  return openSqlStoreHandle(new PgliteExecutor(db), {
    kind: 'embedded',
    clock: options.clock,
    pollIntervalMs: options.pollIntervalMs,
    release: () => lock.release(),
  });
}
