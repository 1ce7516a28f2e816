import {
  assertExpectedRevision,
  assertValidReadAll,
  chainEvents,
  EMPTY_STREAM_TIP,
  WrongExpectedRevisionError,
  type ChainedEvent,
  prepareAppend,
  recordedEventOf,
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
} from '@complaints/event-store';
import type { SqlExecutor, SqlParam } from '../sql/sql-executor';
import { EVENT_COLUMNS, toRecordedEvent, type EventRow } from './event-rows';
import { lastPositionOf } from './last-position';
import { appendInOneStatement, type AppendOutcome, type AppendRequest } from './append-function';
import { GroupCommit } from './group-commit';
import { StreamTips, type KnownTip } from './stream-tips';
import { assertStorableAsJsonb } from './jsonb-text';

/** Channel on which each append announces its last position, to wake the log's followers (projection engine, relay) early. */
export const EVENTS_APPENDED_CHANNEL = 'complaints_events_appended';

export interface SqlEventStoreOptions {
  sql: SqlExecutor;
  /** 'embedded' (PGlite) or 'postgres'. */
  kind: 'embedded' | 'postgres';
  /** Source of recordedAt. Default: the system clock. */
  clock?: Clock;
}

/**
 * The event store on PostgreSQL-compatible SQL (a server through `pg`, or PGlite in process).
 * The schema lives in ../migrations; run `migrate()` before constructing this.
 */
export class SqlEventStore implements EventStore {
  readonly kind: 'embedded' | 'postgres';
  private readonly sql: SqlExecutor;
  private readonly clock: Clock;
  private readonly tips = new StreamTips();
  private readonly groupCommit: GroupCommit<AppendRequest, AppendOutcome>;
  private closed = false;

  constructor(options: SqlEventStoreOptions) {
    this.sql = options.sql;
    this.kind = options.kind;
    this.clock = options.clock ?? systemClock;
    this.groupCommit = new GroupCommit((requests) => appendInOneStatement(this.sql, requests, EVENTS_APPENDED_CHANNEL));
  }

  /**
   * All-or-nothing append with an expected revision, in ONE statement (one round trip, one
   * commit) when the stream's tip is known, which it is right after the stream was read:
   *
   *   1. (in this process) serialise, size-check and validate every event;
   *   2. find the tip the expected revision names: from StreamTips (what the last read or append
   *      of this process found), otherwise read it (one plain SELECT, no lock);
   *   3. fix the recorded time (recordedTimeFor) and compute the hash chain from that tip;
   *   4. hand it to GroupCommit, which sends it with whatever other appends of this process are
   *      waiting, in one call of complaints_append (append-function.ts says how that function
   *      locks, checks the tip, takes dense positions from global_head and notifies);
   *   5. a conflict means the stream was not at that tip: with a numeric or 'no_stream'
   *      expectation that is WrongExpectedRevisionError (as before, nothing written); with 'any'
   *      the tip is read again and the append made again.
   *
   * WHY positions come from a counter row and not a sequence: a sequence hands out numbers at
   * allocation time, but transactions commit in another order. Writer A takes 41, writer B takes
   * 42, B commits first; a reader polling "after 40" sees 42, moves its checkpoint to 42, and
   * never sees 41 when A commits a moment later. That is the lost-event bug that event stores
   * built on sequences (Marten, Emmett) had to fix in 2026. Here the UPDATE of global_head holds
   * that row's lock until COMMIT, so the next writer cannot even obtain its positions before the
   * previous one has committed: positions are dense (1, 2, 3, ...) and become visible in order.
   * The price is that appends to the global log are serialised from that UPDATE to commit: which
   * is why everything else (JSON, hashing, the tip) is done before the call, and why concurrent
   * appends of one process share a call (group commit).
   */
  async append(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    this.assertOpen();
    const prepared = prepareAppend(streamId, events, options.expectedRevision);
    assertStorableAsJsonb(prepared);

    if (prepared.length === 0) {
      // Nothing to write; report where the stream stands so a caller can still "wait until" it.
      const found = await this.readTip(streamId);
      assertExpectedRevision(streamId, options.expectedRevision, found.revision);
      return {
        streamId,
        nextRevision: found.revision,
        positions: [],
        lastPosition: await lastPositionOf(this.sql, streamId),
        recorded: [],
      };
    }

    // A stale tip is dropped and read again; more rounds than this means the stream never holds still.
    for (let round = 0; round < MAX_TIP_ROUNDS; round++) {
      const tip = await this.tipFor(streamId, options.expectedRevision, round > 0);
      assertExpectedRevision(streamId, options.expectedRevision, tip.revision);
      const chained = chainEvents(streamId, tip, prepared, recordedTimeFor(tip, this.clock));
      const answer = await this.groupCommit.submit({ streamId, from: tip, events: chained });
      if (answer.outcome === 'conflict') {
        this.tips.forget(streamId);
        if (options.expectedRevision !== 'any') {
          const required = options.expectedRevision === 'no_stream' ? 0 : options.expectedRevision;
          if (answer.actualRevision !== required)
            throw new WrongExpectedRevisionError(streamId, options.expectedRevision, answer.actualRevision);
        }
        continue;
      }
      const last = chained.at(-1) as ChainedEvent;
      this.tips.learn(streamId, { revision: last.revision, hash: last.hash, lastRecordedAt: last.recordedAt });
      const recorded = chained.map((event, i) => recordedEventOf(event, answer.firstPosition + BigInt(i)));
      const positions = recorded.map((event) => event.globalPosition);
      const lastPosition = answer.firstPosition + BigInt(chained.length - 1);
      return { streamId, nextRevision: last.revision, positions, lastPosition, recorded };
    }
    throw new Error(`The stream ${streamId} changed under ${MAX_TIP_ROUNDS} appends in a row`);
  }

