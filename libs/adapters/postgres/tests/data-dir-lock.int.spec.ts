import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { runTsFixture, type FixtureExit } from '@complaints/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirLockedError, LOCK_FILE_NAME, LOCK_HOLDER_FILE_NAME, type LockHolder } from '../src';
import { makeTempDir } from './support/temp-dir';

const holdLock = join(__dirname, 'fixtures/hold-data-dir-lock.ts');

function readHolder(dir: string): LockHolder {
  return JSON.parse(readFileSync(join(dir, LOCK_HOLDER_FILE_NAME), 'utf8')) as LockHolder;
}

/** What a holder that died at `diedAt` leaves behind: the lock directory, no longer renewed, and its record. */
function leaveCrashedLock(dir: string, holder: LockHolder, diedAt: Date): void {
  mkdirSync(join(dir, LOCK_FILE_NAME));
  writeFileSync(join(dir, LOCK_HOLDER_FILE_NAME), `${JSON.stringify(holder)}\n`);
  utimesSync(join(dir, LOCK_FILE_NAME), diedAt, diedAt);
}

/** A child process holding the lock on `dir`; resolves once it holds it. */
async function childHoldingLock(
  dir: string,
): Promise<{ child: ChildProcess; pid: number; exit: Promise<FixtureExit> }> {
  let resolveHeld: (held: { child: ChildProcess; pid: number }) => void = () => undefined;
  const held = new Promise<{ child: ChildProcess; pid: number }>((resolve) => (resolveHeld = resolve));
  const exit = runTsFixture(holdLock, [dir], (line, child) => {
    const match = /^locked (\d+)$/.exec(line);
    if (match) resolveHeld({ child, pid: Number(match[1]) });
  });
  const raced = await Promise.race([held, exit.then((e) => e)]);
  if (!('child' in raced)) throw new Error(`the lock-holding child exited (code ${raced.code}): ${raced.stderr}`);
  return { ...raced, exit };
}

describe('data directory lock', () => {
  const dirs: Array<{ remove(): void }> = [];
  const children: ChildProcess[] = [];
  const freshDir = () => {
    const dir = makeTempDir('lock');
    dirs.push(dir);
    return dir.path;
  };
  afterEach(() => {
    children.splice(0).forEach((child) => child.kill('SIGKILL'));
    dirs.splice(0).forEach((dir) => dir.remove());
  });

  it('records pid, hostname and start time beside the lock, and removes both on release', async () => {
    const dir = freshDir();
    const lock = await acquireDataDirLock(dir, { now: () => new Date('2026-05-04T10:00:00.000Z') });

    expect(readHolder(dir)).toEqual({ pid: process.pid, hostname: hostname(), startedAt: '2026-05-04T10:00:00.000Z' });
    expect(statSync(join(dir, LOCK_FILE_NAME)).isDirectory()).toBe(true);
    await lock.release();
    expect(existsSync(join(dir, LOCK_FILE_NAME))).toBe(false);
    expect(existsSync(join(dir, LOCK_HOLDER_FILE_NAME))).toBe(false);
    await lock.release(); // idempotent
    await (await acquireDataDirLock(dir)).release(); // free again
  });

  it('refuses a directory this process already holds, naming the directory and the holder', async () => {
    const dir = freshDir();
    const held = await acquireDataDirLock(dir, { now: () => new Date('2026-05-04T10:00:00.000Z') });

    const error = await acquireDataDirLock(dir).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DataDirLockedError);
    const message = (error as Error).message;
    expect(message).toContain(dir);
    expect(message).toContain(`process ${process.pid} on ${hostname()}`);
    expect(message).toContain('2026-05-04T10:00:00.000Z');
    expect(readHolder(dir).pid).toBe(process.pid); // untouched
    await held.release();
  });

  it(
    'refuses a directory another live process holds, also longer than the staleness window after it took it',
    { timeout: 60_000 },
    async () => {
      const dir = freshDir();
      const holder = await childHoldingLock(dir);
      children.push(holder.child);
      await sleep(2_500); // past the 2 s window below: only the renewals keep it held

      const error = await acquireDataDirLock(dir, { staleMs: 2_000 }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(DataDirLockedError);
      expect((error as Error).message).toContain(`process ${holder.pid} on ${hostname()}`);
      expect((error as Error).message).toContain('still running');
      expect(readHolder(dir).pid).toBe(holder.pid);
    },
  );

  it(
    'takes over from a holder killed with SIGKILL, after at most the staleness window',
    { timeout: 60_000 },
    async () => {
      const dir = freshDir();
      const holder = await childHoldingLock(dir);
      holder.child.kill('SIGKILL');
      expect((await holder.exit).signal).toBe('SIGKILL');

      const lock = await acquireDataDirLock(dir, { staleMs: 2_000 });
      expect(readHolder(dir).pid).toBe(process.pid);
      await lock.release();
    },
  );

  it('takes over from a crashed PID 1 on this same hostname (a container restarted after a crash)', async () => {
    const dir = freshDir();
    leaveCrashedLock(
      dir,
      { pid: 1, hostname: hostname(), startedAt: '2026-01-01T00:00:00.000Z' },
      new Date(Date.now() - 60_000),
    );

    const lock = await acquireDataDirLock(dir);
    expect(readHolder(dir)).toMatchObject({ pid: process.pid, hostname: hostname() });
    await lock.release();
  });

  it('takes over the plain lock file of earlier versions naming PID 1 on this hostname, which a pid check takes as alive for ever', async () => {
    const dir = freshDir();
    const path = join(dir, LOCK_FILE_NAME);
    writeFileSync(path, `${JSON.stringify({ pid: 1, hostname: hostname(), startedAt: '2026-01-01T00:00:00.000Z' })}\n`);
    const longAgo = new Date(Date.now() - 60_000);
    utimesSync(path, longAgo, longAgo);

    const lock = await acquireDataDirLock(dir);
    expect(readHolder(dir).pid).toBe(process.pid);
    await lock.release();
  });

  it('takes over a stale lock whose holder record is missing or garbled', async () => {
    const dir = freshDir();
    leaveCrashedLock(dir, { pid: 1, hostname: hostname(), startedAt: 'x' }, new Date(Date.now() - 60_000));
    writeFileSync(join(dir, LOCK_HOLDER_FILE_NAME), 'not json');

    const lock = await acquireDataDirLock(dir);
    expect(readHolder(dir).pid).toBe(process.pid);
    await lock.release();
  });
});
