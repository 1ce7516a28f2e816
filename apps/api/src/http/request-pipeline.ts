import { isUtf8 } from 'node:buffer';
import { isDocumentUpload } from '../documents/document-upload-route';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { JsonLogger } from '@complaints/runtime';
import { problems, sendProblem } from './problem';
import { beginRequestContext, requestContext } from './request-context';
import { isPagePath } from '../pages/http/page-paths';

/** Request bodies are small forms; anything bigger is a mistake or an attack. */
export const BODY_LIMIT = '256kb';

/**
 * First in the chain: give the request its correlation id (the caller's X-Correlation-Id when it
 * is safe to echo, else a new UUID), echo it back, and log one line when the response is done.
 */
export function correlateAndLog(logger: JsonLogger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    const context = beginRequestContext(req);
    res.setHeader('X-Correlation-Id', context.correlationId);
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      logger.info('request', {
        method: req.method,
        path: req.path,
        status: res.statusCode,
        ms: Math.round(ms * 10) / 10,
        correlationId: context.correlationId,
        ...(context.principal ? { actor: context.principal.id } : {}),
      });
    });
    next();
  };
}

const isForm = (req: Request) => Boolean(req.is('application/x-www-form-urlencoded'));
const isJson = (req: Request) => Boolean(req.is(['application/json', 'application/*+json']));

function hasBody(req: Request): boolean {
  const length = req.header('content-length');
  return req.header('transfer-encoding') !== undefined || (length !== undefined && length !== '0');
}

class InvalidUtf8Error extends Error {}

/**
 * Text is refused, never cleaned (README, "Validation at the edge"): bytes that are not UTF-8
 * would otherwise be decoded to U+FFFD and recorded as if the resident had written that.
 */
function refuseInvalidUtf8(req: Request, _res: Response, body: Buffer): void {
  const charset = /charset=([^;\s]+)/i.exec(req.header('content-type') ?? '')?.[1]?.toLowerCase();
  if ((charset === undefined || charset === 'utf-8' || charset === 'utf8') && !isUtf8(body)) {
    throw new InvalidUtf8Error(
      'must be UTF-8: it contains bytes that are not (an invalid or overlong sequence, or an encoded surrogate)',
    );
  }
}

/**
 * JSON bodies (and, on pages only, HTML forms), at most BODY_LIMIT, answered as problems: 415 for another media type,
 * 413 when too large, 400 when malformed. A write with no body at all is allowed (several writes
 * have only optional fields); controllers see `undefined` and validate it as `{}`.
 */
export function jsonBodies() {
  const json = express.json({ limit: BODY_LIMIT, type: () => true, verify: refuseInvalidUtf8 });
  // Pages' forms: flat fields (repeated names become arrays), with the same size and UTF-8 rules.
  const form = express.urlencoded({
    limit: BODY_LIMIT,
    extended: false,
    parameterLimit: 500,
    type: () => true,
    verify: refuseInvalidUtf8,
  });
  return (req: Request, res: Response, next: NextFunction): void => {
    const { correlationId } = requestContext(req);
    if (!hasBody(req)) {
      next();
      return;
    }
    // A document upload is multipart, read by its own route after the roles guard (documents/multipart-upload.ts).
    if (isDocumentUpload(req)) {
      next();
      return;
    }
    const parse = isPagePath(req.path) && isForm(req) ? form : json;
    if (parse === json && !isJson(req)) {
      sendProblem(
        res,
        problems.unsupportedMediaType(
          `Send the body as application/json (got ${req.header('content-type') ?? 'no Content-Type'}).`,
        ),
        correlationId,
      );
      return;
    }
    parse(req, res, (error?: unknown) => {
      if (error === undefined) {
        next();
        return;
      }
      const type = typeof error === 'object' && error !== null ? (error as { type?: unknown }).type : undefined;
      if (type === 'entity.too.large') {
        sendProblem(res, problems.tooLarge(`Request bodies are limited to ${BODY_LIMIT}.`), correlationId);
      } else if (type === 'entity.parse.failed') {
        sendProblem(res, problems.malformedJson(), correlationId);
      } else if (type === 'entity.verify.failed' && error instanceof InvalidUtf8Error) {
        sendProblem(
          res,
          problems.validation([{ field: '(body)', message: error.message }], 'The request body is not valid UTF-8.'),
          correlationId,
        );
      } else if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
        sendProblem(res, problems.unsupportedMediaType('Send the body as UTF-8 JSON.'), correlationId);
      } else {
        sendProblem(
          res,
          problems.validation(
            [{ field: '(body)', message: 'the body could not be read' }],
            'The request body could not be read.',
          ),
          correlationId,
        );
      }
    });
  };
}
