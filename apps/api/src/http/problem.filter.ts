import { Catch, HttpException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { StoreUnavailableError } from '@complaints/event-store';
import type { JsonLogger } from '@complaints/runtime';
import {
  problems,
  ProblemException,
  RETRY_AFTER_UNAVAILABLE_SECONDS,
  sendProblem as sendProblemJson,
  type Problem,
} from './problem';
import { isPagePath } from '../pages/http/page-paths';
import { requestContext } from './request-context';

/** Sends a problem to a person: pages answer HTML (libs/pages), never problem+json. */
export type PageProblemSender = (
  req: Request,
  res: Response,
  problem: Problem,
  correlationId: string | undefined,
  headers: Readonly<Record<string, string>>,
) => void;

/** Turns an error the application knows (a store or domain error) into a problem, or returns undefined. */
export type ErrorTranslator = (error: unknown) => Problem | undefined;

/**
 * Every error leaves as application/problem+json. Known errors become their problem; Nest's
 * own HTTP exceptions (unknown route, wrong method) keep their status; a database that cannot
 * be reached (StoreUnavailableError, whatever the store) is 503 with Retry-After, never 500;
 * anything else is a bug: logged in full with the correlation id, answered with a generic 500
 * that reveals nothing.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(
    private readonly logger: JsonLogger,
    private readonly translators: readonly ErrorTranslator[] = [],
    private readonly pages?: PageProblemSender,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const { correlationId } = requestContext(req);
    // One way from an error to its problem; only the last step differs for a page.
    const pages = this.pages;
    const sendProblem: typeof sendProblemJson =
      pages && isPagePath(req.path) && wantsHtml(req)
        ? (response, problem, id, headers = {}) => pages(req, response, problem, id, headers)
        : sendProblemJson;

    if (exception instanceof ProblemException) {
      // A server-side problem answered on purpose (the transparency log refusing to sign a tree that does not extend its checkpoints) is still an alarm for operators.
      if (exception.problem.status >= 500 && exception.problem.status !== 503) {
        this.logger.failure('answered a server problem', {
          correlationId,
          method: req.method,
          path: req.path,
          type: exception.problem.type,
          detail: exception.problem.detail,
        });
      }
      sendProblem(res, exception.problem, correlationId, exception.headers);
      return;
    }
    const unavailable = storeUnavailableIn(exception);
    if (unavailable) {
      this.logger.warning('database unavailable; answered 503', {
        correlationId,
        method: req.method,
        path: req.path,
        error: unavailable.message,
      });
      sendProblem(res, problems.storeUnavailable(), correlationId, {
        'Retry-After': String(RETRY_AFTER_UNAVAILABLE_SECONDS),
      });
      return;
    }
    for (const translate of this.translators) {
      const problem = translate(exception);
      if (problem) {
        sendProblem(res, problem, correlationId);
        return;
      }
    }
    if (exception instanceof HttpException) {
      sendProblem(res, fromHttpException(exception, req), correlationId);
      return;
    }
    this.logger.failure('unhandled error', {
      correlationId,
      method: req.method,
      path: req.path,
      error:
        exception instanceof Error
          ? { name: exception.name, message: exception.message, stack: exception.stack }
          : String(exception),
    });
    sendProblem(res, problems.internal(), correlationId);
  }
}

/** A person's browser (or a client naming no preference) gets the page; a client asking for JSON gets the problem. */
function wantsHtml(req: Request): boolean {
  return req.accepts(['text/html', 'application/problem+json', 'application/json']) === 'text/html';
}

/** The StoreUnavailableError behind an error, if any (code that wraps an error keeps it as the cause). */
function storeUnavailableIn(error: unknown): StoreUnavailableError | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
    if (current instanceof StoreUnavailableError) return current;
  }
  return undefined;
}

function fromHttpException(exception: HttpException, req: Request): Problem {
  const status = exception.getStatus();
  switch (status) {
    case 404:
      return problems.notFound(`There is no ${req.method} ${req.path}.`);
    case 405:
      return problems.methodNotAllowed(`${req.method} is not allowed on ${req.path}.`);
    case 413:
      return problems.tooLarge('The request body is too large.');
    case 415:
      return problems.unsupportedMediaType('Send the body as application/json.');
    default:
      // Nest's own messages are generic ("Bad Request"); never pass through anything richer.
      return {
        type: status >= 500 ? problems.internal().type : `/problems/http-${status}`,
        title: exception.name.replace(/Exception$/, '').replace(/([a-z])([A-Z])/g, '$1 $2') || 'Error',
        status,
        detail: status >= 500 ? problems.internal().detail : 'The request could not be handled.',
      };
  }
}
