import { DocumentMediaTypes, type DocumentMediaType } from '@complaints/contracts';
import type { RuleViolation } from '../../decider';
import { complaintRules, violation } from '../rules';

/** The default limit on one document (DOCUMENTS_MAX_BYTES overrides it): 20 MB, a phone photo or a scanned report with room to spare. */
export const DEFAULT_DOCUMENT_MAX_BYTES = 20 * 1024 * 1024;

export interface DocumentFacts {
  readonly sizeBytes: number;
  /** As detected from the content; null when nothing recognisable was found. */
  readonly mediaType: string | null;
  readonly maxBytes: number;
}

export function isAllowedDocumentType(mediaType: string | null): mediaType is DocumentMediaType {
  return mediaType !== null && (DocumentMediaTypes as readonly string[]).includes(mediaType);
}

/**
 * Whether these bytes may be attached, by size and by what the content is. The edge asks this
 * before it stores the bytes (so a refused upload leaves nothing behind) and the decider asks it
 * again on the command, so the rule holds whoever sends the command.
 */
export function documentViolation({ sizeBytes, mediaType, maxBytes }: DocumentFacts): RuleViolation | null {
  if (sizeBytes === 0) return violation(complaintRules.documentEmpty);
  if (sizeBytes > maxBytes)
    return violation(complaintRules.documentTooLarge, `It is ${sizeBytes} bytes; the limit is ${maxBytes} bytes.`);
  if (!isAllowedDocumentType(mediaType)) {
    return violation(
      complaintRules.documentTypeNotAllowed,
      mediaType === null ? 'Its content is not a recognised format.' : `Its content is ${mediaType}.`,
    );
  }
  return null;
}
