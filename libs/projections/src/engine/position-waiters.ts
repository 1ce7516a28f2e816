import type { GlobalPosition } from '@complaints/event-store';

interface Waiter<F> {
  readonly position: GlobalPosition;
  readonly followers: readonly F[];
  settle(reached: boolean): void;
}

export interface PositionWaitersOptions<F> {
  /** The most callers that may wait at once; past it `wait` answers false at once. */
  maxWaiters: number;
  /** Whether every one of `followers` has applied the log up to `position`. */
  reached(followers: readonly F[], position: GlobalPosition): boolean;
}

/**
 * Read-your-writes: callers parked until the followers they read from (projection runners)
 * have applied the log up to a position — a write's `lastPosition`. Each wait ends true once
 * `recheck` finds the position reached, false at its timeout, false when a follower it waits
 * on is released (it is failing: a read must not wait on it), false for all at `releaseAll`
 * (stopping). Bounded: a flood of readers cannot park without limit.
 */
export class PositionWaiters<F> {
  private readonly waiters = new Set<Waiter<F>>();

  constructor(private readonly options: PositionWaitersOptions<F>) {}

  /** Callers parked right now. */
  get size(): number {
    return this.waiters.size;
  }

  /** Whether a new wait would be refused (it answers false at once). */
  get full(): boolean {
    return this.waiters.size >= this.options.maxWaiters;
  }

  /** Park until `followers` have reached `position` (true), or until `timeoutMs` or a release (false). */
  wait(position: GlobalPosition, followers: readonly F[], timeoutMs: number): Promise<boolean> {
    if (this.options.reached(followers, position)) return Promise.resolve(true);
    if (this.full) return Promise.resolve(false);
    return new Promise<boolean>((resolve) => {
      const waiter: Waiter<F> = {
        position,
        followers,
        settle: (outcome) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(outcome);
        },
      };
      const timer = setTimeout(() => waiter.settle(false), timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** A follower moved: answer true to everyone whose position is now reached. */
  recheck(): void {
    for (const waiter of [...this.waiters]) {
      if (this.options.reached(waiter.followers, waiter.position)) waiter.settle(true);
    }
  }

  /** `follower` is failing: answer false to everyone waiting on it (they read what the tables hold). */
  release(follower: F): void {
    for (const waiter of [...this.waiters]) {
      if (waiter.followers.includes(follower)) waiter.settle(false);
    }
  }

  /** Answer false to everyone (the engine stops). */
  releaseAll(): void {
    for (const waiter of [...this.waiters]) waiter.settle(false);
  }
}
