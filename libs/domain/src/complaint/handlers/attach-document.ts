import { isAllowedDocumentType, documentViolation } from '../documents/document-rules';
import { complaintRules, violation } from '../rules';
import { withoutUndefined, type CommandHandler } from './command-handler';

/**
 * A document joins the record (Code 5.12) at any point of the complaint's life: a letter or a
 * photo can arrive after closure and still belongs to the case. Not once the personal data is
 * erased: the file name and description could no longer be encrypted, and the bytes are deleted
 * with the erasure (docs/documents.md, "Erasure"). Numbered 'D1', 'D2'… within the complaint.
 */
export const attachDocument: CommandHandler<'AttachDocument'> = {
  allowedOnceEnded: true,
  occurredAt: (command) => command.data.attachedAt,
  decide({ data, actor }, complaint) {
    if (complaint.personalDataErased !== null) {
      return violation(
        complaintRules.documentOnErasedComplaint,
        `It was erased ${complaint.personalDataErased.erasedAt}.`,
      );
    }
    const refused = documentViolation(data);
    if (refused) return refused;
    // documentViolation has checked it; the guard narrows the type for the event.
    if (!isAllowedDocumentType(data.mediaType)) return violation(complaintRules.documentTypeNotAllowed);
    return [
      {
        type: 'DocumentAttached',
        data: withoutUndefined({
          occurredAt: data.attachedAt,
          documentId: `D${complaint.documents.length + 1}`,
          sha256: data.sha256,
          sizeBytes: data.sizeBytes,
          mediaType: data.mediaType,
          kind: data.kind,
          fileName: data.fileName,
          description: data.description,
          attachedBy: actor.id,
        }),
      },
    ];
  },
};
