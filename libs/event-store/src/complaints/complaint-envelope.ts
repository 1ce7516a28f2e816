import type { KeyStore } from '../port/key-store.port';
import type { ComplaintEvent, ComplaintEventType, EventMetadata, StreamCategory } from '@complaints/contracts';

/** One event of a complaint (or of another record of the log) as the application sees it: current schema, personal data revealed or erased. */
export interface ComplaintEnvelope {
  eventId: string;
  /** The record's id within its category: the complaint's id for a complaint's events, the feedback's for feedback. */
  complaintId: string;
  /** Which kind of record the stream is (libs/contracts stream-categories.ts). Read models of complaints see only 'complaint'. */
  category: StreamCategory;
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
  /**
   * The personal fields read as ERASED: the data subject's key was destroyed, or the event was
   * read redacted (ComplaintLogBatch.redacted: nothing decrypted at all).
   */
  personalDataErased: boolean;
}

/** One read of the global log's complaint events (ComplaintEventStore.readBatch), for several readers. */
export interface ComplaintLogBatch {
  /** Complaint events read. */
  readonly size: number;
  /** Global position of the last of them; undefined when none. */
  readonly lastPosition: bigint | undefined;
  /** The data subjects' keys for this batch only: whoever seals what it keeps of the batch uses them too. */
  readonly keys: KeyStore;
  /** Current-version events, validated, personal fields decrypted (or ERASED where the key was destroyed). Computed once. */
  revealed(): Promise<ComplaintEnvelope[]>;
  /** Current-version events with every personal field ERASED and no key looked up (personalDataErased: true). Computed once. */
  redacted(): ComplaintEnvelope[];
}
