import type { PreparedNewEvent } from '@complaints/event-store';

/** An escaped NUL in JSON text (preceded by an even number of backslashes, so really an escape). */
const ESCAPED_NUL = /(?:^|[^\\])(?:\\\\)*\\u0000/;

/**
 * jsonb cannot hold U+0000 (PostgreSQL text never can). Refuse such an event plainly before the
 * append transaction starts, instead of surfacing a driver error from the middle of it.
 */
export function assertStorableAsJsonb(events: readonly PreparedNewEvent[]): void {
  for (const event of events) {
    if (ESCAPED_NUL.test(event.dataJson) || ESCAPED_NUL.test(event.metadataJson)) {
      throw new TypeError(`${event.type}: text containing the NUL character (U+0000) cannot be stored`);
    }
  }
}
