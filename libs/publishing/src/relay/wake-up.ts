/**
 * What the idle relay sleeps on: the poll interval or a backoff delay, cut short by `wake()`
 * (an append announced on the LISTEN channel, a call from this process) or by stopping. A wake
 * that arrives while the relay is busy is kept (the generation moved) so the next sleep returns
 * at once and the new event is not left waiting for the poll.
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
