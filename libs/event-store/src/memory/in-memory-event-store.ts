import { chainEvents, EMPTY_STREAM_TIP, recordedEventOf } from '../append/chain-events';
import { assertExpectedRevision } from '../append/expected-revision';
import { prepareAppend } from '../append/prepare-append';
import { assertValidReadAll } from '../reading/read-all-options';
import {
  MAX_EVENT_BYTES,
  systemClock,
  type AppendOptions,
  type AppendResult,
  type Clock,
  type EventStore,
  type GlobalPosition,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
} from '../port/event-store.port';

export interface InMemoryEventStoreOptions {
  /** Source of recordedAt. Default: the system clock. */
  clock?: Clock;
  /** Largest stored event in bytes. Default MAX_EVENT_BYTES, like every adapter. */
  maxEventBytes?: number;
}

/**
 * A real EventStore in memory, honouring the whole port (expected revisions, hash chain,
 * recorded time from the Clock, size limit, dense global positions). It exists so the layers
 * above can be tested fast and without a database; the same contract suite runs against it as
 * against the production adapters.
 *
 * Events are deep-copied on the way in and out, so a caller mutating what it read can never
 * change the history (which would also silently break the hash chain).
 */
export class InMemoryEventStore implements EventStore {
  readonly kind = 'memory';
  private readonly log: RecordedEvent[] = [];
  private readonly streams = new Map<string, RecordedEvent[]>();
  private readonly eventIds = new Set<string>();
  private readonly clock: Clock;
  private readonly maxEventBytes: number;
  private closed = false;

  constructor(options: InMemoryEventStoreOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.maxEventBytes = options.maxEventBytes ?? MAX_EVENT_BYTES;
  }

  /** All or nothing: every check runs before the first event is added. */
  async append(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    this.assertOpen();
    const prepared = prepareAppend(streamId, events, options.expectedRevision, this.maxEventBytes);
    const stream = this.streams.get(streamId) ?? [];
    assertExpectedRevision(streamId, options.expectedRevision, stream.length);
    assertUniqueIds(
      prepared.map((event) => event.eventId),
      this.eventIds,
    );

    if (prepared.length === 0) {
      const lastPosition = stream.at(-1)?.globalPosition ?? 0n;
      return { streamId, nextRevision: stream.length, positions: [], lastPosition, recorded: [] };
    }

    const tip = stream.at(-1) ?? EMPTY_STREAM_TIP;
    const chained = chainEvents(streamId, tip, prepared, this.clock.now().toISOString());
    const recorded = chained.map((event, i) => recordedEventOf(event, BigInt(this.log.length + i + 1)));

    stream.push(...recorded);
    this.streams.set(streamId, stream);
    this.log.push(...recorded);
    for (const event of recorded) this.eventIds.add(event.eventId);

    const positions = recorded.map((event) => event.globalPosition);
    return {
      streamId,
      nextRevision: stream.length,
      positions,
      lastPosition: BigInt(this.log.length),
      recorded: recorded.map(copyOf),
    };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const asAt = options.asAt?.getTime();
    return (this.streams.get(streamId) ?? [])
      .filter((event) => options.toRevision === undefined || event.revision <= options.toRevision)
      .filter((event) => asAt === undefined || Date.parse(event.recordedAt) <= asAt)
      .map(copyOf);
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    this.assertOpen();
    assertValidReadAll(options);
    // Positions are dense and 1-based, so the event after position N sits at index N.
    const start = options.after > BigInt(this.log.length) ? this.log.length : Number(options.after);
    return this.log.slice(start, start + options.limit).map(copyOf);
  }

  async headPosition(): Promise<GlobalPosition> {
    this.assertOpen();
    return BigInt(this.log.length);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('The in-memory event store is closed');
  }
}

/** Event ids are unique across the whole store, as the SQL adapters' unique index makes them. */
function assertUniqueIds(ids: readonly string[], existing: ReadonlySet<string>): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (existing.has(id) || seen.has(id)) throw new Error(`An event with id ${id} is already stored`);
    seen.add(id);
  }
}

function copyOf(event: RecordedEvent): RecordedEvent {
  return structuredClone(event);
}
