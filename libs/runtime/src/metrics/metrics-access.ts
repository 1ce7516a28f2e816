import { createHash, timingSafeEqual } from 'node:crypto';

/** At least this long, so a token cannot be guessed at network speed. */
export const METRICS_TOKEN_MIN_LENGTH = 16;

export const METRICS_WWW_AUTHENTICATE = 'Bearer realm="metrics"';

/** Why /metrics refused a request, for its problem's status and detail (never the token). */
export type MetricsRefusal = { status: 404 | 401; detail: string };

/**
 * /metrics is for Prometheus only: lag, positions and counts are operational detail an outsider
 * has no business reading. The scraper sends `Authorization: Bearer <METRICS_TOKEN>` (Prometheus'
 * `authorization: { credentials_file: … }`), a static token being what scrapers can send; no
 * token configured means no metrics at all rather than public ones. Same for the API and the worker.
 */
export function metricsRefusal(
  authorization: string | undefined,
  metricsToken: string | undefined,
): MetricsRefusal | undefined {
  if (metricsToken === undefined) {
    return {
      status: 404,
      detail: 'Metrics are off: set METRICS_TOKEN and scrape with Authorization: Bearer <METRICS_TOKEN>.',
    };
  }
  const sent = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
  if (sent === undefined) return { status: 401, detail: 'Metrics need Authorization: Bearer <METRICS_TOKEN>.' };
  if (!sameSecret(sent, metricsToken)) return { status: 401, detail: 'The metrics token was refused.' };
  return undefined;
}

/** Compared in constant time, over digests so that the lengths do not leak either. */
function sameSecret(a: string, b: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}
