/**
 * The store could not be reached, or the connection to it was lost while a request was in
 * flight (server restart, failover, a terminated backend, a network cut, a closed embedded
 * database). Transient from the caller's point of view: nothing it did was wrong and the same
 * request may succeed once the store is back (HTTP 503 with Retry-After). Each adapter turns
 * its driver's connection failures into this error, so callers recognise one type whatever the
 * store. A write that ends with it is NOT acknowledged; if it was lost at COMMIT, it may or may
 * not have been recorded, which is why writes are retried with an Idempotency-Key.
 */
export class StoreUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}
