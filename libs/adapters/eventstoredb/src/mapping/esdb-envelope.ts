import type { EventMetadata } from '@complaints/contracts';
import type { ChainedEvent, RecordedEvent } from '@complaints/event-store';
import { jsonEvent, type EventData, type JSONType, type Position } from '@eventstore/db-client';
import { fromEsdbEventRevision, globalPositionOf } from './revisions';

/**
 * What we keep in ESDB's event metadata. ESDB has its own `created` timestamp, but the port's
 * recordedAt comes from our Clock (tests inject one; the hash covers it), so it travels here
 * with the envelope metadata and the hash chain. `$correlationId`/`$causationId` follow ESDB's
 * conventions so its own tooling (the by-correlation projection, the UI) understands them.
 */
export interface EsdbEventMetadata {
  $correlationId: string;
  $causationId?: string;
  complaints: {
    envelope: typeof ENVELOPE_VERSION;
    schemaVersion: number;
    recordedAt: string;
    hash: string;
    previousHash: string;
    metadata: EventMetadata;
  };
}

export const ENVELOPE_VERSION = 1;

/** The shape of an ESDB recorded event this module needs (the client's type is a wide union). */
export interface EsdbRecord {
  streamId: string;
  id: string;
  revision: bigint;
  type: string;
  isJson: boolean;
  data: unknown;
  metadata: unknown;
  position?: Position | undefined;
}

/** The event stored in a stream ESDB holds does not carry our envelope: it was not written by this adapter. */
export class ForeignEventError extends Error {
  constructor(
    readonly streamId: string,
    readonly esdbRevision: bigint,
    reason: string,
  ) {
    super(`Event ${esdbRevision} of ${streamId} was not written by the complaints event store: ${reason}`);
    this.name = 'ForeignEventError';
  }
}

export function toEsdbMetadata(event: ChainedEvent): EsdbEventMetadata {
  return {
    $correlationId: event.metadata.correlationId,
    ...(event.metadata.causationId !== undefined ? { $causationId: event.metadata.causationId } : {}),
    complaints: {
      envelope: ENVELOPE_VERSION,
      schemaVersion: event.schemaVersion,
      recordedAt: event.recordedAt,
      hash: event.hash,
      previousHash: event.previousHash,
      metadata: event.metadata,
    },
  };
}

export function toEsdbEvent(event: ChainedEvent): EventData {
  return jsonEvent({
    id: event.eventId,
    type: event.type,
    // Any JSON value is stored as its JSON text; the client's type is narrower than its behaviour.
    data: event.data as JSONType,
    metadata: toEsdbMetadata(event) as unknown as JSONType,
  });
}

/**
 * Our RecordedEvent from an ESDB record. `position` must be known: ESDB gives it on `$all`
 * reads and subscriptions, and on stream reads since server 22.6.
 */
export function fromEsdbRecord(record: EsdbRecord): RecordedEvent {
  if (!record.isJson) throw new ForeignEventError(record.streamId, record.revision, 'it is not JSON');
  const envelope = envelopeOf(record.metadata);
  if (!envelope)
    throw new ForeignEventError(record.streamId, record.revision, 'its metadata has no complaints envelope');
  if (!record.position) {
    throw new Error(
      `EventStoreDB gave no $all position for ${record.streamId}@${record.revision}: the server must be 22.6 or later`,
    );
  }
  return {
    eventId: record.id,
    type: record.type,
    schemaVersion: envelope.schemaVersion,
    data: record.data,
    metadata: envelope.metadata,
    streamId: record.streamId,
    revision: fromEsdbEventRevision(record.revision),
    globalPosition: globalPositionOf(record.position),
    recordedAt: envelope.recordedAt,
    hash: envelope.hash,
    previousHash: envelope.previousHash,
  };
}

function envelopeOf(metadata: unknown): EsdbEventMetadata['complaints'] | undefined {
  if (metadata === null || typeof metadata !== 'object') return undefined;
  const envelope = (metadata as Record<string, unknown>)['complaints'];
  if (envelope === null || typeof envelope !== 'object') return undefined;
  const e = envelope as Record<string, unknown>;
  const valid =
    e['envelope'] === ENVELOPE_VERSION &&
    typeof e['schemaVersion'] === 'number' &&
    typeof e['recordedAt'] === 'string' &&
    typeof e['hash'] === 'string' &&
    typeof e['previousHash'] === 'string' &&
    e['metadata'] !== null &&
    typeof e['metadata'] === 'object';
  return valid ? (envelope as EsdbEventMetadata['complaints']) : undefined;
}
