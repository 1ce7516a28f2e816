import { canonicalJson } from '@complaints/event-store';
import { leafHash } from './rfc9162';

/**
 * What the log records of each event (docs/integrity.md, "Leaves"): its stream, revision, id and
 * hash-chain hash. The chain hash covers the event's stored form (ciphertext, metadata, recorded
 * time), so erasing a key changes nothing here; the stream and revision make the leaf say WHERE
 * the event sits, so a leaf whose event is missing from a stream proves the stream was cut.
 */
export interface LogLeaf {
  streamId: string;
  revision: number;
  eventId: string;
  /** The event's hash-chain hash (64 lower-case hex digits). */
  hash: string;
}

/** The leaf's bytes: UTF-8 of its RFC 8785 canonical JSON (keys sorted: eventId, hash, revision, streamId). */
export function logLeafData(leaf: LogLeaf): Buffer {
  return Buffer.from(
    canonicalJson({ streamId: leaf.streamId, revision: leaf.revision, eventId: leaf.eventId, hash: leaf.hash }),
    'utf8',
  );
}

/** RFC 9162 leaf hash of the event's leaf. */
export function logLeafHash(leaf: LogLeaf): Buffer {
  return leafHash(logLeafData(leaf));
}
