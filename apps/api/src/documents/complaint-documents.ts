import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { DocumentKind, EventOfType } from '@complaints/contracts';
import { complaintRules, documentViolation } from '@complaints/domain';
import { DomainRuleError, type BlobStore, type ComplaintEnvelope } from '@complaints/event-store';
import { APP_CONFIG } from '../app/tokens';
import type { WriteResult } from '../complaints/write/commands';
import { ComplaintQueries } from '../complaints/read/complaint-queries.service';
import { ComplaintWriter } from '../complaints/write/complaint-writer';
import type { WriteContext } from '../complaints/write/write-context';
import { requestSchemaOf, writes } from '../complaints/write/write-definitions';
import type { AppConfig } from '../config/app-config';
import { ProblemException, problems } from '../http/problem';
import { parseOr400 } from '../http/validation';
import { documentBlobKey } from '@complaints/runtime';
import { documentProblems } from './document-problems';
import { DOCUMENT_BLOBS } from './document-tokens';
import { declaredMediaType, detectMediaType } from './media-type-sniffing';
import type { Upload } from './multipart-upload';

/** One attached document as readers see it: its record, and its file name and description (ERASED once erased). */
export interface DocumentView {
  documentId: string;
  sha256: string;
  sizeBytes: number;
  mediaType: string;
  kind: DocumentKind;
  fileName: string;
  description: string | null;
  attachedAt: string;
  attachedBy: string;
  /** False once the complaint's personal data is erased: the bytes were deleted with it. */
  available: boolean;
}

export interface ComplaintDocumentList {
  complaintId: string;
  /** When the personal data (and with it the documents' bytes) was erased; null if never. */
  erasedAt: string | null;
  documents: DocumentView[];
}

export interface AttachedDocument extends WriteResult {
  document: DocumentView;
}

/**
 * Attaching, listing and reading a complaint's documents (docs/documents.md). The record is the
 * DocumentAttached events; the bytes are in the blob store, keyed by complaint and SHA-256.
 */
@Injectable()
export class ComplaintDocuments {
  constructor(
    private readonly writer: ComplaintWriter,
    private readonly queries: ComplaintQueries,
    @Inject(DOCUMENT_BLOBS) private readonly blobs: BlobStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get maxBytes(): number {
    return this.config.documents.maxBytes;
  }

  /**
   * Check the upload, store its bytes, then record the event: an orphan blob (the append
   * refused, the process gone in between) is harmless, an event whose bytes were never stored
   * is not. A refusal removes the blob again unless the complaint already holds those bytes.
   */
  async attach(complaintId: string, upload: Upload, context: WriteContext): Promise<AttachedDocument> {
    const fields = parseOr400(requestSchemaOf(writes.attachDocument), { ...upload.fields, fileName: upload.fileName });
    const declared = declaredMediaType(upload.declaredType);
    const mediaType = await detectMediaType(upload.bytes, declared);
    const refused = documentViolation({ sizeBytes: upload.bytes.length, mediaType, maxBytes: this.maxBytes });
    if (refused) throw new ProblemException(documentProblems.refused(refused.rule, refused.message));
    if (declared !== undefined && declared !== mediaType)
      throw new ProblemException(documentProblems.contradictsContent(declared, mediaType));

    // Refuse what the decider would refuse before storing anything: most refusals then leave no blob at all.
    const { erasedAt } = listOf(complaintId, await this.queries.stream(complaintId));
    if (erasedAt)
      throw new DomainRuleError(
        complaintRules.documentOnErasedComplaint.id,
        `${complaintRules.documentOnErasedComplaint.message} It was erased ${erasedAt}.`,
      );

    const sha256 = createHash('sha256').update(upload.bytes).digest('hex');
    const key = documentBlobKey(complaintId, sha256);
    await this.blobs.put(key, upload.bytes);
    let result: WriteResult;
    try {
      result = await this.writer.write(
        complaintId,
        writes.attachDocument,
        { ...fields, sha256, sizeBytes: upload.bytes.length, mediaType, maxBytes: this.maxBytes },
        context,
      );
    } catch (error) {
      await this.removeUnrecorded(complaintId, sha256, key);
      throw error;
    }
    const list = await this.list(complaintId);
    const document = list.documents.findLast((d) => d.sha256 === sha256);
    if (!document) throw new Error(`document ${sha256} was attached to ${complaintId} but is not in its record`);
    return { ...result, document };
  }

  async list(complaintId: string): Promise<ComplaintDocumentList> {
    return listOf(complaintId, await this.queries.stream(complaintId));
  }

  /** The document's record and its bytes, checked against the recorded SHA-256: never other bytes. */
  async read(complaintId: string, documentId: string): Promise<{ document: DocumentView; bytes: Buffer }> {
    const list = await this.list(complaintId);
    const document = list.documents.find((d) => d.documentId === documentId);
    if (!document)
      throw new ProblemException(
        problems.notFound(`Complaint ${complaintId} has no document ${JSON.stringify(documentId.slice(0, 100))}.`),
      );
    if (list.erasedAt !== null) throw new ProblemException(documentProblems.erased(documentId, list.erasedAt));
    const bytes = await this.blobs.get(documentBlobKey(complaintId, document.sha256));
    if (bytes === null)
      throw new ProblemException(
        documentProblems.corrupted(documentId, 'its bytes are missing from the document store'),
      );
    const actual = createHash('sha256').update(bytes).digest('hex');
    if (actual !== document.sha256 || bytes.length !== document.sizeBytes) {
      throw new ProblemException(
        documentProblems.corrupted(
          documentId,
          `the stored bytes do not match its recorded SHA-256 (${document.sha256})`,
        ),
      );
    }
    return { document, bytes };
  }

  /** After a refused append: the bytes go, unless an earlier document of the complaint is the same file. */
  private async removeUnrecorded(complaintId: string, sha256: string, key: string): Promise<void> {
    const envelopes = await this.queries.stream(complaintId);
    const recorded = envelopes.some((e) => e.event.type === 'DocumentAttached' && e.event.data.sha256 === sha256);
    if (!recorded) await this.blobs.delete(key);
  }
}

/** The documents of a complaint from its stream (the case page hands over the one read it made). */
export function listOf(complaintId: string, envelopes: readonly ComplaintEnvelope[]): ComplaintDocumentList {
  const erased = envelopes.find((e) => e.event.type === 'PersonalDataErased');
  const erasedAt = erased ? erased.event.data.occurredAt : null;
  const documents = envelopes
    .filter(
      (e): e is ComplaintEnvelope & { event: EventOfType<'DocumentAttached'> } => e.event.type === 'DocumentAttached',
    )
    .map(({ event: { data } }) => ({
      documentId: data.documentId,
      sha256: data.sha256,
      sizeBytes: data.sizeBytes,
      mediaType: data.mediaType,
      kind: data.kind,
      fileName: data.fileName,
      description: data.description ?? null,
      attachedAt: data.occurredAt,
      attachedBy: data.attachedBy,
      available: erasedAt === null,
    }));
  return { complaintId, erasedAt, documents };
}
