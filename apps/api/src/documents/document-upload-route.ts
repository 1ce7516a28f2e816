import type { Request } from 'express';

/** POST /api/v1/complaints/{id}/documents, and the case page's form posting to /complaints/{id}/documents. */
const UPLOAD_PATH = /^(?:\/api\/v1)?\/complaints\/[^/]+\/documents\/?$/;

/**
 * A multipart document upload: the one body the shared JSON/form parser leaves alone, because
 * its route reads it (after the roles guard) with the size limit of documents, not of JSON.
 */
export function isDocumentUpload(req: Request): boolean {
  return (
    req.method === 'POST' &&
    UPLOAD_PATH.test(req.path) &&
    /^multipart\/form-data\s*;/i.test(req.header('content-type') ?? '')
  );
}
