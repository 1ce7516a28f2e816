/** The BlobStore holding documents' bytes (documents-config.ts opens it from DOCUMENTS_*). */
export const DOCUMENT_BLOBS = Symbol('DocumentBlobs');
