import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * The one metrics registry of a process (or of one app instance, so that tests starting several
 * do not collide): what the process, the projections, the relay and the HTTP server report is
 * registered here and /metrics serves it. Includes prom-client's default metrics: CPU, memory,
 * heap, file descriptors, event-loop lag and garbage collection (process_* and nodejs_*).
 */
export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}

/** The content type of what the registry writes (the Prometheus text exposition format). */
export const METRICS_CONTENT_TYPE = Registry.PROMETHEUS_CONTENT_TYPE;
