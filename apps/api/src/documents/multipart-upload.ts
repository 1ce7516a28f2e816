import type { Request, Response } from 'express';
import multer from 'multer';
import { ProblemException, problems } from '../http/problem';
import { complaintRules } from '@complaints/domain';
import { documentProblems } from './document-problems';

/** One uploaded file and the form's other fields, as sent. */
export interface Upload {
  bytes: Buffer;
  /** The part's Content-Type, as the client declared it. */
  declaredType: string | undefined;
  fileName: string;
  fields: Record<string, string>;
}

/** The file's form field; every other field is text (kind, description, attachedAt, and _csrf on the page). */
export const FILE_FIELD = 'file';

/**
 * Read a multipart/form-data upload (multer, in memory: the bytes are checked before they are
 * stored anywhere), after the route's roles guard has passed, so nobody unauthorised gets to
 * send megabytes. At most `maxBytes` of file (413 past it, before the rest is read), one file,
 * a few small text fields.
 */
export async function readUpload(req: Request, res: Response, maxBytes: number): Promise<Upload> {
  if (!/^multipart\/form-data\s*;/i.test(req.header('content-type') ?? '')) {
    throw new ProblemException(
      problems.unsupportedMediaType(
        `Send the document as multipart/form-data, the file in the "${FILE_FIELD}" field (got ${req.header('content-type') ?? 'no Content-Type'}).`,
      ),
    );
  }
  const parse = multer({
    storage: multer.memoryStorage(),
    defParamCharset: 'utf8',
    limits: { fileSize: maxBytes, files: 1, fields: 10, fieldSize: 8_000, parts: 12 },
  }).single(FILE_FIELD);
  await new Promise<void>((resolve, reject) =>
    parse(req, res, (error?: unknown) => (error ? reject(translate(error, maxBytes)) : resolve())),
  );
  const fields = Object.fromEntries(
    Object.entries((req.body ?? {}) as Record<string, unknown>).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );
  const file = req.file;
  if (!file)
    throw new ProblemException(
      problems.validation([{ field: FILE_FIELD, message: 'is required: the document itself, as a file part' }]),
    );
  // Some browsers send the whole path (C:\\Users\\…\\photo.jpg): only the file's own name is kept.
  const fileName = file.originalname.split(/[\\/]/).at(-1) ?? '';
  return { bytes: file.buffer, declaredType: file.mimetype || undefined, fileName, fields };
}

function translate(error: unknown, maxBytes: number): unknown {
  const code = (error as { code?: unknown } | undefined)?.code;
  const field = (error as { field?: unknown } | undefined)?.field;
  switch (code) {
    case 'LIMIT_FILE_SIZE':
      return new ProblemException(
        documentProblems.refused(
          complaintRules.documentTooLarge.id,
          `A document may be at most ${maxBytes} bytes (DOCUMENTS_MAX_BYTES).`,
        ),
      );
    case 'LIMIT_FILE_COUNT':
    case 'LIMIT_UNEXPECTED_FILE':
      return new ProblemException(
        problems.validation([
          {
            field: typeof field === 'string' ? field : FILE_FIELD,
            message: `only one file, in the "${FILE_FIELD}" field`,
          },
        ]),
      );
    case 'LIMIT_PART_COUNT':
    case 'LIMIT_FIELD_COUNT':
    case 'LIMIT_FIELD_KEY':
    case 'LIMIT_FIELD_VALUE':
      return new ProblemException(
        problems.validation([
          { field: typeof field === 'string' ? field : '(body)', message: 'too many or too long form fields' },
        ]),
      );
    default:
      // busboy's "Unexpected end of form", a malformed boundary: the body is not a readable form.
      return error instanceof Error && !('status' in error)
        ? new ProblemException(
            problems.validation([
              { field: '(body)', message: `not a readable multipart/form-data body (${error.message})` },
            ]),
          )
        : error;
  }
}
