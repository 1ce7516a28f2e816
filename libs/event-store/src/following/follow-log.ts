import { backoffDelay, type BackoffOptions } from '../retry/backoff';
import { pause, type WakeUp } from './wake-up';

/**
 * What one step of a follower did. more: step again at once (a full batch, a lease just taken);
 * idle: caught up (or waiting for something), sleep until a wake or the poll interval;
 * done: nothing left to follow, end the loop.
 */
export type FollowStep = 'more' | 'idle' | 'done';

export interface FollowLogOptions {
  /**
   * One step: read the next batch after the follower's own checkpoint and handle it. A step
   * that throws is retried (from the checkpoint, which it did not move) after the retry wait.
   */
  step(): Promise<FollowStep>;
  /** Ends an idle sleep early. */
  wakeUp: WakeUp;
  /** How long an idle follower sleeps when nothing wakes it; read before each sleep. */
  pollIntervalMs: number | (() => number);
  /** Stops the loop: no step starts once it aborted, and every sleep ends. */
  stopped: AbortSignal;
  /** Told of each failed step, and awaited before the retry wait; must not throw. */
  onError(error: unknown): void | Promise<void>;
  /**
   * The wait after a failed step. Given: `backoffDelay(failures in a row)`, which only stopping
   * cuts short (a failing broker is not hammered on every append). Not given: the poll
   * interval, ended early by a wake (like an idle sleep).
   */
  retryBackoff?: BackoffOptions;
}

/**
 * THE loop that follows the log, shared by the projection engine and the relay: step (read a
 * batch from the follower's position and handle it), then step again, sleep until the next
 * append or the poll interval, or back off after a failure; until `stopped` aborts. Resolves
 * when it has stopped (never rejects: failures go to `onError`).
 */
export async function followLog(options: FollowLogOptions): Promise<void> {
  const { wakeUp, stopped } = options;
  const interval = () =>
    typeof options.pollIntervalMs === 'function' ? options.pollIntervalMs() : options.pollIntervalMs;
  let failures = 0;
  while (!stopped.aborted) {
    const seen = wakeUp.generation;
    let step: FollowStep;
    try {
      step = await options.step();
      failures = 0;
    } catch (error) {
      failures++;
      await options.onError(error);
      if (options.retryBackoff) await pause(backoffDelay(failures, options.retryBackoff), stopped);
      else await wakeUp.sleep(interval(), seen, stopped);
      continue;
    }
    if (step === 'done') return;
    if (step === 'idle') await wakeUp.sleep(interval(), seen, stopped);
  }
}
