import type { Response } from 'express';

/**
 * RFC 9457 problem details: the only error shape this API answers with. `type` is a URI
 * reference naming the kind of problem (relative, resolved against the API's own origin);
 * extension members carry what a client can act on (`errors`, `rule`, `currentRevision`).
 */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  [extension: string]: unknown;
}

export interface FieldError {
  /** Dotted path into the request (`complainant.email`, `decisions.0.reasons`); `(body)` for the body itself. */
  field: string;
  message: string;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
export const PROBLEM_BASE = '/problems';

/** Throw anywhere in a request to answer with this problem. */
export class ProblemException extends Error {
  constructor(
    readonly problem: Problem,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(problem.detail);
    this.name = 'ProblemException';
  }
}

export const problems = {
  validation: (errors: FieldError[], detail = 'The request is not valid: see errors for each field.'): Problem => ({
    type: `${PROBLEM_BASE}/validation`,
    title: 'Invalid request',
    status: 400,
    detail,
    errors,
  }),
  malformedJson: (): Problem => ({
    type: `${PROBLEM_BASE}/malformed-json`,
    title: 'Malformed JSON',
    status: 400,
    detail: 'The request body is not valid JSON.',
    errors: [{ field: '(body)', message: 'not valid JSON' }],
  }),
  unauthorized: (detail: string): Problem => ({
    type: `${PROBLEM_BASE}/unauthorized`,
    title: 'Authentication required',
    status: 401,
    detail,
  }),
  forbidden: (detail: string): Problem => ({
    type: `${PROBLEM_BASE}/forbidden`,
    title: 'Forbidden',
    status: 403,
    detail,
  }),
  notFound: (detail: string): Problem => ({
    type: `${PROBLEM_BASE}/not-found`,
    title: 'Not found',
    status: 404,
    detail,
  }),
  methodNotAllowed: (detail: string): Problem => ({
    type: `${PROBLEM_BASE}/method-not-allowed`,
    title: 'Method not allowed',
    status: 405,
    detail,
  }),
  notAcceptable: (detail: string): Problem => ({
    type: `${PROBLEM_BASE}/not-acceptable`,
    title: 'Not acceptable',
    status: 406,
    detail,
  }),
  /** A rule of the domain forbids the command now; nothing was appended. */
  ruleViolation: (rule: string, detail: string): Problem => ({
    type: `${PROBLEM_BASE}/rule-violation/${rule}`,
    title: 'A rule of the complaints process forbids this',
    status: 409,
    detail,
    rule,
  }),
  concurrentChange: (detail: string): Problem => ({
    type: `${PROBLEM_BASE}/concurrent-change`,
    title: 'The complaint changed while this request was handled',
    status: 409,
    detail,
  }),
  idempotencyInProgress: (): Problem => ({
    type: `${PROBLEM_BASE}/idempotency-key-in-use`,
    title: 'A request with this Idempotency-Key is still being processed',
    status: 409,
    detail: 'Retry shortly: the first request with this Idempotency-Key has not finished yet.',
  }),
  stale: (expected: number, current: number): Problem => ({
    type: `${PROBLEM_BASE}/stale-revision`,
    title: 'The record has changed',
    status: 412,
    detail: `If-Match named revision ${expected}, but the record (the complaint, feedback item or governance record written to) is at revision ${current}. Read it again and retry.`,
    expectedRevision: expected,
    currentRevision: current,
  }),
  tooLarge: (detail: string): Problem => ({
    type: `${PROBLEM_BASE}/payload-too-large`,
    title: 'Payload too large',
    status: 413,
    detail,
  }),
  unsupportedMediaType: (detail: string): Problem => ({
    type: `${PROBLEM_BASE}/unsupported-media-type`,
    title: 'Unsupported media type',
    status: 415,
    detail,
  }),
  idempotencyKeyReused: (): Problem => ({
    type: `${PROBLEM_BASE}/idempotency-key-reused`,
    title: 'Idempotency-Key reused with a different request',
    status: 422,
    detail: 'This Idempotency-Key was first used with a different request body; use a new key for a new request.',
  }),
  tooManyRequests: (detail: string): Problem => ({
    type: `${PROBLEM_BASE}/too-many-requests`,
    title: 'Too many requests',
    status: 429,
    detail,
  }),
  internal: (): Problem => ({
    type: `${PROBLEM_BASE}/internal`,
    title: 'Internal error',
    status: 500,
    detail: 'Something went wrong on our side. Quote the correlation id when reporting it.',
  }),
  unavailable: (detail: string): Problem => ({
    type: `${PROBLEM_BASE}/unavailable`,
    title: 'Service unavailable',
    status: 503,
    detail,
  }),
  /** The database could not be reached, or the connection was lost mid-request (StoreUnavailableError). */
  storeUnavailable: (): Problem =>
    problems.unavailable(
      'The database could not be reached, or the connection to it was lost while this request was handled. Retry shortly; repeat a write with the same Idempotency-Key so that it is recorded once.',
    ),
};

/**
 * Seconds a client should wait before retrying after a 503: a lost connection is usually back
 * at once (the pool connects afresh), a restarting database within seconds.
 */
export const RETRY_AFTER_UNAVAILABLE_SECONDS = 1;

/** Write a problem response; the correlation id goes in the body so a user can quote it. */
export function sendProblem(
  res: Response,
  problem: Problem,
  correlationId: string | undefined,
  headers: Readonly<Record<string, string>> = {},
): void {
  if (res.headersSent) return;
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res
    .status(problem.status)
    .type(PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify(correlationId ? { ...problem, correlationId } : problem));
}
