import { randomBytes } from 'node:crypto';
import { lstatSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** The part of proper-lockfile 4.1.2's API used here (the package ships no types). */
interface ProperLockfile {
  lock(
    file: string,
    options: {
      stale: number;
      update: number;
      realpath: boolean;
      lockfilePath: string;
      onCompromised: (error: Error) => void;
    },
  ): Promise<() => Promise<void>>;
}
const { lock } = createRequire(__filename)('proper-lockfile') as ProperLockfile;

/** The lock itself: a directory whose modification time the holder renews every second. */
export const LOCK_FILE_NAME = 'complaints.lock';
/** Who holds the lock, for the error message of whoever is refused. */
export const LOCK_HOLDER_FILE_NAME = 'complaints.lock.holder';

/** A holder whose lock is not renewed for this long is taken as dead. */
export const DEFAULT_LOCK_STALE_MS = 10_000;
/** How often the holder renews the lock (proper-lockfile's minimum). */
const RENEW_EVERY_MS = 1_000;

/** What the holder file records. */
export interface LockHolder {
  pid: number;
  hostname: string;
  /** ISO instant the holder took the lock. */
  startedAt: string;
}

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    /** Undefined when the holder had not yet recorded itself (it had only just taken the lock). */
    readonly holder: LockHolder | undefined,
    reason: string,
  ) {
    const who = holder
      ? `process ${holder.pid} on ${holder.hostname} (started at ${holder.startedAt})`
      : 'another process (which has not recorded itself yet)';
    super(
      `The embedded store in ${dataDir} is in use by ${who}; ${reason}. PGlite must never be opened twice on one directory.`,
    );
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLock {
  readonly path: string;
  readonly holder: LockHolder;
  /** Give the lock back. Idempotent. */
  release(): Promise<void>;
}

export interface DataDirLockOptions {
  /** How long an unrenewed lock is respected (default 10 s, at least 2 s): the longest a restart after a crash waits. */
  staleMs?: number;
  now?: () => Date;
}

/** Locks this process holds, by lock path: a second open here is refused at once. */
const heldHere = new Map<string, LockHolder>();

/**
 * PGlite does not lock its data directory, and two PGlite instances on one directory corrupt it.
 * So the embedded store first takes a heartbeat lock (proper-lockfile): `complaints.lock` is
 * created with mkdir (atomic) and its mtime renewed every second by the holder. Nothing is
 * asked of the holder's pid, so a crashed holder never blocks a restart — not even PID 1 in a
 * container restarted on the same hostname, which a pid check takes as alive for ever:
 *   - renewed while we watch (at most ~1 s) → a live holder → refuse, naming it;
 *   - not renewed for `staleMs` → its holder is dead (crash, SIGKILL, power cut) → taken over;
 *   - held by this very process → refuse at once.
 * Works across hosts on a shared disk too (the mtime is the disk's). The renewal runs on a timer:
 * a holder whose event loop is blocked for longer than `staleMs` can be taken over; proper-lockfile
 * notices at its next renewal, and we then stop the process (see `lockLost`).
 */
export async function acquireDataDirLock(dataDir: string, options: DataDirLockOptions = {}): Promise<DataDirLock> {
  const path = join(dataDir, LOCK_FILE_NAME);
  const holderPath = join(dataDir, LOCK_HOLDER_FILE_NAME);
  const staleMs = Math.max(options.staleMs ?? DEFAULT_LOCK_STALE_MS, 2_000);
  const already = heldHere.get(path);
  if (already) throw new DataDirLockedError(dataDir, already, 'that is this very process, which has it open already');
  const giveUpAt = Date.now() + 3 * staleMs;
  let firstSeen: number | undefined;
  for (;;) {
    removeFileFromBeforeHeartbeats(path, staleMs);
    let release: (() => Promise<void>) | undefined;
    try {
      release = await lock(dataDir, {
        lockfilePath: path,
        realpath: false,
        stale: staleMs,
        update: RENEW_EVERY_MS,
        onCompromised: lockLost(dataDir),
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
    }
    if (release) return recordHolder(path, holderPath, release, options.now ?? (() => new Date()));

    const renewedAt = modifiedAt(path);
    if (renewedAt !== undefined) {
      firstSeen ??= renewedAt;
      if (renewedAt !== firstSeen) {
        throw new DataDirLockedError(
          dataDir,
          readHolder(holderPath),
          'that process is still running (it keeps renewing the lock)',
        );
      }
    }
    if (Date.now() > giveUpAt) {
      throw new DataDirLockedError(
        dataDir,
        readHolder(holderPath),
        `its lock ${path} is neither renewed nor going stale (a clock set ahead?); if no process uses the directory, delete it`,
      );
    }
    await sleep(RENEW_EVERY_MS / 4);
  }
}

/**
 * Our lock was taken over or deleted behind our back: another process may now be writing the
 * same directory. Carrying on would corrupt it, so stop (an uncaught error, as proper-lockfile
 * intends), saying why.
 */
function lockLost(dataDir: string): (error: Error) => void {
  return (error) => {
    throw new Error(
      `Lost the lock on the embedded store in ${dataDir} (${error.message}); stopping so that two processes never write one directory`,
    );
  };
}

function recordHolder(path: string, holderPath: string, release: () => Promise<void>, now: () => Date): DataDirLock {
  const holder: LockHolder = { pid: process.pid, hostname: hostname(), startedAt: now().toISOString() };
  const content = `${JSON.stringify(holder)}\n`;
  // Written aside and renamed: a reader sees the previous holder's record or ours, never half of one.
  const temporary = `${holderPath}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(temporary, content, { mode: 0o644 });
  renameSync(temporary, holderPath);
  heldHere.set(path, holder);
  let released: Promise<void> | undefined;
  return {
    path,
    holder,
    release: () =>
      (released ??= (async () => {
        heldHere.delete(path);
        try {
          if (readFileSync(holderPath, 'utf8') === content) unlinkSync(holderPath);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        }
        try {
          await release();
        } catch (error) {
          // Already gone (taken over after a long stall): nothing of ours left to remove.
          if (
            (error as NodeJS.ErrnoException).code !== 'ERELEASED' &&
            (error as NodeJS.ErrnoException).code !== 'ENOTACQUIRED'
          )
            throw error;
        }
      })()),
  };
}

/**
 * Versions before the heartbeat lock wrote `complaints.lock` as a plain file naming a pid, never
 * renewed. Such a file is removed once it is older than the staleness window — by the new rule
 * its holder stopped renewing long ago. (Stop the old version before starting the new one.)
 */
function removeFileFromBeforeHeartbeats(path: string, staleMs: number): void {
  try {
    const stat = lstatSync(path);
    if (stat.isFile() && stat.mtimeMs < Date.now() - staleMs) rmSync(path, { force: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

function modifiedAt(path: string): number | undefined {
  try {
    return statSync(path).mtimeMs;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function readHolder(path: string): LockHolder | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockHolder>;
    if (typeof parsed.pid !== 'number' || typeof parsed.hostname !== 'string' || typeof parsed.startedAt !== 'string')
      return undefined;
    return { pid: parsed.pid, hostname: parsed.hostname, startedAt: parsed.startedAt };
  } catch {
    return undefined;
  }
}
