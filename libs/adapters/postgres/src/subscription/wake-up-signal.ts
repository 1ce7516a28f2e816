import type { AppendWaiter } from '@complaints/event-store';
import type { SqlExecutor } from '../sql/sql-executor';

/**
 * What a caught-up subscription on the SQL store sleeps on: the poll interval, cut short when
 * an append is announced (LISTEN/NOTIFY), so a live subscription reacts at once instead of at
 * its next poll. One listener per store, started on first use. The notification is only an
 * accelerator: subscriptions poll regardless, so a missed or failed one costs latency, never
 * an event (another process's appends are seen the same way).
 */
export class WakeUpSignal implements AppendWaiter {
  /** Bumped on every notification; lets a sleeper notice one that arrived just before it slept. */
  private generationValue = 0;
  private readonly sleepers = new Set<() => void>();
  private listening: Promise<(() => Promise<void>) | undefined> | undefined;
  private closed = false;

  constructor(
    private readonly sql: SqlExecutor,
    private readonly channel: string,
    private readonly pollIntervalMs: number,
  ) {}

  get generation(): number {
    return this.generationValue;
  }

  /**
   * Sleep up to the poll interval; return early on a notification, on `interrupt`, or at once
   * if a notification came after `seenGeneration` was read.
   */
  wait(seenGeneration: number, interrupt: AbortSignal): Promise<void> {
    this.startListening();
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        interrupt.removeEventListener('abort', wake);
        resolve();
      };
      const timer = setTimeout(wake, this.pollIntervalMs);
      this.sleepers.add(wake);
      interrupt.addEventListener('abort', wake, { once: true });
      if (interrupt.aborted || this.generationValue !== seenGeneration) wake();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const wake of [...this.sleepers]) wake();
    const unlisten = await this.listening;
    await unlisten?.().catch(() => undefined);
  }

  /**
   * Once listening, the executor keeps the LISTEN up by itself (and calls back once after
   * re-listening). If even the first LISTEN fails (the database is down), the next sleeper tries
   * again: at most once per poll interval, since each sleeper waits that long.
   */
  private startListening(): void {
    if (this.listening || this.closed) return;
    const listening = this.sql
      .listen(this.channel, () => {
        this.generationValue++;
        for (const wake of [...this.sleepers]) wake();
      })
      .catch(() => {
        if (this.listening === listening) this.listening = undefined;
        return undefined;
      });
    this.listening = listening;
  }
}
