import { AsyncLocalStorage } from 'node:async_hooks';
import type { Response } from 'express';

/** The response header that says how far behind the log the read models answering a request were. */
export const READ_MODEL_LAG_HEADER = 'X-Read-Model-Lag';

/** What the read models a request consulted knew, gathered while its handler runs. */
interface ReadFreshness {
  readonly response: Response;
  /** Events of the log (up to the position the read waited for) that the consulted read models had not applied; undefined: none consulted. */
  lagEvents: bigint | undefined;
}

const current = new AsyncLocalStorage<ReadFreshness>();

/** Run a request's handler so that its reads can say how current they were (the interceptor does, for every HTTP request). */
export function withReadFreshness<T>(response: Response, run: () => T): T {
  return current.run({ response, lagEvents: undefined }, run);
}

/**
 * Note that the request read read models that were `lagEvents` behind what it waited for: the
 * response says so in X-Read-Model-Lag (the largest lag of the request wins). Set at once, not
 * after the handler, because some handlers write the response themselves.
 */
export function noteReadLag(lagEvents: bigint): void {
  const freshness = current.getStore();
  if (!freshness) return;
  if (freshness.lagEvents !== undefined && lagEvents <= freshness.lagEvents) return;
  freshness.lagEvents = lagEvents;
  if (!freshness.response.headersSent) freshness.response.setHeader(READ_MODEL_LAG_HEADER, lagEvents.toString());
}
