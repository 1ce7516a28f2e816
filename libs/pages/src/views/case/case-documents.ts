import { DocumentKinds, type DocumentKind } from '@complaints/contracts';
import { humanSize } from '@complaints/projections';

/** A document as the case page lists it: the API's DocumentView, shaped for the template. */
export interface CaseDocumentInput {
  documentId: string;
  kind: DocumentKind;
  mediaType: string;
  sizeBytes: number;
  fileName: string;
  description: string | null;
  attachedAt: string;
  available: boolean;
}

const KIND_LABELS: Readonly<Record<DocumentKind, string>> = {
  photo: 'Photo',
  report: 'Report',
  letter_received: 'Letter received',
  correspondence: 'Correspondence',
  evidence: 'Evidence',
  other: 'Other',
};

export interface CaseDocumentsContext {
  rows: {
    documentId: string;
    kind: string;
    type: string;
    size: string;
    fileName: string;
    description: string | null;
    attachedAt: string;
    href: string | null;
  }[];
  erasedAt: string | null;
  /** The upload form, for those who may attach (a plain multipart form: no script needed). */
  upload: { action: string; kinds: { value: DocumentKind; text: string }[] } | null;
}

/**
 * The case page's documents section (docs/documents.md): each with a download link, none once
 * erased (the record stays, the bytes are gone), and the upload form for the complaints team.
 */
export function caseDocumentsContext(
  complaintId: string,
  documents: readonly CaseDocumentInput[],
  erasedAt: string | null,
  canUpload: boolean,
): CaseDocumentsContext {
  const base = `/complaints/${encodeURIComponent(complaintId)}/documents`;
  return {
    rows: documents.map((d) => ({
      documentId: d.documentId,
      kind: KIND_LABELS[d.kind],
      type: d.mediaType,
      size: humanSize(d.sizeBytes),
      fileName: d.fileName,
      description: d.description,
      attachedAt: d.attachedAt,
      href: d.available ? `${base}/${encodeURIComponent(d.documentId)}` : null,
    })),
    erasedAt,
    upload:
      canUpload && erasedAt === null
        ? { action: base, kinds: DocumentKinds.map((value) => ({ value, text: KIND_LABELS[value] })) }
        : null,
  };
}