  /**
   * The tip to chain from: the known one when it is the revision expected (a command's append
   * right after its read), otherwise the stream's row as committed. 'no_stream' needs no look.
   */
  private async tipFor(
    streamId: string,
    expected: AppendOptions['expectedRevision'],
    fresh: boolean,
  ): Promise<KnownTip> {
    if (expected === 'no_stream' && !fresh) return { ...EMPTY_STREAM_TIP, lastRecordedAt: undefined };
    const known = fresh ? undefined : this.tips.get(streamId);
    if (known && (expected === 'any' || known.revision === expected)) return known;
    return this.readTip(streamId);
  }

  private async readTip(streamId: string): Promise<KnownTip> {
    const rows = await this.sql.query<{ revision: number; last_hash: string; last_recorded_at: string | null }>(
      `SELECT revision, last_hash,
              to_char(last_recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS last_recorded_at
         FROM streams WHERE stream_id = $1`,
      [streamId],
      { preparedAs: 'complaints_stream_tip' },
    );
    const row = rows[0];
    if (!row) return { ...EMPTY_STREAM_TIP, lastRecordedAt: undefined };
    const tip = {
      revision: Number(row.revision),
      hash: row.last_hash,
      lastRecordedAt: row.last_recorded_at ?? undefined,
    };
    this.tips.learn(streamId, tip);
    return tip;
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
    // Every command reads its stream first: the statement is planned once per connection (one name per shape).
    const shape = `${options.toRevision !== undefined ? '_to_revision' : ''}${options.asAt !== undefined ? '_as_at' : ''}`;
    const rows = await this.sql.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE ${where} ORDER BY events.revision`,
      params,
      {
        preparedAs: `complaints_read_stream${shape}`,
      },
    );
    const records = rows.map(toRecordedEvent);
    // The whole stream was read: its last event is the tip the next append chains from.
    const last = records.at(-1);
    if (last && options.toRevision === undefined && options.asAt === undefined) {
      this.tips.learn(streamId, { revision: last.revision, hash: last.hash, lastRecordedAt: last.recordedAt });
    }
    return records;
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

  /** Refuses further calls. The executor is closed by its owner. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error(`The ${this.kind} event store is closed`);
  }
}

/**
 * Recorded time is never earlier than the stream's last event, which the tip names (and the
 * append function checks, with the tip's hash, under the stream's lock): otherwise an instance
 * whose clock runs a little behind another's would record an event as older than its
 * predecessor, and "the stream as it stood at T" (asAt) would show a later event without an
 * earlier one. ISO-8601 UTC strings of equal format compare correctly as text.
 */
function recordedTimeFor(tip: KnownTip, clock: Clock): string {
  const now = clock.now().toISOString();
  return tip.lastRecordedAt !== undefined && tip.lastRecordedAt > now ? tip.lastRecordedAt : now;
}

/** Rounds of "read the tip, append" before an 'any' append gives up on a stream that keeps moving. */
const MAX_TIP_ROUNDS = 20;
