import { NO_STREAM, START, type CurrentRevision, type Position, type ReadPosition } from '@eventstore/db-client';
import type { GlobalPosition } from '@complaints/event-store';

/**
 * EventStoreDB numbers events in a stream from 0 and says "no stream" before the first; our
 * port counts events (revision n = the n-th event, 0 = none). Every conversion lives here so
 * nothing else in the adapter has to think about the off-by-one.
 */

/** The ESDB expected revision that means "the stream is at our revision `revision`". */
export function toEsdbExpectedRevision(revision: number): typeof NO_STREAM | bigint {
  if (!Number.isInteger(revision) || revision < 0)
    throw new RangeError(`A revision is a whole number >= 0, got ${revision}`);
  return revision === 0 ? NO_STREAM : BigInt(revision - 1);
}

/** Our revision of an event ESDB numbered `esdbRevision` (0-based). */
export function fromEsdbEventRevision(esdbRevision: bigint): number {
  if (esdbRevision < 0n) throw new RangeError(`An ESDB event revision is >= 0, got ${esdbRevision}`);
  return Number(esdbRevision) + 1;
}

/** Our stream revision from what ESDB reports as a stream's current revision. */
export function fromEsdbCurrentRevision(current: CurrentRevision): number {
  return current === NO_STREAM ? 0 : fromEsdbEventRevision(current);
}

/** Where ESDB's revision-based read must start to return our revision `revision` first. */
export function toEsdbReadRevision(revision: number): bigint {
  if (!Number.isInteger(revision) || revision < 1) throw new RangeError(`An event revision is >= 1, got ${revision}`);
  return BigInt(revision - 1);
}

/**
 * Our global position is the `$all` commit position. For every event written by a normal
 * append (one implicitly committed prepare per event) commit == prepare == the event's own
 * log position, so the commit position alone identifies the event and is strictly increasing.
 */
export function globalPositionOf(position: Position): GlobalPosition {
  return position.commit;
}

/**
 * The `$all` read position of the event at global position `position` (0 = the start).
 * Only valid for positions of real events: ESDB refuses to read from the middle of a record.
 */
export function eventReadPosition(position: GlobalPosition): ReadPosition {
  if (position < 0n) throw new RangeError(`A global position is >= 0, got ${position}`);
  return position === 0n ? START : { commit: position, prepare: position };
}
