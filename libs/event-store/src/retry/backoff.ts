/**
 * Capped exponential backoff with full jitter: attempt 1 waits up to `initialMs`, each further
 * attempt doubles the ceiling up to `maxMs`. Jitter keeps two relays (or many consumers, or
 * many LISTEN connections) that failed together from retrying in lockstep against a recovering
 * broker or database. Shared by the relay and the SQL adapter's LISTEN reconnection.
 */
export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
}

export function backoffDelay(attempt: number, options: BackoffOptions, random: () => number = Math.random): number {
  const ceiling = Math.min(options.maxMs, options.initialMs * 2 ** Math.max(0, attempt - 1));
  // Never below half the ceiling: a retry storm is what the backoff is for.
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
