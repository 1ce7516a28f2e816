/**
 * THE wake-up signal of everything that follows the log (a projection runner, the relay, an
 * observer of another process's checkpoints): an awaitable signal with a timeout. `wake()` is
 * called on an append in this process, a NOTIFY or an EventStoreDB `$all` event from another,
 * or a reader waiting for a position; a sleeper returns at the first wake, at its timeout (the
 * poll interval: a missed wake costs latency, never an event), or when its interrupt aborts.
 *
 * A wake that comes while the follower is busy is not lost: it reads `generation` before it
 * reads the log and hands that to `sleep`, which returns at once if a wake came in between.
 */
export class WakeUp {
  private generationValue = 0;
  private readonly sleepers = new Set<() => void>();

  get generation(): number {
    return this.generationValue;
  }

  wake(): void {
    this.generationValue++;
    for (const end of [...this.sleepers]) end();
  }

  /** Resolve after `ms`, on a wake, at once if woken since `seenGeneration`, or when `interrupt` aborts. */
  sleep(ms: number, seenGeneration: number, interrupt?: AbortSignal): Promise<void> {
    if (this.generationValue !== seenGeneration) return Promise.resolve();
    return waitUntil(ms, interrupt, this.sleepers);
  }
}

/** Wait `ms`, cut short only by `interrupt`: a backoff after a failure, which appends must not end early. */
export function pause(ms: number, interrupt?: AbortSignal): Promise<void> {
  return waitUntil(ms, interrupt);
}

function waitUntil(ms: number, interrupt: AbortSignal | undefined, sleepers?: Set<() => void>): Promise<void> {
  if (interrupt?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const end = () => {
      clearTimeout(timer);
      sleepers?.delete(end);
      interrupt?.removeEventListener('abort', end);
      resolve();
    };
    const timer = setTimeout(end, ms);
    sleepers?.add(end);
    interrupt?.addEventListener('abort', end, { once: true });
  });
}
