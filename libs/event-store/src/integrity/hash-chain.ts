import { createHash } from 'node:crypto';
import type { RecordedEvent } from '../port/event-store.port';

/**
 * The per-stream hash chain that lets an auditor prove a history was not altered afterwards.
 *
 * Each event's hash covers its stored form (so it survives crypto-shredding: erasing a key
 * changes what a reader sees, never the stored bytes) and the previous event's hash, so a
 * changed, removed, inserted or reordered event breaks every hash after it. The global
 * position is deliberately outside the hash: it belongs to the engine, not to the case, and
 * differs between EventStoreDB and PostgreSQL for the same history.
 */
export const GENESIS_HASH = '0'.repeat(64);

export type HashedContent = Pick<
  RecordedEvent,
  'streamId' | 'revision' | 'eventId' | 'type' | 'schemaVersion' | 'data' | 'metadata' | 'recordedAt'
>;

export function eventHash(previousHash: string, event: HashedContent): string {
  const content = canonicalJson({
    streamId: event.streamId,
    revision: event.revision,
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    metadata: event.metadata,
    recordedAt: event.recordedAt,
  });
  return createHash('sha256').update(previousHash).update('\n').update(content).digest('hex');
}

/**
 * JSON with object keys sorted at every depth, so the hash does not depend on key order
 * (JSONB in PostgreSQL does not keep it).
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(record)
        .filter((k) => record[k] !== undefined)
        .sort()
        .map((k) => [k, sortKeys(record[k])]),
    );
  }
  return value;
}

export interface IntegrityReport {
  streamId: string;
  valid: boolean;
  eventsChecked: number;
  /** Hash of the last event: the value an auditor records to prove the case later. */
  headHash: string;
  /** The first problem found, if any. */
  problem?: { revision: number; kind: 'hash-mismatch' | 'broken-link' | 'revision-gap'; detail: string };
}

/** Verify a whole stream as read back from the store (events in revision order). */
export function verifyChain(streamId: string, events: readonly RecordedEvent[]): IntegrityReport {
  let previous = GENESIS_HASH;
  for (const [i, event] of events.entries()) {
    const expectedRevision = i + 1;
    if (event.revision !== expectedRevision) {
      return fail(streamId, i, previous, {
        revision: expectedRevision,
        kind: 'revision-gap',
        detail: `found revision ${event.revision} where ${expectedRevision} was expected: an event is missing or out of order`,
      });
    }
    if (event.previousHash !== previous) {
      return fail(streamId, i, previous, {
        revision: event.revision,
        kind: 'broken-link',
        detail:
          'the recorded previous hash does not match the preceding event: an event was removed, inserted or reordered',
      });
    }
    const recomputed = eventHash(previous, event);
    if (recomputed !== event.hash) {
      return fail(streamId, i, previous, {
        revision: event.revision,
        kind: 'hash-mismatch',
        detail: 'the event content does not match its hash: it was changed after it was recorded',
      });
    }
    previous = event.hash;
  }
  return { streamId, valid: true, eventsChecked: events.length, headHash: previous };
}

function fail(
  streamId: string,
  checked: number,
  headHash: string,
  problem: NonNullable<IntegrityReport['problem']>,
): IntegrityReport {
  return { streamId, valid: false, eventsChecked: checked, headHash, problem };
}
