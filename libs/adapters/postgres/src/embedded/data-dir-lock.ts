import { randomBytes } from 'node:crypto';
import { closeSync, linkSync, openSync, readFileSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

export const LOCK_FILE_NAME = 'complaints.lock';

/** What a lock file records about its holder. */
export interface LockHolder {
  pid: number;
  hostname: string;
  /** ISO instant the holder took the lock. */
  startedAt: string;
}

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
    reason: string,
  ) {
    super(
      `The embedded store in ${dataDir} is in use by process ${holder.pid} on ${holder.hostname} ` +
        `(started at ${holder.startedAt}); ${reason}. PGlite must never be opened twice on one directory.`,
    );
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLock {
  readonly path: string;
  readonly holder: LockHolder;
  /** Remove the lock file if it is still ours. Idempotent. */
  release(): void;
}

/**
 * PGlite does not lock its data directory, and two PGlite instances on one directory corrupt
 * it. So the embedded store takes this lock first: a file created with O_EXCL ('wx'), holding
 * our pid, hostname and start time.
 *
 * If the file exists:
 *   - held by a live process on this host (including this very process) → refuse, naming it;
 *   - held on another host → refuse: we cannot tell whether it is alive (shared/network disk);
 *   - held by a dead pid on this host (a crash or SIGKILL) → stale: take it over;
 *   - garbled (not our format: corrupted or written by something else) → treated as stale.
 *
 * Residual race, accepted for a single-machine store: two processes that find the same stale
 * file at the same instant could both decide to remove it. We re-read it just before removing
 * and only remove it if it is unchanged, which shrinks that window to a few microseconds.
 */
export function acquireDataDirLock(dataDir: string, now: () => Date = () => new Date()): DataDirLock {
  const path = join(dataDir, LOCK_FILE_NAME);
  const me: LockHolder = { pid: process.pid, hostname: hostname(), startedAt: now().toISOString() };
  const content = `${JSON.stringify(me)}\n`;

  for (let attempt = 0; attempt < 5; attempt++) {
    if (tryCreate(path, content)) return ownedLock(path, me, content);

    const seen = readHolder(path);
    if (seen === 'absent') continue;
    if (seen !== 'garbled') {
      if (seen.holder.hostname !== me.hostname) {
        throw new DataDirLockedError(dataDir, seen.holder, `the lock was taken on another host, so whether it is still alive cannot be checked from here; if it is not, delete ${path}`);
      }
      if (isAlive(seen.holder.pid)) {
        throw new DataDirLockedError(dataDir, seen.holder, `that process is still running`);
      }
    }
    // Stale: remove it only if nobody replaced it since we looked.
    const again = readHolder(path);
    if (again !== 'absent' && again !== 'garbled' && seen !== 'garbled' && again.raw !== seen.raw) continue;
    try {
      unlinkSync(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  throw new Error(`Could not take the lock ${path}: it kept changing (another process is starting on the same directory?)`);
}

/**
 * Create the lock file exclusively with its full content already in it: the content is written
 * to a private temporary file which is then hard-linked to the lock name (link(2) fails with
 * EEXIST, like O_EXCL). A reader can therefore never see a half-written lock of a live process
 * and mistake it for a garbled, stale one. Filesystems without hard links fall back to 'wx'.
 */
function tryCreate(path: string, content: string): boolean {
  const temporary = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(temporary, content, { mode: 0o644, flag: 'wx' });
  try {
    linkSync(temporary, path);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP') return createExclusive(path, content);
    throw error;
  } finally {
    unlinkSync(temporary);
  }
}

function createExclusive(path: string, content: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
  return true;
}

function readHolder(path: string): { holder: LockHolder; raw: string } | 'absent' | 'garbled' {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'absent';
    throw error;
  }
  try {
    const parsed = JSON.parse(raw) as Partial<LockHolder>;
    if (typeof parsed.pid !== 'number' || typeof parsed.hostname !== 'string' || typeof parsed.startedAt !== 'string') return 'garbled';
    return { holder: { pid: parsed.pid, hostname: parsed.hostname, startedAt: parsed.startedAt }, raw };
  } catch {
    return 'garbled';
  }
}

/** Signal 0 checks existence without touching the process. EPERM means it exists but is not ours. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function ownedLock(path: string, holder: LockHolder, content: string): DataDirLock {
  let released = false;
  return {
    path,
    holder,
    release() {
      if (released) return;
      released = true;
      try {
        // Never delete a lock someone else holds (e.g. taken over after we were presumed dead).
        if (readFileSync(path, 'utf8') === content) unlinkSync(path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    },
  };
}
