import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { z } from 'zod';
import { DocumentKind, DocumentKinds, DocumentMediaTypes } from '@complaints/contracts';
import { WriteResultSchema } from '../openapi/response-schemas';
import { named } from '../openapi/zod-openapi';

/** OpenAPI shapes of the documents routes (docs/documents.md). */
export const DocumentViewSchema = z.object({
  documentId: z.string().describe("'D1', 'D2'… within the complaint"),
  sha256: z.string().describe('SHA-256 of the bytes, hex; every download is checked against it'),
  sizeBytes: z.number().int(),
  mediaType: z.enum(DocumentMediaTypes).describe('As detected from the content'),
  kind: DocumentKind,
  fileName: z.string().describe('Personal: "[erased]" once the personal data is erased'),
  description: z.string().nullable().describe('Personal: "[erased]" once the personal data is erased'),
  attachedAt: z.string(),
  attachedBy: z.string().describe('Staff id'),
  available: z
    .boolean()
    .describe('False once the personal data is erased: the bytes were deleted with it (download answers 410)'),
});

export const DocumentListSchema = named(
  'DocumentList',
  z.object({
    complaintId: z.string(),
    erasedAt: z.string().nullable(),
    documents: z.array(DocumentViewSchema),
  }),
);

export const AttachedDocumentSchema = named(
  'AttachedDocument',
  WriteResultSchema.extend({ document: DocumentViewSchema }),
);

/** The multipart body, as OpenAPI describes it (the file part's own Content-Type is checked against its content). */
export const UPLOAD_BODY_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['file', 'kind'],
  properties: {
    file: {
      type: 'string',
      format: 'binary',
      description: `The document: ${DocumentMediaTypes.join(', ')}, decided from the content`,
    },
    kind: { type: 'string', enum: [...DocumentKinds] },
    description: {
      type: 'string',
      maxLength: 2000,
      description: 'Optional; personal (encrypted, erased with the personal data)',
    },
    attachedAt: {
      type: 'string',
      format: 'date-time',
      description: 'When it was received or taken; now when left out',
    },
  },
};
