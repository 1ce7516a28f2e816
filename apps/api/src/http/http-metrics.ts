import type { Request } from 'express';
import { Histogram, type Registry } from 'prom-client';

/** What a request the router did not match (a 404, or an answer before routing such as a 401) is counted under. */
export const UNMATCHED_ROUTE = '(unmatched)';

/** Records each answered request's duration, by method, route template and status. */
export type RecordRequest = (req: Request, status: number, seconds: number) => void;

/**
 * http_request_duration_seconds{method, route, status}: the route is the template Nest
 * registered (`/api/v1/complaints/:id`), never the raw path, so the number of series stays
 * bounded whatever the ids and query strings.
 */
export function httpRequestMetrics(registry: Registry): RecordRequest {
  const durations = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from receiving a request to finishing its response, by method, route template and status.',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  return (req, status, seconds) =>
    durations.observe({ method: req.method, route: routeOf(req), status: String(status) }, seconds);
}

function routeOf(req: Request): string {
  const route = (req.route as { path?: unknown } | undefined)?.path;
  return typeof route === 'string' ? `${req.baseUrl}${route}` : UNMATCHED_ROUTE;
}
