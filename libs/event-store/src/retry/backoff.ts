/**
 * Capped exponential backoff with jitter: attempt 1 waits up to `initialMs`, each further
 * attempt doubles the ceiling up to `maxMs`. Jitter keeps two relays (or many consumers, or
 * many LISTEN connections, or writers racing for one complaint) that failed together from
 * retrying in lockstep. Shared by the relay, the SQL adapter's LISTEN reconnection, the API's
 * idempotency bookkeeping and command retries.
 */
export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  /**
   * half (default): between half the ceiling and the ceiling — a retry storm against a
   * recovering server is what the backoff is for. full: anywhere from 0 to the ceiling — racing
   * writers, where spreading them out matters more than holding them back.
   */
  jitter?: 'half' | 'full';
}

export function backoffDelay(attempt: number, options: BackoffOptions, random: () => number = Math.random): number {
  const ceiling = Math.min(options.maxMs, options.initialMs * 2 ** Math.max(0, attempt - 1));
  if (options.jitter === 'full') return random() * ceiling;
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
