import type { DocumentKind, DocumentMediaType, Instant } from '@complaints/contracts';

/**
 * A document attached to the complaint, as the decider needs it: nothing personal (the file
 * name and description stay in the event, encrypted, and are read from there).
 */
export interface DocumentRecord {
  readonly documentId: string;
  readonly sha256: string;
  readonly sizeBytes: number;
  readonly mediaType: DocumentMediaType;
  readonly kind: DocumentKind;
  readonly attachedAt: Instant;
  /** Staff id. */
  readonly attachedBy: string;
}
