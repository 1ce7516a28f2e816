import type { ComplaintEvent, ComplaintEventType, EventMetadata } from '@complaints/contracts';

/** One event of a complaint as the application sees it: current schema, personal data revealed or erased. */
export interface ComplaintEnvelope {
  eventId: string;
  complaintId: string;
  streamId: string;
  type: ComplaintEventType;
  /** The schema version the event was written under (the event itself is upcast to the current one). */
  storedSchemaVersion: number;
  /** Current-version event; personal fields decrypted, or ERASED once the subject's key is destroyed. */
  event: ComplaintEvent;
  metadata: EventMetadata;
  revision: number;
  globalPosition: bigint;
  recordedAt: string;
  occurredAt: string;
  hash: string;
  personalDataErased: boolean;
}
