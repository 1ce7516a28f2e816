import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirLockedError, LOCK_FILE_NAME, type LockHolder } from '../src';
import { makeTempDir } from './support/temp-dir';

/** The pid of a process that has already exited (and been reaped): certainly not alive. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  if (child.pid === undefined) throw new Error('could not spawn a short-lived process');
  return child.pid;
}

function writeLock(dir: string, holder: LockHolder): void {
  writeFileSync(join(dir, LOCK_FILE_NAME), `${JSON.stringify(holder)}\n`);
}

function readLock(dir: string): LockHolder {
  return JSON.parse(readFileSync(join(dir, LOCK_FILE_NAME), 'utf8')) as LockHolder;
}

describe('data directory lock', () => {
  const dirs: Array<{ remove(): void }> = [];
  const freshDir = () => {
    const dir = makeTempDir('lock');
    dirs.push(dir);
    return dir.path;
  };
  afterEach(() => dirs.splice(0).forEach((dir) => dir.remove()));

  it('records pid, hostname and start time, and removes the file on release', () => {
    const dir = freshDir();
    const lock = acquireDataDirLock(dir, () => new Date('2026-05-04T10:00:00.000Z'));

    expect(readLock(dir)).toEqual({ pid: process.pid, hostname: hostname(), startedAt: '2026-05-04T10:00:00.000Z' });
    lock.release();
    expect(existsSync(join(dir, LOCK_FILE_NAME))).toBe(false);
    lock.release(); // idempotent
  });

  it('refuses a directory held by a live process, naming the directory and the holder', () => {
    const dir = freshDir();
    const held = acquireDataDirLock(dir, () => new Date('2026-05-04T10:00:00.000Z'));

    let error: unknown;
    try {
      acquireDataDirLock(dir);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DataDirLockedError);
    const message = (error as Error).message;
    expect(message).toContain(dir);
    expect(message).toContain(`process ${process.pid}`);
    expect(message).toContain('2026-05-04T10:00:00.000Z');
    expect(message).toContain('still running');
    expect(readLock(dir).pid).toBe(process.pid); // untouched
    held.release();
  });

  it('takes over a stale lock left by a dead process on this host', () => {
    const dir = freshDir();
    writeLock(dir, { pid: deadPid(), hostname: hostname(), startedAt: '2026-01-01T00:00:00.000Z' });

    const lock = acquireDataDirLock(dir);
    expect(readLock(dir).pid).toBe(process.pid);
    lock.release();
  });

  it('takes over a garbled lock file', () => {
    const dir = freshDir();
    writeFileSync(join(dir, LOCK_FILE_NAME), 'not json');
    const lock = acquireDataDirLock(dir);
    expect(readLock(dir).pid).toBe(process.pid);
    lock.release();
  });

  it('refuses a lock taken on another host, whose liveness cannot be checked', () => {
    const dir = freshDir();
    writeLock(dir, { pid: deadPid(), hostname: `not-${hostname()}`, startedAt: '2026-01-01T00:00:00.000Z' });

    expect(() => acquireDataDirLock(dir)).toThrow(DataDirLockedError);
    expect(() => acquireDataDirLock(dir)).toThrow(/another host/);
    expect(readLock(dir).hostname).toBe(`not-${hostname()}`);
  });

  it('never removes a lock that someone else now holds', () => {
    const dir = freshDir();
    const mine = acquireDataDirLock(dir);
    // Someone presumed us dead and took over.
    writeLock(dir, { pid: deadPid(), hostname: hostname(), startedAt: '2026-02-02T00:00:00.000Z' });

    mine.release();
    expect(readLock(dir).startedAt).toBe('2026-02-02T00:00:00.000Z');
  });
});
