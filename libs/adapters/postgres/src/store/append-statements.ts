import { GENESIS_HASH, type ChainedEvent, type GlobalPosition, type StreamTip } from '@complaints/event-store';
import type { SqlQueryable } from '../sql/sql-executor';

/**
 * The statements of one append (see SqlEventStore.append for the order and the reasons). Each
 * is ONE round trip, and the same text runs on PostgreSQL and on PGlite. The two that every
 * append runs are prepared: parsing and planning the writing CTE cost about as much as running it.
 */

/** The stream's row as an append finds it, locked until the transaction ends. */
export interface LockedStream extends StreamTip {
  /** recorded_at of the stream's last event (ISO, milliseconds, 'Z'); undefined before its first. */
  lastRecordedAt: string | undefined;
}

/**
 * Lock the stream's row for the rest of the transaction, creating it if absent, and return it.
 *
 * WHY an upsert with a no-op update rather than SELECT ... FOR UPDATE: ON CONFLICT DO UPDATE
 * always finds the latest committed row and locks it, even one another writer created or moved
 * while this statement waited; a SELECT in the same statement reads the snapshot taken before
 * the wait and would find nothing, or an older revision. (The price is one extra row version
 * per append.) The last recorded time is kept on this row for the same reason: joined from
 * events, the event committed during the wait would be invisible to this statement.
 */
export async function lockStream(tx: SqlQueryable, streamId: string): Promise<LockedStream> {
  const rows = await tx.query<{ revision: number; last_hash: string; last_recorded_at: string | null }>(
    `INSERT INTO streams AS s (stream_id, revision, last_hash) VALUES ($1, 0, $2)
     ON CONFLICT (stream_id) DO UPDATE SET revision = s.revision
     RETURNING s.revision, s.last_hash,
               to_char(s.last_recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS last_recorded_at`,
    [streamId, GENESIS_HASH],
    { preparedAs: 'complaints_append_lock_stream' },
  );
  const row = singleRow(rows, `streams row of ${streamId}`);
  return { revision: Number(row.revision), hash: row.last_hash, lastRecordedAt: row.last_recorded_at ?? undefined };
}

/** Global position of the stream's last event (0n when it has none), for an append of nothing. */
export async function lastPositionOf(tx: SqlQueryable, streamId: string): Promise<GlobalPosition> {
  const rows = await tx.query<{ position: string | null }>('SELECT max(global_position)::text AS position FROM events WHERE stream_id = $1', [
    streamId,
  ]);
  return BigInt(rows[0]?.position ?? '0');
}

/**
 * In one statement: take the next global positions from global_head (its row lock is held from
 * here to COMMIT, which is what keeps the log gap-free in commit order), insert every event
 * (one multi-row INSERT from one JSON parameter, whatever the number of events), move the
 * stream's row to its new revision, hash and recorded time, and queue the notification (sent by
 * PostgreSQL at COMMIT only, so a woken reader always finds the events). Returns the first
 * position; the events hold the next ones in order.
 *
 * The stream's row is already locked by lockStream, so global_head is the only lock this
 * statement can wait for: the lock order stays stream row, then global_head.
 */
export async function writeEvents(tx: SqlQueryable, events: readonly ChainedEvent[], channel: string): Promise<GlobalPosition> {
  const last = events.at(-1);
  if (!last) throw new RangeError('writeEvents needs at least one event');
  const rows = await tx.query<{ before: string }>(
    `WITH allocated AS (
       UPDATE global_head SET position = position + $3 WHERE id RETURNING position - $3 AS before
     ), inserted AS (
       INSERT INTO events (global_position, stream_id, revision, event_id, type, schema_version,
                           data, metadata, recorded_at, hash, previous_hash)
       SELECT allocated.before + x.i, $1, x.revision, x.event_id::uuid, x.type, x.schema_version,
              x.data, x.metadata, $4::timestamptz, x.hash, x.previous_hash
         FROM allocated,
              jsonb_to_recordset($2::text::jsonb) AS x(i integer, revision integer, event_id text, type text,
                schema_version integer, data jsonb, metadata jsonb, hash text, previous_hash text)
     ), moved AS (
       UPDATE streams SET revision = $5, last_hash = $6, last_recorded_at = $4::timestamptz WHERE stream_id = $1
     )
     SELECT allocated.before::text AS before, pg_notify($7, (allocated.before + $3)::text) AS notified FROM allocated`,
    [last.streamId, rowsJson(events), events.length, last.recordedAt, last.revision, last.hash, channel],
    { preparedAs: 'complaints_append_write_events' },
  );
  return BigInt(singleRow(rows, 'global_head row').before) + 1n;
}

/** One JSON document carrying every row, so a command of any size is one statement. */
function rowsJson(events: readonly ChainedEvent[]): string {
  const parts = events.map(
    (event, i) =>
      `{"i":${i + 1},"revision":${event.revision},"event_id":${JSON.stringify(event.eventId)},"type":${JSON.stringify(event.type)},` +
      `"schema_version":${event.schemaVersion},"data":${event.dataJson},"metadata":${event.metadataJson},` +
      `"hash":"${event.hash}","previous_hash":"${event.previousHash}"}`,
  );
  return `[${parts.join(',')}]`;
}

/** The one row a statement must return; a missing one means the schema is broken, so say which. */
function singleRow<Row>(rows: readonly Row[], what: string): Row {
  const row = rows[0];
  if (row === undefined) throw new Error(`Expected the ${what} but found none: is the schema migrated?`);
  return row;
}
