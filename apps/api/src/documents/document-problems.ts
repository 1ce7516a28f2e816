import { complaintRules } from '@complaints/domain';
import { PROBLEM_BASE, problems, type Problem } from '../http/problem';

/** The problems only documents answer with (docs/documents.md). */
export const documentProblems = {
  /** The upload's declared Content-Type says one thing and its bytes another: nothing is stored. */
  contradictsContent: (declared: string, detected: string | null): Problem => ({
    ...problems.unsupportedMediaType(
      `The file was sent as ${declared} but its content is ${detected ?? 'not a recognised format'}: a document's type is decided by its content. Send it with its real type (or as application/octet-stream).`,
    ),
    declaredMediaType: declared,
    detectedMediaType: detected,
  }),
  /** A document rule refused the bytes before anything was stored: the same rule the decider applies. */
  refused: (rule: string, detail: string): Problem => ({
    type: `${PROBLEM_BASE}/${rule}`,
    title: rule === complaintRules.documentTooLarge.id ? 'Payload too large' : 'Unsupported media type',
    status: rule === complaintRules.documentTooLarge.id ? 413 : rule === complaintRules.documentTypeNotAllowed.id ? 415 : 400,
    detail,
    rule,
  }),
  erased: (documentId: string, erasedAt: string): Problem => ({
    type: `${PROBLEM_BASE}/document-erased`,
    title: 'Gone',
    status: 410,
    detail: `Document ${documentId} was deleted when this complaint's personal data was erased (${erasedAt}); only its record (kind, type, size, SHA-256) remains.`,
    documentId,
    erasedAt,
  }),
  /** The store lost the bytes, or gave back others: never serve them (docs/documents.md, "Integrity"). */
  corrupted: (documentId: string, why: string): Problem => ({
    type: `${PROBLEM_BASE}/document-corrupted`,
    title: 'Document unavailable',
    status: 500,
    detail: `Document ${documentId} cannot be served: ${why}. Nothing was sent; the document store needs restoring from backup.`,
    documentId,
  }),
};
