// multer (the Express team's multipart parser, installed with @nestjs/platform-express) ships no
// types here: the part of its API the document upload uses (docs/documents.md, "Upload").
declare module 'multer' {
  import type { Request, RequestHandler } from 'express';
  interface MulterFile {
    fieldname: string;
    originalname: string;
    mimetype: string;
    size: number;
    buffer: Buffer;
  }
  interface MulterOptions {
    storage?: unknown;
    limits?: { fileSize?: number; files?: number; fields?: number; fieldSize?: number; parts?: number };
    defParamCharset?: string;
  }
  interface Multer {
    single(field: string): RequestHandler;
  }
  interface MulterStatic {
    (options?: MulterOptions): Multer;
    memoryStorage(): unknown;
    MulterError: new (code: string, field?: string) => Error & { code: string; field?: string };
  }
  const multer: MulterStatic;
  export default multer;
  export type { MulterFile };
  global {
    namespace Express {
      interface Request {
        file?: MulterFile;
      }
    }
  }
  export type UploadRequest = Request;
}
