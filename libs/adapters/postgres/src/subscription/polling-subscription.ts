import type { CheckpointStore, GlobalPosition, RecordedEvent, SubscribeOptions, Subscription } from '@complaints/event-store';
import type { WakeUpSignal } from './wake-up-signal';

export interface PollingSubscriptionOptions extends SubscribeOptions {
  readAll(after: GlobalPosition, limit: number): Promise<RecordedEvent[]>;
  checkpoints: CheckpointStore;
  wakeUp: WakeUpSignal;
  pollIntervalMs: number;
}

export const DEFAULT_SUBSCRIPTION_BATCH_SIZE = 500;

/**
 * Catch up from the durable checkpoint in batches, then follow the live log by polling (woken
 * early by notifications). Relies on the store's guarantee that the global log is dense and
 * visible in commit order: reading "after the checkpoint" can never skip an event that commits
 * later.
 *
 * Delivery is at least once: the checkpoint is stored after the handler resolves, so a crash
 * between the two re-delivers that batch on restart. Filtered-out events still advance the
 * checkpoint. A handler error, or a failure to read or checkpoint, stops the subscription with
 * that error (`done` rejects); the owner decides whether to restart it.
 */
export class PollingSubscription implements Subscription {
  readonly done: Promise<void>;
  private position: GlobalPosition = 0n;
  private readonly stopping = new AbortController();

  constructor(private readonly options: PollingSubscriptionOptions) {
    if (options.batchSize !== undefined && (!Number.isInteger(options.batchSize) || options.batchSize < 1)) {
      throw new RangeError(`batchSize must be a positive integer, got ${options.batchSize}`);
    }
    this.done = this.run();
    // `done` rejects with the handler's error for whoever awaits it; nobody awaiting it must not
    // turn that into an unhandled rejection that kills the process.
    this.done.catch(() => undefined);
  }

  readonly checkpoint = (): GlobalPosition => this.position;

  /** Ask the loop to stop and wait for it: a batch being handled is finished and checkpointed first. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.done.catch(() => undefined);
  }

  private async run(): Promise<void> {
    const { subscriptionId, handler, checkpoints, wakeUp } = this.options;
    const batchSize = this.options.batchSize ?? DEFAULT_SUBSCRIPTION_BATCH_SIZE;
    const wanted = this.options.eventTypes ? new Set(this.options.eventTypes) : undefined;
    const stopped = this.stopping.signal;

    this.position = await checkpoints.load(subscriptionId);
    while (!stopped.aborted) {
      const seenGeneration = wakeUp.generation;
      const batch = await this.options.readAll(this.position, batchSize);
      if (stopped.aborted) return;
      const lastEvent = batch.at(-1);
      if (lastEvent === undefined) {
        await wakeUp.sleep(this.options.pollIntervalMs, stopped, seenGeneration);
        continue;
      }
      const relevant = wanted ? batch.filter((event) => wanted.has(event.type)) : batch;
      if (relevant.length > 0) await handler.handle(relevant);
      const last = lastEvent.globalPosition;
      await checkpoints.store(subscriptionId, last);
      this.position = last;
    }
  }
}
