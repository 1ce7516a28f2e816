import { z } from 'zod';
import { DocumentKind, Sha256Hex } from '../events/document-events';
import { InputInstant, InputShortText, InputText } from '../primitives';

/**
 * Attach a document whose bytes are already in the document store (docs/documents.md). The
 * edge reads the bytes: it computes the SHA-256 and the size and detects the media type from
 * the content; the domain decides whether that type and size may be attached. `maxBytes` is the
 * configured limit (DOCUMENTS_MAX_BYTES), a server field: the domain never reads configuration.
 */
export const AttachDocument = z.strictObject({
  attachedAt: InputInstant,
  /** Computed by the edge from the bytes; plain text first, like every command field, then a digest. */
  sha256: InputShortText.pipe(Sha256Hex),
  sizeBytes: z.number().int().nonnegative(),
  /** As detected from the content; null when nothing recognisable was found. */
  mediaType: InputShortText.nullable(),
  kind: DocumentKind,
  fileName: InputText(255).superRefine((value, ctx) => {
    if ([...value].some((c) => c === '/' || c === '\\' || c.charCodeAt(0) < 0x20))
      ctx.addIssue({ code: 'custom', message: 'must be a file name, without a folder or control characters' });
  }),
  description: InputText(2000).optional(),
  maxBytes: z.number().int().positive(),
});
