import { MAX_EVENT_BYTES, type ExpectedRevision, type NewEvent } from '../port/event-store.port';
import { assertValidExpectedRevision } from './expected-revision';
import { prepareNewEvent, type PreparedNewEvent } from './prepare-new-event';

/**
 * Every check an append makes before it touches storage, the same in every adapter: a stream
 * id, an expected revision of a valid form, and each event valid and within the size limit.
 * Throws on the first problem, so nothing of a refused command is ever written.
 */
export function prepareAppend(
  streamId: string,
  events: readonly NewEvent[],
  expectedRevision: ExpectedRevision,
  maxEventBytes: number = MAX_EVENT_BYTES,
): PreparedNewEvent[] {
  if (typeof streamId !== 'string' || streamId.length === 0) throw new TypeError('streamId must be a non-empty string');
  assertValidExpectedRevision(expectedRevision);
  return events.map((event) => prepareNewEvent(event, maxEventBytes));
}
