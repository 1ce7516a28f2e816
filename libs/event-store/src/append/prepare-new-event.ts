import type { EventMetadata } from '@complaints/contracts';
import { EventTooLargeError, MAX_EVENT_BYTES, type NewEvent } from '../port/event-store.port';

/** An event in exactly the form a store keeps and hands back: what the hash must cover. */
export interface PreparedNewEvent extends NewEvent {
  /** UTF-8 bytes of data + metadata as JSON: what the size limit is measured on. */
  sizeBytes: number;
  /** `data` as JSON text, serialised once for the size check and reused by adapters that store text. */
  dataJson: string;
  /** `metadata` as JSON text, likewise. */
  metadataJson: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Check and normalise one event before any adapter starts writing (no locks held while doing
 * CPU work). The data and metadata are round-tripped through JSON so the hash covers what a
 * later read returns (a Date becomes its ISO string, undefined members vanish), and the event
 * id is lower-cased because every engine we use (PostgreSQL uuid, EventStoreDB) prints UUIDs
 * that way.
 */
export function prepareNewEvent(event: NewEvent, limitBytes: number = MAX_EVENT_BYTES): PreparedNewEvent {
  const eventId = event.eventId.toLowerCase();
  if (!UUID.test(eventId)) throw new TypeError(`eventId must be a UUID, got ${JSON.stringify(event.eventId)}`);
  if (!Number.isInteger(event.schemaVersion) || event.schemaVersion < 1) {
    throw new TypeError(`schemaVersion must be a positive integer, got ${event.schemaVersion}`);
  }
  if (typeof event.type !== 'string' || event.type.length === 0) throw new TypeError('type must be a non-empty string');
  const dataJson = JSON.stringify(event.data);
  const metadataJson = JSON.stringify(event.metadata);
  if (dataJson === undefined || metadataJson === undefined) {
    throw new TypeError(`${event.type}: data and metadata must be JSON values`);
  }
  const sizeBytes = storedSizeBytes(dataJson, metadataJson);
  if (sizeBytes > limitBytes) throw new EventTooLargeError(event.type, sizeBytes, limitBytes);
  return {
    eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: JSON.parse(dataJson) as unknown,
    metadata: JSON.parse(metadataJson) as EventMetadata,
    sizeBytes,
    dataJson,
    metadataJson,
  };
}

/** The size the limit is about: data plus metadata, as UTF-8 JSON. */
export function storedSizeBytes(dataJson: string, metadataJson: string): number {
  return Buffer.byteLength(dataJson, 'utf8') + Buffer.byteLength(metadataJson, 'utf8');
}
