import {
  assertExpectedRevision,
  assertValidReadAll,
  CatchUpSubscription,
  chainEvents,
  OpenSubscriptions,
  prepareAppend,
  recordedEventOf,
  systemClock,
  type AppendOptions,
  type AppendResult,
  type CheckpointStore,
  type Clock,
  type EventStore,
  type GlobalPosition,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeOptions,
  type Subscription,
} from '@complaints/event-store';
import type { SqlExecutor, SqlParam } from '../sql/sql-executor';
import { SqlCheckpointStore } from '../checkpoints/sql-checkpoint-store';
import { WakeUpSignal } from '../subscription/wake-up-signal';
import { EVENT_COLUMNS, toRecordedEvent, type EventRow } from './event-rows';
import { lastPositionOf, lockStream, writeEvents, type LockedStream } from './append-statements';
import { assertStorableAsJsonb } from './jsonb-text';

/** Channel on which each append announces its last position, to wake subscriptions early. */
export const EVENTS_APPENDED_CHANNEL = 'complaints_events_appended';

export interface SqlEventStoreOptions {
  sql: SqlExecutor;
  /** 'embedded' (PGlite) or 'postgres'. */
  kind: 'embedded' | 'postgres';
  /** Source of recordedAt. Default: the system clock. */
  clock?: Clock;
  /** Where subscriptions keep their checkpoints. Default: the checkpoints table of the same database. */
  checkpoints?: CheckpointStore;
  /** How often a live subscription polls when no notification woke it. Default 200 ms. */
  pollIntervalMs?: number;
}

/**
 * The event store on PostgreSQL-compatible SQL (a server through `pg`, or PGlite in process).
 * The schema lives in ../migrations; run `migrate()` before constructing this.
 */
export class SqlEventStore implements EventStore {
  readonly kind: 'embedded' | 'postgres';
  private readonly sql: SqlExecutor;
  private readonly clock: Clock;
  private readonly checkpoints: CheckpointStore;
  private readonly wakeUp: WakeUpSignal;
  private readonly subscriptions = new OpenSubscriptions();
  private closed = false;

  constructor(options: SqlEventStoreOptions) {
    this.sql = options.sql;
    this.kind = options.kind;
    this.clock = options.clock ?? systemClock;
    this.checkpoints = options.checkpoints ?? new SqlCheckpointStore(options.sql);
    this.wakeUp = new WakeUpSignal(options.sql, EVENTS_APPENDED_CHANNEL, options.pollIntervalMs ?? 200);
  }

  /**
   * All-or-nothing append with an expected revision, in one transaction of four round trips
   * (BEGIN, two statements, COMMIT):
   *
   *   1. (no transaction yet) serialise, size-check and validate every event;
   *   2. lock the stream's row, creating it if absent, and read its revision, last hash and
   *      last recorded time in the same statement (lockStream); check the expected revision and
   *      fix the recorded time (see recordedTimeFor);
   *   3. compute the hash chain in this process (needs the last hash, known only under that lock);
   *   4. ONE statement (writeEvents): LAST, take the next global positions from the single
   *      global_head row; insert the events; move the stream's row; queue the notification;
   *   5. commit.
   *
   * WHY positions come from a counter row and not a sequence: a sequence hands out numbers at
   * allocation time, but transactions commit in another order. Writer A takes 41, writer B takes
   * 42, B commits first; a reader polling "after 40" sees 42, moves its checkpoint to 42, and
   * never sees 41 when A commits a moment later. That is the lost-event bug that event stores
   * built on sequences (Marten, Emmett) had to fix in 2026. Here the UPDATE of global_head holds
   * that row's lock until COMMIT, so the next writer cannot even obtain its positions before the
   * previous one has committed: positions are dense (1, 2, 3, ...) and become visible in order.
   * The price is that appends to the global log are serialised from step 4 to commit, which is
   * why everything that can be done earlier (JSON, hashing, the stream check) is done before
   * step 4, and step 4 is a single statement: writers of any stream queue behind each other for
   * two round trips (that statement and COMMIT), not more.
   *
   * Lock order is always stream row, then global_head, so writers cannot deadlock.
   */
  async append(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    this.assertOpen();
    const prepared = prepareAppend(streamId, events, options.expectedRevision);
    assertStorableAsJsonb(prepared);

    return this.sql.transaction(async (tx) => {
      const stream = await lockStream(tx, streamId);
      assertExpectedRevision(streamId, options.expectedRevision, stream.revision);

      if (prepared.length === 0) {
        // Nothing to write; report where the stream stands so a caller can still "wait until" it.
        const lastPosition = await lastPositionOf(tx, streamId);
        return { streamId, nextRevision: stream.revision, positions: [], lastPosition, recorded: [] };
      }

      const chained = chainEvents(streamId, stream, prepared, recordedTimeFor(stream, this.clock));
      const firstPosition = await writeEvents(tx, chained, EVENTS_APPENDED_CHANNEL);

      const recorded = chained.map((event, i) => recordedEventOf(event, firstPosition + BigInt(i)));
      const positions = recorded.map((event) => event.globalPosition);
      const lastPosition = firstPosition + BigInt(chained.length - 1);
      return { streamId, nextRevision: stream.revision + chained.length, positions, lastPosition, recorded };
    });
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const params: SqlParam[] = [streamId];
    let where = 'stream_id = $1';
    if (options.toRevision !== undefined) {
      params.push(options.toRevision);
      where += ` AND revision <= $${params.length}`;
    }
    if (options.asAt !== undefined) {
      params.push(options.asAt.toISOString());
      where += ` AND recorded_at <= $${params.length}::timestamptz`;
    }
    const rows = await this.sql.query<EventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE ${where} ORDER BY events.revision`, params);
    return rows.map(toRecordedEvent);
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    this.assertOpen();
    assertValidReadAll(options);
    const rows = await this.sql.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE global_position > $1::bigint ORDER BY events.global_position LIMIT $2`,
      [options.after.toString(), options.limit],
    );
    return rows.map(toRecordedEvent);
  }

  async headPosition(): Promise<GlobalPosition> {
    this.assertOpen();
    const rows = await this.sql.query<{ position: string }>('SELECT position::text AS position FROM global_head');
    return BigInt(rows[0]?.position ?? '0');
  }

  subscribe(options: SubscribeOptions): Subscription {
    this.assertOpen();
    return this.subscriptions.add(
      new CatchUpSubscription({
        ...options,
        readAll: (after, limit) => this.readAll({ after, limit }),
        checkpoints: this.checkpoints,
        appended: this.wakeUp,
      }),
    );
  }

  /** Stops every subscription (waiting for in-flight batches). The executor is closed by its owner. */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.subscriptions.stopAll();
    await this.wakeUp.close();
    this.closed = true;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error(`The ${this.kind} event store is closed`);
  }
}

/**
 * Recorded time is read under the stream's lock, and never earlier than the stream's last
 * event: otherwise a writer that read the clock first but got the lock second (or an instance
 * whose clock runs a little behind another's) would record an event as older than its
 * predecessor, and "the stream as it stood at T" (asAt) would show a later event without an
 * earlier one. ISO-8601 UTC strings of equal format compare correctly as text.
 */
function recordedTimeFor(stream: LockedStream, clock: Clock): string {
  const now = clock.now().toISOString();
  return stream.lastRecordedAt !== undefined && stream.lastRecordedAt > now ? stream.lastRecordedAt : now;
}
