import type { CheckpointStore } from '../port/key-store.port';
import type { GlobalPosition, RecordedEvent, SubscribeOptions, Subscription } from '../port/event-store.port';
import type { AppendSignal } from './append-signal';

export interface CatchUpSubscriptionOptions extends SubscribeOptions {
  readAll(after: GlobalPosition, limit: number): Promise<RecordedEvent[]>;
  checkpoints: CheckpointStore;
  appended: AppendSignal;
}

export const DEFAULT_BATCH_SIZE = 500;

/**
 * Catch up from the durable checkpoint in batches, then follow the live log, woken by appends.
 * Correct only over a log whose positions become visible in order (the in-memory log is).
 *
 * Delivery is at least once: the checkpoint is stored after the handler resolves, so a crash in
 * between re-delivers that batch. Events filtered out by `eventTypes` still move the checkpoint.
 * A handler error, or a failed read or checkpoint, stops the subscription: `done` rejects with it.
 */
export class CatchUpSubscription implements Subscription {
  readonly done: Promise<void>;
  private position: GlobalPosition = 0n;
  private readonly stopping = new AbortController();

  constructor(private readonly options: CatchUpSubscriptionOptions) {
    if (options.batchSize !== undefined && (!Number.isInteger(options.batchSize) || options.batchSize < 1)) {
      throw new RangeError(`batchSize must be a positive integer, got ${options.batchSize}`);
    }
    this.done = this.run();
    // Whoever awaits `done` sees the error; nobody awaiting it must not crash the process.
    this.done.catch(() => undefined);
  }

  readonly checkpoint = (): GlobalPosition => this.position;

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.done.catch(() => undefined);
  }

  private async run(): Promise<void> {
    const { subscriptionId, handler, checkpoints, appended } = this.options;
    const batchSize = this.options.batchSize ?? DEFAULT_BATCH_SIZE;
    const wanted = this.options.eventTypes ? new Set(this.options.eventTypes) : undefined;
    const stopped = this.stopping.signal;

    this.position = await checkpoints.load(subscriptionId);
    while (!stopped.aborted) {
      const seen = appended.generation;
      const batch = await this.options.readAll(this.position, batchSize);
      if (stopped.aborted) return;
      const last = batch.at(-1);
      if (!last) {
        await appended.wait(seen, stopped);
        continue;
      }
      const relevant = wanted ? batch.filter((event) => wanted.has(event.type)) : batch;
      if (relevant.length > 0) await handler.handle(relevant);
      await checkpoints.store(subscriptionId, last.globalPosition);
      this.position = last.globalPosition;
    }
  }
}
