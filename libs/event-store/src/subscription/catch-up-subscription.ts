import type { GlobalPosition, RecordedEvent, SubscribeOptions } from '../port/event-store.port';
import type { CheckpointStore } from '../port/key-store.port';
import { DurableSubscription } from './durable-subscription';

/** What a caught-up subscription sleeps on until the log may have grown. */
export interface AppendWaiter {
  /** Changes whenever an append was announced; read it before a read, hand it to `wait` after. */
  readonly generation: number;
  /**
   * Resolve once the log may have grown since `seenGeneration` was read (at once if an append
   * was announced since), or when `interrupt` aborts. An implementation may also resolve on a
   * timer, to poll: a caught-up subscription just reads again.
   */
  wait(seenGeneration: number, interrupt: AbortSignal): Promise<void>;
}

export interface CatchUpSubscriptionOptions extends SubscribeOptions {
  /** The global log after a position, in order, at most `limit` events. */
  readAll(after: GlobalPosition, limit: number): Promise<RecordedEvent[]>;
  checkpoints: CheckpointStore;
  appended: AppendWaiter;
}

/**
 * Catch up from the durable checkpoint in batches, then follow the live log, woken by appends.
 *
 * Correct only over a log whose positions become visible in order: reading "after the
 * checkpoint" must never skip an event that commits later. The in-memory log is such a log;
 * the SQL adapters make theirs one (the global_head row lock, see SqlEventStore.append).
 */
export class CatchUpSubscription extends DurableSubscription {
  constructor(private readonly options: CatchUpSubscriptionOptions) {
    super(options);
  }

  protected async run(stopped: AbortSignal): Promise<void> {
    const { handler, appended } = this.options;
    while (!stopped.aborted) {
      const seen = appended.generation;
      const batch = await this.options.readAll(this.checkpoint(), this.batchSize);
      if (stopped.aborted) return;
      const last = batch.at(-1);
      if (!last) {
        await appended.wait(seen, stopped);
        continue;
      }
      const relevant = batch.filter((event) => this.wants(event.type));
      if (relevant.length > 0) await handler.handle(relevant);
      await this.advanceTo(last.globalPosition);
    }
  }
}
