import {
  assertExpectedRevision,
  assertValidReadAll,
  chainEvents,
  EMPTY_STREAM_TIP,
  MAX_EVENT_BYTES,
  prepareAppend,
  recordedEventOf,
  systemClock,
  WrongExpectedRevisionError,
  type AppendOptions,
  type AppendResult,
  type ChainedEvent,
  type Clock,
  type EventStore,
  type GlobalPosition,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type StreamTip,
} from '@complaints/event-store';
import {
  BACKWARDS,
  END,
  FORWARDS,
  START,
  StreamNotFoundError,
  streamNameFilter,
  WrongExpectedVersionError,
  type EventStoreDBClient,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { translatingUnavailable, unavailableOr } from './availability/unavailable';
import { fromEsdbRecord, toEsdbEvent, type EsdbRecord } from './mapping/esdb-envelope';
import {
  fromEsdbCurrentRevision,
  globalPositionOf,
  toEsdbExpectedRevision,
  toEsdbReadRevision,
} from './mapping/revisions';
import { COMPLAINT_STREAM_PREFIXES, StreamScope } from './mapping/stream-scope';
import { LogReader } from './reading/log-reader';
import { AppendWatch, type AppendWatchOptions } from './subscription/append-watch';

export interface EventStoreDbEventStoreOptions {
  client: EventStoreDBClient;
  /** Source of recordedAt. Default: the system clock. */
  clock?: Clock;
  /** The streams that make up this store's global log. Default: the complaint streams. */
  streamPrefixes?: readonly string[];
  /** Largest stored event in bytes. Default MAX_EVENT_BYTES, like every adapter. */
  maxEventBytes?: number;
  /** How often an `any` append re-reads and retries when another writer moved the stream. Default 10. */
  maxAnyAttempts?: number;
}

interface StreamHead extends StreamTip {
  /** Global position of the stream's last event (0n when it has none). */
  position: GlobalPosition;
}

/**
 * The EventStore port on EventStoreDB / KurrentDB. Streams map one to one; the global position
 * is the `$all` commit position (increasing, not dense); revisions are converted at the edge
 * (see mapping/revisions). recordedAt, the schema version and the hash chain travel in each
 * event's ESDB metadata, so the stored history verifies exactly like the SQL adapters'.
 */
export class EventStoreDbEventStore implements EventStore {
  readonly kind = 'eventstoredb';
  private readonly client: EventStoreDBClient;
  private readonly clock: Clock;
  private readonly scope: StreamScope;
  private readonly log: LogReader;
  private readonly maxEventBytes: number;
  private readonly maxAnyAttempts: number;
  private readonly watches = new Set<AppendWatch>();
  private closed = false;

  constructor(options: EventStoreDbEventStoreOptions) {
    this.client = options.client;
    this.clock = options.clock ?? systemClock;
    this.scope = new StreamScope(options.streamPrefixes ?? COMPLAINT_STREAM_PREFIXES);
    this.log = new LogReader(this.client, this.scope);
    this.maxEventBytes = options.maxEventBytes ?? MAX_EVENT_BYTES;
    this.maxAnyAttempts = options.maxAnyAttempts ?? 10;
  }

  /**
   * The hash chain needs the previous event's hash, which only a read can give. So: read the
   * stream's last event, check the expected revision ourselves, chain, and append with ESDB's
   * expected revision set to exactly the revision we read. Another writer in between makes ESDB
   * refuse the append, never fork the chain; for `any` that race is retried on a fresh read.
   */
  async append(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    this.assertOpen();
    this.assertInScope(streamId);
    const prepared = prepareAppend(streamId, events, options.expectedRevision, this.maxEventBytes);
    const expected = options.expectedRevision;
    const attempts = expected === 'any' ? this.maxAnyAttempts : 1;

    for (let attempt = 1; ; attempt++) {
      const head = await this.readHead(streamId);
      assertExpectedRevision(streamId, expected, head.revision);
      if (prepared.length === 0)
        return { streamId, nextRevision: head.revision, positions: [], lastPosition: head.position, recorded: [] };

      const chained = chainEvents(streamId, head, prepared, this.clock.now().toISOString());
      try {
        const result = await this.client.appendToStream(streamId, chained.map(toEsdbEvent), {
          expectedRevision: toEsdbExpectedRevision(head.revision),
        });
        const [only] = chained;
        const recorded =
          only && chained.length === 1 && result.position
            ? [recordedEventOf(only, globalPositionOf(result.position))]
            : await this.readBack(streamId, chained);
        const positions = recorded.map((event) => event.globalPosition);
        const lastPosition = positions.at(-1) ?? head.position;
        return { streamId, nextRevision: head.revision + chained.length, positions, lastPosition, recorded };
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw unavailableOr(error);
        if (attempt < attempts) continue;
        throw new WrongExpectedRevisionError(streamId, expected, fromEsdbCurrentRevision(error.actualVersion));
      }
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    if (options.toRevision !== undefined && options.toRevision < 1) return [];
    const asAt = options.asAt?.getTime();
    const events = await this.readEsdbStream(streamId, {
      fromRevision: START,
      ...(options.toRevision !== undefined ? { maxCount: options.toRevision } : {}),
    });
    // Filtered, not cut at the first later one: writers' clocks may disagree slightly.
    return events.filter((event) => asAt === undefined || Date.parse(event.recordedAt) <= asAt);
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    this.assertOpen();
    assertValidReadAll(options);
    return translatingUnavailable(() => this.log.readAfter(options.after, options.limit));
  }

  async headPosition(): Promise<GlobalPosition> {
    this.assertOpen();
    return translatingUnavailable(() => this.log.head());
  }

  /**
   * Call `onAppend` whenever events are appended to this store's streams (by any process), from
   * a live `$all` subscription filtered by the server to our stream prefixes (so system events
   * and other applications' streams never wake anyone). A wake-up signal only: the listener
   * reads from its own checkpoint. Resubscribes with backoff after a failure; `stop()` ends it.
   */
  watchAppends(
    onAppend: () => void,
    options: Pick<AppendWatchOptions, 'onError' | 'initialBackoffMs' | 'maxBackoffMs'> = {},
  ): AppendWatch {
    this.assertOpen();
    const watch = new AppendWatch({
      ...options,
      scope: this.scope,
      onAppend,
      onStopped: () => this.watches.delete(watch),
      open: () =>
        this.client.subscribeToAll({
          fromPosition: END,
          resolveLinkTos: false,
          filter: streamNameFilter({ prefixes: [...this.scope.prefixes] }),
        }),
    });
    this.watches.add(watch);
    return watch;
  }

  /** Stops every watch, then disposes of the client (the store owns it). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.allSettled([...this.watches].map((watch) => watch.stop()));
    await this.client.dispose();
  }

  private async readHead(streamId: string): Promise<StreamHead> {
    const [last] = await this.readEsdbStream(streamId, { fromRevision: END, direction: BACKWARDS, maxCount: 1 });
    return last
      ? { revision: last.revision, hash: last.hash, position: last.globalPosition }
      : { ...EMPTY_STREAM_TIP, position: 0n };
  }

  /** The events of a multi-event append as stored: ESDB answers with one position only, so read them back. */
  private async readBack(streamId: string, chained: readonly ChainedEvent[]): Promise<RecordedEvent[]> {
    const first = chained[0];
    if (!first) return [];
    const stored = await this.readEsdbStream(streamId, {
      fromRevision: toEsdbReadRevision(first.revision),
      maxCount: chained.length,
    });
    return chained.map((event, i) => {
      const read = stored[i];
      if (!read || read.eventId !== event.eventId)
        throw new Error(`${streamId}@${event.revision} is not the event just appended`);
      return read;
    });
  }

  private async readEsdbStream(
    streamId: string,
    options: {
      fromRevision: typeof START | typeof END | bigint;
      direction?: typeof FORWARDS | typeof BACKWARDS;
      maxCount?: number;
    },
  ): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamId, { ...options, resolveLinkTos: false })) {
        events.push(fromEsdbRecord(recordOf(resolved, streamId)));
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw unavailableOr(error);
    }
    return events;
  }

  private assertInScope(streamId: string): void {
    if (typeof streamId !== 'string' || !this.scope.includes(streamId, 'any')) {
      // Written outside the scope, an event would never appear in readAll or a watch.
      throw new RangeError(
        `Stream ${JSON.stringify(streamId)} is outside this store (prefixes ${this.scope.prefixes.join(', ')})`,
      );
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('The EventStoreDB event store is closed');
  }
}

function recordOf(resolved: ResolvedEvent, streamId: string): EsdbRecord {
  if (!resolved.event) throw new Error(`A read of ${streamId} returned a link to a missing event`);
  return resolved.event;
}
