/**
 * What an idle runner (a projection's, the relay's) sleeps on: the poll interval or a backoff
 * delay, cut short by `wake()` (an append in this process, a NOTIFY from another, a reader
 * waiting for a position) or by stopping. A wake that comes while the runner is busy is not
 * lost: the generation moved, so its next sleep returns at once.
 */
export class WakeUp {
  private generationValue = 0;
  private readonly sleepers = new Set<() => void>();

  get generation(): number {
    return this.generationValue;
  }

  wake(): void {
    this.generationValue++;
    for (const resolve of [...this.sleepers]) resolve();
  }

  /** Resolve after `ms`, on a wake, or at once if woken since `seenGeneration`. */
  sleep(ms: number, seenGeneration: number): Promise<void> {
    if (this.generationValue !== seenGeneration) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.sleepers.add(done);
    });
  }
}
