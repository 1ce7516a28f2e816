import type { AppendWaiter } from './catch-up-subscription';

/**
 * Wakes waiting subscriptions when something was appended (in this process). The generation counter lets a
 * waiter notice an append that happened between its last read and the moment it went to sleep,
 * so no wake-up is ever lost.
 */
export class AppendSignal implements AppendWaiter {
  private generationValue = 0;
  private readonly waiters = new Set<() => void>();

  get generation(): number {
    return this.generationValue;
  }

  notify(): void {
    this.generationValue++;
    for (const wake of [...this.waiters]) wake();
  }

  /** Resolve on the next append after `seenGeneration` (at once if one already happened), or on abort. */
  wait(seenGeneration: number, interrupt: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        this.waiters.delete(wake);
        interrupt.removeEventListener('abort', wake);
        resolve();
      };
      this.waiters.add(wake);
      interrupt.addEventListener('abort', wake, { once: true });
      if (interrupt.aborted || this.generationValue !== seenGeneration) wake();
    });
  }
}
