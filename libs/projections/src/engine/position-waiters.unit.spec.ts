import { afterEach, describe, expect, it, vi } from 'vitest';
import { PositionWaiters } from './position-waiters';

const AN_HOUR = 3_600_000;

interface Follower {
  name: string;
  checkpoint: bigint;
}

function waitersOver(maxWaiters = 10) {
  return new PositionWaiters<Follower>({
    maxWaiters,
    reached: (followers, position) => followers.every((follower) => follower.checkpoint >= position),
  });
}

/** What each promise has answered so far (undefined while it waits). */
async function answers(promises: Promise<boolean>[]): Promise<(boolean | undefined)[]> {
  const seen: (boolean | undefined)[] = promises.map(() => undefined);
  promises.forEach((promise, i) => void promise.then((value) => (seen[i] = value)));
  await new Promise((resolve) => setImmediate(resolve));
  return seen;
}

describe('PositionWaiters', () => {
  afterEach(() => vi.useRealTimers());

  it('answers true at once for a position already reached, and without parking anyone', async () => {
    const waiters = waitersOver();
    const summaries = { name: 'summaries', checkpoint: 7n };
    expect(await waiters.wait(7n, [summaries], AN_HOUR)).toBe(true);
    expect(waiters.size).toBe(0);
  });

  it('answers true once every follower it waits on has reached the position, not before', async () => {
    const waiters = waitersOver();
    const summaries = { name: 'summaries', checkpoint: 0n };
    const files = { name: 'files', checkpoint: 0n };
    const both = waiters.wait(5n, [summaries, files], AN_HOUR);
    const later = waiters.wait(9n, [summaries], AN_HOUR);
    summaries.checkpoint = 5n;
    waiters.recheck();
    expect(await answers([both, later])).toEqual([undefined, undefined]);
    files.checkpoint = 5n;
    waiters.recheck();
    expect(await answers([both, later])).toEqual([true, undefined]);
    expect(waiters.size).toBe(1);
  });

  it('answers false at the timeout', async () => {
    vi.useFakeTimers();
    const waiters = waitersOver();
    const waiting = waiters.wait(5n, [{ name: 'summaries', checkpoint: 0n }], 1000);
    await vi.advanceTimersByTimeAsync(1000);
    await expect(waiting).resolves.toBe(false);
    expect(waiters.size).toBe(0);
  });

  it('releases with false only those waiting on a failing follower', async () => {
    const waiters = waitersOver();
    const summaries = { name: 'summaries', checkpoint: 0n };
    const files = { name: 'files', checkpoint: 0n };
    const onSummaries = waiters.wait(5n, [summaries], AN_HOUR);
    const onFiles = waiters.wait(5n, [files], AN_HOUR);
    waiters.release(summaries);
    expect(await answers([onSummaries, onFiles])).toEqual([false, undefined]);
    waiters.releaseAll();
    expect(await answers([onFiles])).toEqual([false]);
    expect(waiters.size).toBe(0);
  });

  it('refuses a wait past maxWaiters with false at once, and takes one again once a place is free', async () => {
    const waiters = waitersOver(1);
    const summaries = { name: 'summaries', checkpoint: 0n };
    const first = waiters.wait(5n, [summaries], AN_HOUR);
    expect(waiters.full).toBe(true);
    expect(await waiters.wait(5n, [summaries], AN_HOUR)).toBe(false);
    summaries.checkpoint = 5n;
    waiters.recheck();
    expect(await first).toBe(true);
    expect(waiters.full).toBe(false);
  });
});
