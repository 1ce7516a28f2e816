import { afterEach, describe, expect, it, vi } from 'vitest';
import { followLog, type FollowStep } from './follow-log';
import { WakeUp } from './wake-up';

const AN_HOUR = 3_600_000;

/** A follower whose steps answer from a script; it records how many steps ran. */
function scripted(answers: (FollowStep | Error)[]) {
  const state = { steps: 0, errors: [] as unknown[] };
  const step = async (): Promise<FollowStep> => {
    const answer = answers[state.steps++] ?? 'idle';
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return { state, step };
}

/** Let the loop run everything it can without a timer firing. */
const drain = () => new Promise((resolve) => setImmediate(resolve));

describe('followLog', () => {
  afterEach(() => vi.useRealTimers());

  it('steps again at once while there is more, then sleeps until an append wakes it', async () => {
    const wakeUp = new WakeUp();
    const stopping = new AbortController();
    const { state, step } = scripted(['more', 'more', 'idle', 'idle']);
    const loop = followLog({
      step,
      wakeUp,
      pollIntervalMs: AN_HOUR,
      stopped: stopping.signal,
      onError: () => undefined,
    });
    await drain();
    expect(state.steps).toBe(3);
    wakeUp.wake();
    await drain();
    expect(state.steps).toBe(4);
    stopping.abort();
    await loop;
  });

  it('does not lose a wake that came during a step', async () => {
    const wakeUp = new WakeUp();
    const stopping = new AbortController();
    let steps = 0;
    const loop = followLog({
      step: async () => {
        if (++steps === 1) wakeUp.wake(); // an append while the first batch was being read
        return 'idle';
      },
      wakeUp,
      pollIntervalMs: AN_HOUR,
      stopped: stopping.signal,
      onError: () => undefined,
    });
    await drain();
    expect(steps).toBe(2);
    stopping.abort();
    await loop;
  });

  it('without a backoff, retries a failed step at the next wake; with one, only after the backoff', async () => {
    vi.useFakeTimers();
    const failure = new Error('database down');
    for (const retryBackoff of [undefined, { initialMs: 1000, maxMs: 1000 }]) {
      const wakeUp = new WakeUp();
      const stopping = new AbortController();
      const { state, step } = scripted([failure, 'idle']);
      const loop = followLog({
        step,
        wakeUp,
        pollIntervalMs: AN_HOUR,
        stopped: stopping.signal,
        onError: (error) => void state.errors.push(error),
        ...(retryBackoff ? { retryBackoff } : {}),
      });
      await vi.advanceTimersByTimeAsync(0);
      expect(state.errors).toEqual([failure]);
      wakeUp.wake();
      await vi.advanceTimersByTimeAsync(0);
      expect(state.steps).toBe(retryBackoff ? 1 : 2);
      await vi.advanceTimersByTimeAsync(1000);
      expect(state.steps).toBe(2);
      stopping.abort();
      await loop;
    }
  });

  it('re-reads the poll interval before each sleep', async () => {
    vi.useFakeTimers();
    const wakeUp = new WakeUp();
    const stopping = new AbortController();
    let interval = AN_HOUR;
    const { state, step } = scripted([]);
    const loop = followLog({
      step,
      wakeUp,
      pollIntervalMs: () => interval,
      stopped: stopping.signal,
      onError: () => undefined,
    });
    await vi.advanceTimersByTimeAsync(0);
    interval = 50;
    wakeUp.wake();
    await vi.advanceTimersByTimeAsync(50);
    expect(state.steps).toBe(3);
    stopping.abort();
    await loop;
  });

  it('ends when a step says done, and when stopped (mid-sleep or mid-backoff) with no further step', async () => {
    const wakeUp = new WakeUp();
    const done = scripted(['more', 'done']);
    await followLog({
      step: done.step,
      wakeUp,
      pollIntervalMs: AN_HOUR,
      stopped: new AbortController().signal,
      onError: () => undefined,
    });
    expect(done.state.steps).toBe(2);

    for (const retryBackoff of [undefined, { initialMs: AN_HOUR, maxMs: AN_HOUR }]) {
      const stopping = new AbortController();
      const { state, step } = scripted([new Error('broker down')]);
      const loop = followLog({
        step,
        wakeUp,
        pollIntervalMs: AN_HOUR,
        stopped: stopping.signal,
        onError: () => undefined,
        ...(retryBackoff ? { retryBackoff } : {}),
      });
      await drain();
      stopping.abort();
      await loop;
      expect(state.steps).toBe(1);
    }
  });
});
