import {
  assertExpectedRevision,
  assertValidReadAll,
  CatchUpSubscription,
  chainEvents,
  GENESIS_HASH,
  OpenSubscriptions,
  prepareAppend,
  recordedEventOf,
  systemClock,
  type AppendOptions,
  type AppendResult,
  type ChainedEvent,
  type CheckpointStore,
  type Clock,
  type EventStore,
  type GlobalPosition,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeOptions,
  type StreamTip,
  type Subscription,
} from '@complaints/event-store';
import type { SqlExecutor, SqlParam, SqlQueryable } from '../sql/sql-executor';
import { SqlCheckpointStore } from '../checkpoints/sql-checkpoint-store';
import { WakeUpSignal } from '../subscription/wake-up-signal';
import { EVENT_COLUMNS, toRecordedEvent, type EventRow } from './event-rows';
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
   * All-or-nothing append with an expected revision, in one transaction:
   *
   *   1. (no transaction yet) serialise and size-check every event;
   *   2. lock the stream's row (creating it if absent), check the expected revision, and read
   *      the recorded time (see recordedTimeFor);
   *   3. compute the hash chain (needs the stream's last hash, known only under that lock);
   *   4. LAST, take the next global positions from the single global_head row;
   *   5. insert the events, move the stream's head, notify, commit.
   *
   * WHY positions come from a counter row and not a sequence: a sequence hands out numbers at
   * allocation time, but transactions commit in another order. Writer A takes 41, writer B takes
   * 42, B commits first; a reader polling "after 40" sees 42, moves its checkpoint to 42, and
   * never sees 41 when A commits a moment later. That is the lost-event bug that event stores
   * built on sequences (Marten, Emmett) had to fix in 2026. Here the UPDATE of global_head holds
   * that row's lock until COMMIT, so the next writer cannot even obtain its positions before the
   * previous one has committed: positions are dense (1, 2, 3, ...) and become visible in order.
   * The price is that appends to the global log are serialised between step 4 and commit, which
   * is why everything that can be done earlier (JSON, hashing, the stream check) is done before
   * step 4 and step 5 is a single multi-row INSERT.
   *
   * Lock order is always stream row, then global_head, so writers cannot deadlock.
   */
  async append(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    this.assertOpen();
    const prepared = prepareAppend(streamId, events, options.expectedRevision);
    assertStorableAsJsonb(prepared);

    return this.sql.transaction(async (tx) => {
      const head = await lockStreamHead(tx, streamId);
      assertExpectedRevision(streamId, options.expectedRevision, head.revision);
      const recordedAt = recordedTimeFor(head, this.clock);

      if (prepared.length === 0) {
        // Nothing to write; report where the stream stands so a caller can still "wait until" it.
        const last = await tx.query<{ position: string | null }>(
          'SELECT max(global_position)::text AS position FROM events WHERE stream_id = $1',
          [streamId],
        );
        const lastPosition = BigInt(last[0]?.position ?? '0');
        return { streamId, nextRevision: head.revision, positions: [], lastPosition, recorded: [] };
      }

      const rows = chainEvents(streamId, head, prepared, recordedAt);
      const nextRevision = head.revision + rows.length;
      const lastHash = rows.at(-1)?.hash ?? head.hash;
      const payload = rowsJson(rows);

      // Step 4: as late as possible. From here to COMMIT, other writers of ANY stream wait.
      const allocated = await tx.query<{ position: string }>(
        'UPDATE global_head SET position = position + $1 WHERE id RETURNING position::text AS position',
        [rows.length],
      );
      const lastPosition = BigInt(singleRow(allocated, 'global_head').position);
      const firstPosition = lastPosition - BigInt(rows.length) + 1n;

      await tx.query(
        `INSERT INTO events (global_position, stream_id, revision, event_id, type, schema_version,
                             data, metadata, recorded_at, hash, previous_hash)
         SELECT $1::bigint + x.i, $2, x.revision, x.event_id::uuid, x.type, x.schema_version,
                x.data, x.metadata, x.recorded_at::timestamptz, x.hash, x.previous_hash
           FROM jsonb_to_recordset($3::text::jsonb) AS x(i integer, revision integer, event_id text, type text,
                schema_version integer, data jsonb, metadata jsonb, recorded_at text, hash text, previous_hash text)`,
        [firstPosition.toString(), streamId, payload],
      );
      await tx.query('UPDATE streams SET revision = $2, last_hash = $3 WHERE stream_id = $1', [
        streamId,
        nextRevision,
        lastHash,
      ]);
      // Delivered at commit only, so a woken reader always finds the events.
      await tx.query('SELECT pg_notify($1, $2)', [EVENTS_APPENDED_CHANNEL, lastPosition.toString()]);

      const recorded = rows.map((row, i) => recordedEventOf(row, firstPosition + BigInt(i)));
      const positions = recorded.map((event) => event.globalPosition);
      return { streamId, nextRevision, positions, lastPosition, recorded };
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

interface StreamHead extends StreamTip {
  /** recorded_at of the stream's last event (ISO), if it has one. */
  lastRecordedAt: string | undefined;
}

/**
 * Recorded time is read under the stream's lock, and never earlier than the stream's last
 * event: otherwise a writer that read the clock first but got the lock second (or an instance
 * whose clock runs a little behind another's) would record an event as older than its
 * predecessor, and "the stream as it stood at T" (asAt) would show a later event without an
 * earlier one. ISO-8601 UTC strings of equal format compare correctly as text.
 */
function recordedTimeFor(head: StreamHead, clock: Clock): string {
  const now = clock.now().toISOString();
  return head.lastRecordedAt !== undefined && head.lastRecordedAt > now ? head.lastRecordedAt : now;
}

/**
 * Lock the stream's head row for the rest of the transaction, creating it if absent. Two
 * concurrent first appends both try the INSERT; the second waits for the first to commit, finds
 * the row, does nothing, and its SELECT ... FOR UPDATE then reads the committed revision — so it
 * fails its no_stream check cleanly instead of on a unique violation.
 */
async function lockStreamHead(tx: SqlQueryable, streamId: string): Promise<StreamHead> {
  await tx.query('INSERT INTO streams (stream_id, revision, last_hash) VALUES ($1, 0, $2) ON CONFLICT (stream_id) DO NOTHING', [
    streamId,
    GENESIS_HASH,
  ]);
  const rows = await tx.query<{ revision: number; last_hash: string; last_recorded_at: string | null }>(
    `SELECT s.revision, s.last_hash,
            to_char(e.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS last_recorded_at
       FROM streams s
       LEFT JOIN events e ON e.stream_id = s.stream_id AND e.revision = s.revision
      WHERE s.stream_id = $1
        FOR UPDATE OF s`,
    [streamId],
  );
  const row = singleRow(rows, `streams row of ${streamId}`);
  return { revision: Number(row.revision), hash: row.last_hash, lastRecordedAt: row.last_recorded_at ?? undefined };
}

/** The one row a statement must return; a missing one means the schema is broken, so say which. */
function singleRow<Row>(rows: readonly Row[], what: string): Row {
  const row = rows[0];
  if (row === undefined) throw new Error(`Expected the ${what} but found none: is the schema migrated?`);
  return row;
}

/** One JSON document carrying every row, so a command of any size is one statement with three parameters. */
function rowsJson(rows: readonly ChainedEvent[]): string {
  const parts = rows.map(
    (row, i) =>
      `{"i":${i},"revision":${row.revision},"event_id":${JSON.stringify(row.eventId)},"type":${JSON.stringify(row.type)},` +
      `"schema_version":${row.schemaVersion},"data":${row.dataJson},"metadata":${row.metadataJson},` +
      `"recorded_at":${JSON.stringify(row.recordedAt)},"hash":"${row.hash}","previous_hash":"${row.previousHash}"}`,
  );
  return `[${parts.join(',')}]`;
}
