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
  /**
   * A document rule refused the bytes before anything was stored: the same rule the decider
   * applies, with the status its kind of refusal has everywhere (413 too large, 415 a type not
   * accepted, 400 otherwise) and the rule's own type, so a client tells them apart.
   */
  refused: (rule: string, detail: string): Problem => ({
    ...refusalOf(rule, detail),
    type: `${PROBLEM_BASE}/${rule}`,
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
  /** The store lost the bytes, or gave back others: never serve them (docs/documents.md, "Download and list"). */
  corrupted: (documentId: string, why: string): Problem => ({
    type: `${PROBLEM_BASE}/document-corrupted`,
    title: 'Document unavailable',
    status: 500,
    detail: `Document ${documentId} cannot be served: ${why}. Nothing was sent; the document store needs restoring from backup.`,
    documentId,
  }),
};

function refusalOf(rule: string, detail: string): Problem {
  if (rule === complaintRules.documentTooLarge.id) return problems.tooLarge(detail);
  if (rule === complaintRules.documentTypeNotAllowed.id) return problems.unsupportedMediaType(detail);
  return { type: `${PROBLEM_BASE}/${rule}`, title: 'Document refused', status: 400, detail };
}
