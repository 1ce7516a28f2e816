import { afterEach, describe, expect, it, vi } from 'vitest';
import { pause, WakeUp } from './wake-up';

const AN_HOUR = 3_600_000;

/** Whether `promise` has settled once everything queued so far has run. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  await new Promise((resolve) => setImmediate(resolve));
  return done;
}

describe('WakeUp', () => {
  afterEach(() => vi.useRealTimers());

  it('a wake ends a long sleep', async () => {
    const signal = new WakeUp();
    const sleeping = signal.sleep(AN_HOUR, signal.generation);
    expect(await settled(sleeping)).toBe(false);
    signal.wake();
    expect(await settled(sleeping)).toBe(true);
  });

  it('a wake that came while the sleeper was busy is not lost: the next sleep returns at once', async () => {
    const signal = new WakeUp();
    const seen = signal.generation;
    signal.wake();
    expect(await settled(signal.sleep(AN_HOUR, seen))).toBe(true);
  });

  it('an abort ends a sleep, and a sleep asked for after the abort returns at once', async () => {
    const signal = new WakeUp();
    const stopping = new AbortController();
    const sleeping = signal.sleep(AN_HOUR, signal.generation, stopping.signal);
    stopping.abort();
    expect(await settled(sleeping)).toBe(true);
    expect(await settled(signal.sleep(AN_HOUR, signal.generation, stopping.signal))).toBe(true);
  });

  it('without a wake, a sleep ends at its timeout (the poll interval)', async () => {
    vi.useFakeTimers();
    const signal = new WakeUp();
    const sleeping = signal.sleep(1000, signal.generation);
    await vi.advanceTimersByTimeAsync(999);
    expect(await settledWithFakeTimers(sleeping)).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await settledWithFakeTimers(sleeping)).toBe(true);
  });
});

describe('pause', () => {
  it('is not ended by a wake, only by its interrupt', async () => {
    const signal = new WakeUp();
    const stopping = new AbortController();
    const pausing = pause(AN_HOUR, stopping.signal);
    signal.wake();
    expect(await settled(pausing)).toBe(false);
    stopping.abort();
    expect(await settled(pausing)).toBe(true);
  });
});

async function settledWithFakeTimers(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  await Promise.resolve();
  await Promise.resolve();
  return done;
}
