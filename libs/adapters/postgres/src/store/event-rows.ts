import type { EventMetadata } from '@complaints/contracts';
import type { RecordedEvent } from '@complaints/event-store';

/**
 * The column list every read uses. Positions come back as text (exact bigint on both drivers)
 * under a DIFFERENT name: an output column named global_position would make
 * `ORDER BY global_position` sort the text ('10' before '9').
 * recorded_at is formatted in SQL to the exact ISO string the hash was computed over
 * (millisecond precision, 'Z'), so a re-read event hashes to the same value.
 */
export const EVENT_COLUMNS = `
  global_position::text AS position_text,
  stream_id,
  revision,
  event_id::text AS event_id,
  type,
  schema_version,
  data,
  metadata,
  to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS recorded_at_text,
  hash,
  previous_hash`;

export interface EventRow {
  position_text: string;
  stream_id: string;
  revision: number;
  event_id: string;
  type: string;
  schema_version: number;
  data: unknown;
  metadata: unknown;
  recorded_at_text: string;
  hash: string;
  previous_hash: string;
}

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    eventId: row.event_id,
    type: row.type,
    schemaVersion: Number(row.schema_version),
    data: row.data,
    metadata: row.metadata as EventMetadata,
    streamId: row.stream_id,
    revision: Number(row.revision),
    globalPosition: BigInt(row.position_text),
    recordedAt: row.recorded_at_text,
    hash: row.hash,
    previousHash: row.previous_hash,
  };
}
