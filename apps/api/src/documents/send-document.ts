import type { Response } from 'express';
import type { DocumentView } from './complaint-documents';

/**
 * Send a document's (already checked) bytes: as the recorded media type, always as an
 * attachment and with nosniff, so a browser never renders a resident's file as a page of this
 * service (an HTML-looking text file stays text, and is saved rather than shown).
 */
export function sendDocument(res: Response, document: DocumentView, bytes: Buffer): void {
  res.status(200);
  res.setHeader('Content-Type', document.mediaType);
  res.setHeader('Content-Length', String(bytes.length));
  res.setHeader('Content-Disposition', contentDisposition(document.documentId, document.fileName));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Cache-Control', 'private, no-store');
  res.setHeader('X-Content-SHA256', document.sha256);
  res.end(bytes);
}

/** attachment, with the file name as recorded (RFC 6266: an ASCII fallback and the UTF-8 original). */
function contentDisposition(documentId: string, fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii || documentId}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
