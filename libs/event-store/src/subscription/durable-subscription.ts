import type { GlobalPosition, SubscribeOptions, Subscription } from '../port/event-store.port';
import type { CheckpointStore } from '../port/key-store.port';

export const DEFAULT_BATCH_SIZE = 500;

export interface DurableSubscriptionOptions extends Pick<
  SubscribeOptions,
  'subscriptionId' | 'batchSize' | 'eventTypes'
> {
  checkpoints: CheckpointStore;
}

/**
 * What every adapter's Subscription shares, whatever feeds it: the batch size, the durable
 * checkpoint (loaded before the first read, stored after each handled batch), the `eventTypes`
 * filter, and the lifecycle (`run` starts at construction; `stop()` asks it to end and waits;
 * `done` settles with it).
 *
 * Delivery is at least once: a checkpoint is stored only after the handler resolved, so a
 * crash in between re-delivers that batch. An error in `run` (the handler's, or a failed read
 * or checkpoint) stops the subscription: `done` rejects with it.
 */
export abstract class DurableSubscription implements Subscription {
  readonly done: Promise<void>;
  protected readonly batchSize: number;
  /** Position of the last checkpointed event: every event at or below it has been handled. */
  private position: GlobalPosition = 0n;
  private readonly stopping = new AbortController();
  private readonly wanted: ReadonlySet<string> | undefined;

  protected constructor(private readonly durable: DurableSubscriptionOptions) {
    const { batchSize } = durable;
    if (batchSize !== undefined && (!Number.isInteger(batchSize) || batchSize < 1)) {
      throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
    }
    this.batchSize = batchSize ?? DEFAULT_BATCH_SIZE;
    this.wanted = durable.eventTypes ? new Set(durable.eventTypes) : undefined;
    // Started a microtask later: a subclass's own fields are set only after this constructor returns.
    this.done = Promise.resolve().then(() => this.start());
    // Whoever awaits `done` sees the error; nobody awaiting it must not crash the process.
    this.done.catch(() => undefined);
  }

  readonly checkpoint = (): GlobalPosition => this.position;

  /** Ask the loop to stop and wait for it: a batch being handled is finished and checkpointed first. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.done.catch(() => undefined);
  }

  /**
   * Deliver batches until `stopped` is aborted (then return) or something fails (then throw).
   * Called once, after the checkpoint has been loaded.
   */
  protected abstract run(stopped: AbortSignal): Promise<void>;

  protected get stopped(): AbortSignal {
    return this.stopping.signal;
  }

  /** Whether the subscriber asked for events of this type (filtered-out events still move the checkpoint). */
  protected wants(eventType: string): boolean {
    return this.wanted === undefined || this.wanted.has(eventType);
  }

  /** Store `position` as the durable checkpoint, unless the checkpoint is already there or beyond. */
  protected async advanceTo(position: GlobalPosition): Promise<void> {
    if (position <= this.position) return;
    await this.durable.checkpoints.store(this.durable.subscriptionId, position);
    this.position = position;
  }

  private async start(): Promise<void> {
    this.position = await this.durable.checkpoints.load(this.durable.subscriptionId);
    if (this.stopping.signal.aborted) return;
    await this.run(this.stopping.signal);
  }
}
