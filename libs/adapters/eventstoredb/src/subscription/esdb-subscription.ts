import type { Readable } from 'node:stream';
import {
  DurableSubscription,
  type CheckpointStore,
  type GlobalPosition,
  type RecordedEvent,
  type SubscribeOptions,
} from '@complaints/event-store';
import type { AllStreamResolvedEvent, Position, ReadPosition } from '@eventstore/db-client';
import { fromEsdbRecord } from '../mapping/esdb-envelope';
import { eventReadPosition, isEventPosition } from '../mapping/revisions';
import type { StreamScope } from '../mapping/stream-scope';
import { positionOf } from '../reading/log-reader';

/** The ESDB catch-up subscription as this class uses it: a readable of resolved events. */
export type SubscriptionStream = Readable & { unsubscribe(): Promise<void> };

export interface SubscriptionSource {
  /**
   * Subscribe to `$all` after `from` (exclusive), filtered to our streams. `onCheckpoint` is
   * called, and awaited, in stream order whenever the server reports how far it has searched.
   */
  open(from: ReadPosition, onCheckpoint: (position: Position) => Promise<void>): SubscriptionStream;
  /** The last event position (any stream) before a record boundary; 0n if none. */
  eventPositionBefore(boundary: bigint): Promise<GlobalPosition>;
}

export interface EsdbSubscriptionOptions extends SubscribeOptions {
  source: SubscriptionSource;
  checkpoints: CheckpointStore;
  scope: StreamScope;
}

interface PendingCheckpoint {
  position: Position;
  release(): void;
}

/**
 * A durable subscription on EventStoreDB's own catch-up subscription to `$all`.
 *
 * Batches are what the stream has buffered (up to batchSize); after each handled batch the
 * position of its last event is stored in the CheckpointStore. The server's checkpoints (sent
 * while it skips other streams) also move the stored checkpoint, so a restart after a long
 * stretch of foreign events does not search it again. Such a checkpoint is only applied once
 * every event delivered before it has been handled: the client awaits our callback before it
 * reads on, so everything before the checkpoint is already in the buffer, and the buffer is
 * drained first.
 *
 * Our checkpoint N always means "every event at a position <= N is handled", and N is always
 * an event position, because ESDB can only resume from a record boundary. A server checkpoint
 * between records is therefore converted to the last event before it.
 */
export class EsdbSubscription extends DurableSubscription {
  private readonly pending: PendingCheckpoint[] = [];
  private wakeUp: (() => void) | undefined;
  private streamError: Error | undefined;
  private streamEnded = false;

  constructor(private readonly options: EsdbSubscriptionOptions) {
    super(options);
  }

  protected async run(stopped: AbortSignal): Promise<void> {
    const { subscriptionId, source } = this.options;
    const stream = source.open(eventReadPosition(this.checkpoint()), (position) => this.checkpointReached(position));
    const wake = () => this.wake();
    stopped.addEventListener('abort', wake, { once: true });
    stream.on('readable', wake);
    stream.on('error', (error: Error) => {
      this.streamError = error;
      wake();
    });
    stream.on('end', () => {
      this.streamEnded = true;
      wake();
    });
    try {
      while (!stopped.aborted) {
        const batch = readBuffered(stream, this.batchSize);
        if (batch.length > 0) {
          await this.handle(batch);
          continue;
        }
        if (this.streamError) throw this.streamError;
        const checkpoint = this.pending.shift();
        if (checkpoint) {
          try {
            await this.applyServerCheckpoint(checkpoint.position);
          } finally {
            checkpoint.release();
          }
          continue;
        }
        if (this.streamEnded)
          throw new Error(`The EventStoreDB subscription ${subscriptionId} was ended by the server`);
        await new Promise<void>((resolve) => (this.wakeUp = resolve));
      }
    } finally {
      stopped.removeEventListener('abort', wake);
      for (const checkpoint of this.pending.splice(0)) checkpoint.release();
      await stream.unsubscribe().catch(() => undefined);
      stream.destroy();
    }
  }

  private async handle(batch: readonly AllStreamResolvedEvent[]): Promise<void> {
    const relevant: RecordedEvent[] = [];
    let last = this.checkpoint();
    for (const resolved of batch) {
      const position = positionOf(resolved);
      // At least once from the server, exactly once to the handler within one run.
      if (!position || position.commit <= last) continue;
      last = position.commit;
      const event = resolved.event;
      if (!event || !this.options.scope.includes(event.streamId, event.type)) continue;
      const recorded = fromEsdbRecord(event);
      if (this.wants(recorded.type)) relevant.push(recorded);
    }
    if (relevant.length > 0) await this.options.handler.handle(relevant);
    await this.advanceTo(last);
  }

  private async applyServerCheckpoint(position: Position): Promise<void> {
    // An event position covers that event; a position between records covers what lies before it.
    const covered = isEventPosition(position)
      ? position.commit
      : await this.options.source.eventPositionBefore(position.commit);
    await this.advanceTo(covered);
  }

  /** The client's checkpoint callback: queued for the loop, resolved once applied (it must never reject). */
  private checkpointReached(position: Position): Promise<void> {
    if (this.stopped.aborted) return Promise.resolve();
    return new Promise<void>((release) => {
      this.pending.push({ position, release });
      this.wake();
    });
  }

  private wake(): void {
    const wakeUp = this.wakeUp;
    this.wakeUp = undefined;
    wakeUp?.();
  }
}

function readBuffered(stream: Readable, max: number): AllStreamResolvedEvent[] {
  const batch: AllStreamResolvedEvent[] = [];
  while (batch.length < max) {
    const item = stream.read() as AllStreamResolvedEvent | null;
    if (item === null) break;
    batch.push(item);
  }
  return batch;
}
