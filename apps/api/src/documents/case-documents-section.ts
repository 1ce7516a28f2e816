import { caseDocumentsContext, type CaseDocumentsContext } from '@complaints/pages';
import type { ComplaintEnvelope } from '@complaints/event-store';
import { listOf } from './complaint-documents';

/** The case page's documents section, from the stream the page already read. */
export function caseDocumentsSection(
  complaintId: string,
  envelopes: readonly ComplaintEnvelope[],
  canUpload: boolean,
): CaseDocumentsContext {
  const { documents, erasedAt } = listOf(complaintId, envelopes);
  return caseDocumentsContext(complaintId, documents, erasedAt, canUpload);
}
