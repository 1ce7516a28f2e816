import { EventTooLargeError, MAX_EVENT_BYTES, type NewEvent } from '@complaints/event-store';

/** An event in exactly the form that will be stored: what the hash must cover. */
export interface PreparedEvent {
  eventId: string;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: NewEvent['metadata'];
  dataJson: string;
  metadataJson: string;
}

/** An escaped NUL in JSON text (preceded by an even number of backslashes, so really an escape). */
const ESCAPED_NUL = /(?:^|[^\\])(?:\\\\)*\\u0000/;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Serialise and check every event BEFORE the append transaction starts (no locks held while
 * doing CPU work). The data is round-tripped through JSON so that the hash covers what the
 * database will hand back (a Date becomes its ISO string, undefined members disappear), and the
 * event id is lower-cased because PostgreSQL's uuid type prints it that way.
 */
export function prepareEvents(events: readonly NewEvent[]): PreparedEvent[] {
  return events.map((event) => {
    const eventId = event.eventId.toLowerCase();
    if (!UUID.test(eventId)) throw new TypeError(`eventId must be a UUID, got ${JSON.stringify(event.eventId)}`);
    if (!Number.isInteger(event.schemaVersion) || event.schemaVersion < 1) {
      throw new TypeError(`schemaVersion must be a positive integer, got ${event.schemaVersion}`);
    }
    const dataJson = JSON.stringify(event.data);
    const metadataJson = JSON.stringify(event.metadata);
    if (dataJson === undefined || metadataJson === undefined) {
      throw new TypeError(`${event.type}: data and metadata must be JSON values`);
    }
    if (ESCAPED_NUL.test(dataJson) || ESCAPED_NUL.test(metadataJson)) {
      // jsonb cannot hold U+0000; say so plainly instead of surfacing a driver error mid-transaction.
      throw new TypeError(`${event.type}: text containing the NUL character (U+0000) cannot be stored`);
    }
    const size = Buffer.byteLength(dataJson, 'utf8') + Buffer.byteLength(metadataJson, 'utf8');
    if (size > MAX_EVENT_BYTES) throw new EventTooLargeError(event.type, size, MAX_EVENT_BYTES);
    return {
      eventId,
      type: event.type,
      schemaVersion: event.schemaVersion,
      data: JSON.parse(dataJson) as unknown,
      metadata: JSON.parse(metadataJson) as NewEvent['metadata'],
      dataJson,
      metadataJson,
    };
  });
}
