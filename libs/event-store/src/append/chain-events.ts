import { eventHash, GENESIS_HASH } from '../integrity/hash-chain';
import type { GlobalPosition, RecordedEvent } from '../port/event-store.port';
import type { PreparedNewEvent } from './prepare-new-event';

/** An event ready to write: its stored form plus the chain fields, computed before the write. */
export interface ChainedEvent extends PreparedNewEvent {
  streamId: string;
  revision: number;
  recordedAt: string;
  hash: string;
  previousHash: string;
}

/** Where an append finds its stream: the revision it is at and the hash its next event links to. */
export interface StreamTip {
  revision: number;
  hash: string;
}

/** The tip of an absent or empty stream. */
export const EMPTY_STREAM_TIP: StreamTip = { revision: 0, hash: GENESIS_HASH };

/**
 * Number the events on from `tip` and link each into the stream's hash chain. `tip` must be
 * read under whatever makes the append exclusive (a row lock, an expected revision the engine
 * enforces), or two writers could fork the chain.
 */
export function chainEvents(
  streamId: string,
  tip: StreamTip,
  events: readonly PreparedNewEvent[],
  recordedAt: string,
): ChainedEvent[] {
  let previousHash = tip.hash;
  return events.map((event, i) => {
    const revision = tip.revision + i + 1;
    const hash = eventHash(previousHash, { ...event, streamId, revision, recordedAt });
    const chained = { ...event, streamId, revision, recordedAt, hash, previousHash };
    previousHash = hash;
    return chained;
  });
}

/** The event as the port hands it back once stored at `globalPosition`: exactly the RecordedEvent fields. */
export function recordedEventOf(event: ChainedEvent, globalPosition: GlobalPosition): RecordedEvent {
  return {
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    metadata: event.metadata,
    streamId: event.streamId,
    revision: event.revision,
    globalPosition,
    recordedAt: event.recordedAt,
    hash: event.hash,
    previousHash: event.previousHash,
  };
}
