// multer (the Express team's multipart parser, the version @nestjs/platform-express uses) ships no
// types here: the part of its API the document upload uses (docs/documents.md, "Upload").
declare module 'multer' {
  import type { RequestHandler } from 'express';
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
}
