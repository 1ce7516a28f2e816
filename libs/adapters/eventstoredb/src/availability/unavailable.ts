import { DeadlineExceededError, UnavailableError } from '@eventstore/db-client';
import { StoreUnavailableError } from '@complaints/event-store';

/**
 * The client's own words for "the server cannot be reached now" (gRPC UNAVAILABLE: no
 * connection, a node restarting; DEADLINE_EXCEEDED: no answer in time), as the port's
 * StoreUnavailableError (HTTP 503 + Retry-After); every other error stays as it is.
 */
export function unavailableOr(error: unknown): unknown {
  if (!(error instanceof UnavailableError || error instanceof DeadlineExceededError)) return error;
  return new StoreUnavailableError(`EventStoreDB is unavailable: ${error.message}`, { cause: error });
}

export async function translatingUnavailable<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw unavailableOr(error);
  }
}
