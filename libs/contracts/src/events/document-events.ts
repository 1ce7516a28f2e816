import { z } from 'zod';
import { defineEvent } from '../define-event';
import { Instant, ShortText, Text } from '../primitives';

/**
 * What a document attached to a complaint is, for the record (Code 5.12: the full record
 * includes correspondence and evidence). A vocabulary, never free text.
 */
export const DocumentKinds = ['photo', 'report', 'letter_received', 'correspondence', 'evidence', 'other'] as const;
export const DocumentKind = z.enum(DocumentKinds);
export type DocumentKind = z.infer<typeof DocumentKind>;

/**
 * The media types a document may have, decided from its content (docs/documents.md, "Rules (domain)"):
 * PDF, the common image formats, office documents (OOXML, OpenDocument text, legacy Word and
 * Excel) and plain text. Anything else (executables, archives, HTML, SVG) is refused.
 */
export const DocumentMediaTypes = [
  'application/pdf',
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
  'image/heic',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/msword',
  'application/vnd.ms-excel',
  'text/plain',
] as const;
export const DocumentMediaType = z.enum(DocumentMediaTypes);
export type DocumentMediaType = z.infer<typeof DocumentMediaType>;

/** A SHA-256 digest as 64 lower-case hex digits. */
export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 digest: 64 lower-case hex digits');

/** A file name as the uploader's computer knew it: personal (it can name people), at most 255 characters. */
export const DocumentFileName = Text(255);

export const DocumentAttachedV1 = defineEvent({
  type: 'DocumentAttached',
  schemaVersion: 1,
  description:
    'A document (a photo, a report, a letter received, correspondence, evidence) was attached to the complaint. The bytes are in the document store under the SHA-256; the file name and description are personal.',
  personal: ['fileName', 'description'],
  schema: z.strictObject({
    occurredAt: Instant,
    /** 'D1', 'D2'… numbered within the complaint, never reused. */
    documentId: ShortText,
    /** SHA-256 of the bytes: the document store's key (with the complaint) and the check on every download. */
    sha256: Sha256Hex,
    sizeBytes: z.number().int().positive(),
    /** As detected from the content, not as declared by the uploader. */
    mediaType: DocumentMediaType,
    kind: DocumentKind,
    fileName: DocumentFileName,
    description: Text(2000).optional(),
    /** The staff id of whoever attached it. */
    attachedBy: ShortText,
  }),
});
export type DocumentAttached = z.infer<typeof DocumentAttachedV1.schema>;
