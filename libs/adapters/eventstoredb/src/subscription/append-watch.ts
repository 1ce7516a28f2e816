import type { Readable } from 'node:stream';
import type { AllStreamResolvedEvent } from '@eventstore/db-client';
import type { StreamScope } from '../mapping/stream-scope';

/** The ESDB `$all` subscription as the watch uses it: a readable of resolved events. */
export type SubscriptionStream = Readable & { unsubscribe(): Promise<void> };

export interface AppendWatchOptions {
  /** Opens a `$all` subscription from the end of the log, filtered by the server to our streams. */
  open(): SubscriptionStream;
  scope: StreamScope;
  /** Called for each event appended to our streams, and once after every (re)subscription. */
  onAppend(): void;
  /** Called when the subscription fails or ends; it is opened again after a backoff. */
  onError?(error: Error): void;
  /** Called once by `stop()` (the store forgets the watch). */
  onStopped?(): void;
  /** First delay before subscribing again, doubled on each failure in a row. Default 250 ms. */
  initialBackoffMs?: number;
  /** Longest delay between attempts. Default 30 s. */
  maxBackoffMs?: number;
}

/**
 * A wake-up signal from EventStoreDB: a live `$all` subscription that says "something was
 * appended to our streams" and nothing else. Whoever listens (projection engine, relay) then
 * reads from its own checkpoint in the SQL database, so the watch carries no position and can
 * never lose or duplicate an event: a missed signal costs at most one poll interval.
 *
 * It starts at the end of the log (the listeners catch up from their checkpoints by themselves)
 * and signals once on every (re)subscription, because appends made while it was down produced
 * no signal. A failed or ended subscription is opened again with exponential backoff, reset as
 * soon as the server confirms a subscription or delivers an event.
 */
export class AppendWatch {
  private readonly initialBackoffMs: number;
  private readonly maxBackoffMs: number;
  private current: SubscriptionStream | undefined;
  private retry: NodeJS.Timeout | undefined;
  private failuresInARow = 0;
  private confirmed = false;
  private stopped = false;

  constructor(private readonly options: AppendWatchOptions) {
    this.initialBackoffMs = options.initialBackoffMs ?? 250;
    this.maxBackoffMs = options.maxBackoffMs ?? 30_000;
    this.subscribe();
  }

  /** Failed attempts since the last good one (for status and tests). */
  get failures(): number {
    return this.failuresInARow;
  }

  /** Whether the server has confirmed the current subscription (or delivered through it). */
  get live(): boolean {
    return this.confirmed;
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.options.onStopped?.();
    clearTimeout(this.retry);
    const stream = this.current;
    this.current = undefined;
    if (stream) await this.close(stream);
  }

  private subscribe(): void {
    if (this.stopped) return;
    let stream: SubscriptionStream;
    try {
      stream = this.options.open();
    } catch (error) {
      this.failed(undefined, error instanceof Error ? error : new Error(String(error)));
      return;
    }
    this.current = stream;
    const healthy = () => {
      this.failuresInARow = 0;
      this.confirmed = true;
    };
    stream.on('confirmation', healthy);
    stream.on('data', (resolved: AllStreamResolvedEvent) => {
      healthy();
      const event = resolved.event;
      if (event && this.options.scope.includes(event.streamId, event.type)) this.options.onAppend();
    });
    stream.on('error', (error: Error) => this.failed(stream, error));
    stream.on('end', () =>
      this.failed(stream, new Error('The EventStoreDB $all subscription was ended by the server')),
    );
    stream.on('close', () => this.failed(stream, new Error('The EventStoreDB $all subscription was closed')));
    // Anything appended while there was no subscription: the listeners look once now.
    this.options.onAppend();
  }

  /** One failure per stream (error, end and close may all follow each other): then subscribe again later. */
  private failed(stream: SubscriptionStream | undefined, error: Error): void {
    if (this.stopped || (stream !== undefined && stream !== this.current)) return;
    this.current = undefined;
    this.confirmed = false;
    if (stream) void this.close(stream);
    this.options.onError?.(error);
    const delay = Math.min(this.maxBackoffMs, this.initialBackoffMs * 2 ** this.failuresInARow);
    this.failuresInARow++;
    this.retry = setTimeout(() => this.subscribe(), delay);
  }

  private async close(stream: SubscriptionStream): Promise<void> {
    stream.removeAllListeners('data');
    // A late error from a stream being torn down must not become an unhandled 'error' event.
    stream.on('error', () => undefined);
    await stream.unsubscribe().catch(() => undefined);
    stream.destroy();
  }
}
