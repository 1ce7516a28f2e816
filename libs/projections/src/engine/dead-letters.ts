import { isConnectionLost, type SqlQueryable } from '@complaints/adapter-postgres';
import { currentEvents, mapPersonalFields, type EventDefinition } from '@complaints/contracts';
import type { ComplaintEnvelope, GlobalPosition } from '@complaints/event-store';
import { REDACTED } from '../screening/markers';
import { storableText } from './storable-text';

/** An event a projection could not apply while the events around it applied: parked, and the projection went on. */
export interface DeadLetter {
  projection: string;
  tableSet: string;
  globalPosition: GlobalPosition;
  eventId: string;
  eventType: string;
  complaintId: string;
  /** The error `apply` failed with (its message). */
  error: string;
  parkedAt: string;
}

/** A dead letter as plain JSON (position as a decimal string): what the admin view lists and the log line carries. */
export function deadLetterFields(letter: Omit<DeadLetter, 'parkedAt'> & { parkedAt?: string }) {
  return {
    projection: letter.projection,
    tableSet: letter.tableSet,
    position: letter.globalPosition.toString(),
    eventId: letter.eventId,
    eventType: letter.eventType,
    complaintId: letter.complaintId,
    error: letter.error,
    ...(letter.parkedAt === undefined ? {} : { parkedAt: letter.parkedAt }),
  };
}

/** The longest error message kept: enough to diagnose, bounded so a huge message cannot bloat the table. */
const MAX_ERROR_LENGTH = 2_000;

/**
 * SQLSTATE classes that say nothing about the event beyond a lost connection (which the adapter
 * recognises: isConnectionLost): resources (53: out of memory, disk full, too many connections)
 * and a conflict with another transaction (40: serialization failure, deadlock). Such a failure
 * is retried as it stands, never parked.
 */
const TRANSIENT_SQLSTATE = /^(53|40)/;

/** True when the failure is about the database or the moment, not about the event being applied. */
export function isTransientFailure(error: unknown): boolean {
  if (isConnectionLost(error)) return true;
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && TRANSIENT_SQLSTATE.test(code);
}

/**
 * The failure's message as a dead letter and its log line keep it. An error may quote what it
 * failed on (a driver echoing a value, a careless message); the event's personal values (those
 * at its definition's personal paths) are cut out, so neither the table nor the log holds
 * personal text in clear.
 */
export function messageOfFailure(error: unknown, envelope?: ComplaintEnvelope): string {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return storableText(envelope ? withoutPersonalValues(message, envelope) : message).slice(0, MAX_ERROR_LENGTH);
}

/**
 * The same error (its type, code and cause kept, so callers still classify it), its message
 * with the event's personal values cut out: for a failure that leaves the engine unparked.
 */
export function withoutPersonalValuesIn(error: unknown, envelope: ComplaintEnvelope): unknown {
  if (error instanceof Error) error.message = withoutPersonalValues(error.message, envelope);
  return error;
}

/** Values this short are left alone: cutting out "Al" or "12" would garble the message and protect no one. */
const MIN_CUT = 3;

function withoutPersonalValues(message: string, envelope: ComplaintEnvelope): string {
  const definition = (currentEvents as Record<string, EventDefinition>)[envelope.type];
  if (!definition) return message;
  const values: string[] = [];
  const collect = (value: unknown): void => {
    if (typeof value === 'string') values.push(value);
    else if (Array.isArray(value)) value.forEach(collect);
    else if (value !== null && typeof value === 'object') Object.values(value).forEach(collect);
  };
  mapPersonalFields(envelope.event.data, definition.personal, (value) => {
    collect(value);
    return value;
  });
  // Longest first, so a full name goes before a part of it; each also as JSON would quote it.
  const cuts = [...new Set(values.flatMap((v) => [JSON.stringify(v).slice(1, -1), v]))]
    .filter((v) => v.length >= MIN_CUT)
    .sort((a, b) => b.length - a.length);
  return cuts.reduce((text, cut) => text.split(cut).join(REDACTED), message);
}

/** Record the parked event, in the transaction that moves the set's checkpoint past it. */
export async function parkEvent(
  tx: SqlQueryable,
  projection: string,
  suffix: string,
  envelope: ComplaintEnvelope,
  error: unknown,
): Promise<void> {
  await tx.query(
    `INSERT INTO projection_dead_letters (projection, table_set, global_position, event_id, event_type, complaint_id, error)
     VALUES ($1, $2, $3::bigint, $4, $5, $6, $7)
     ON CONFLICT (projection, table_set, global_position) DO UPDATE SET error = excluded.error, parked_at = now()`,
    [
      projection,
      suffix,
      envelope.globalPosition.toString(),
      envelope.eventId,
      envelope.type,
      envelope.complaintId,
      messageOfFailure(error, envelope),
    ],
  );
}

/** How many events are parked in one table set. */
export async function countDeadLetters(sql: SqlQueryable, projection: string, suffix: string): Promise<number> {
  const rows = await sql.query<{ parked: string | number }>(
    'SELECT count(*) AS parked FROM projection_dead_letters WHERE projection = $1 AND table_set = $2',
    [projection, suffix],
  );
  return Number(rows[0]?.parked ?? 0);
}

/** The events parked in one table set, in log order (at most `limit`). */
export async function listDeadLetters(
  sql: SqlQueryable,
  projection: string,
  suffix: string,
  limit: number,
): Promise<DeadLetter[]> {
  const rows = await sql.query<{
    projection: string;
    table_set: string;
    global_position: string;
    event_id: string;
    event_type: string;
    complaint_id: string;
    error: string;
    parked_at: string;
  }>(
    `SELECT projection, table_set, global_position::text AS global_position, event_id, event_type, complaint_id, error,
            to_char(parked_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS parked_at
       FROM projection_dead_letters WHERE projection = $1 AND table_set = $2
      ORDER BY global_position LIMIT $3`,
    [projection, suffix, limit],
  );
  return rows.map((row) => ({
    projection: row.projection,
    tableSet: row.table_set,
    globalPosition: BigInt(row.global_position),
    eventId: row.event_id,
    eventType: row.event_type,
    complaintId: row.complaint_id,
    error: row.error,
    parkedAt: row.parked_at,
  }));
}

/** A table set's dead letters go with it (a swap retires the set; a rebuild meets the events again). */
export async function dropDeadLetters(tx: SqlQueryable, projection: string, suffix: string): Promise<void> {
  await tx.query('DELETE FROM projection_dead_letters WHERE projection = $1 AND table_set = $2', [projection, suffix]);
}
