import { StoreUnavailableError } from '@complaints/event-store';

/**
 * Which driver errors mean "the database is unreachable or the connection was lost", as
 * opposed to "this statement is wrong" (a constraint, a syntax error): the first kind is
 * transient and becomes StoreUnavailableError (HTTP 503 + Retry-After), the second stays as
 * it is. The one place this is decided, for `pg` and for PGlite.
 */

/** SQLSTATEs after which the session is gone or cannot be had (class 08 is matched as a whole). */
const LOST_SQLSTATES = new Set([
  '57P01', // admin_shutdown: pg_terminate_backend, a fast shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up, shutting down, in recovery
  '57P05', // idle_session_timeout: the server closed the session
  '25P03', // idle_in_transaction_session_timeout: the server closed the session
  '53300', // too_many_connections
]);

/** Socket failures (Node errno codes) on the way to the server. */
const LOST_ERRNOS = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

/** What `pg`, `pg-pool` and PGlite say when there is no working connection (they set no code). */
const LOST_MESSAGES = [
  /^Connection terminated/, // unexpectedly; due to connection timeout
  /is not queryable$/, // a client whose connection already failed, or was closed
  /^timeout exceeded when trying to connect$/, // pool connectionTimeoutMillis
  /^Cannot use a pool after calling end on the pool$/, // shutting down
  /^PGlite is clos(ed|ing)$/,
  /^Aborted\(/, // the PGlite (WebAssembly) instance aborted: it answers nothing any more
];

export function isConnectionLost(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  if (error instanceof StoreUnavailableError) return true;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (code.startsWith('08') || LOST_SQLSTATES.has(code) || LOST_ERRNOS.has(code)))
    return true;
  const message = (error as { message?: unknown }).message;
  if (typeof message === 'string' && LOST_MESSAGES.some((pattern) => pattern.test(message))) return true;
  // Connecting to a name with several addresses fails with one error per address.
  if (error instanceof AggregateError) return error.errors.some(isConnectionLost);
  return false;
}

/** The error to throw: StoreUnavailableError (with the driver's as its cause) when the connection was lost, otherwise the error itself. */
export function unavailableOr(error: unknown): unknown {
  if (error instanceof StoreUnavailableError || !isConnectionLost(error)) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new StoreUnavailableError(`The database is unavailable: ${detail}`, { cause: error });
}

/** Run `operation`, turning a lost connection into StoreUnavailableError. */
export async function translatingLostConnections<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw unavailableOr(error);
  }
}
