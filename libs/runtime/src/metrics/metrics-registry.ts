import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * prom-client's default metrics (CPU, memory, heap, file descriptors, event-loop lag, garbage
 * collection: process_* and nodejs_*), collected ONCE per process: each collection starts an
 * event-loop delay monitor and a GC observer that are never stopped, so one per app instance
 * (tests start dozens) would pile up. Created on first use.
 */
let processMetrics: Registry | undefined;
function processRegistry(): Registry {
  if (!processMetrics) {
    processMetrics = new Registry();
    collectDefaultMetrics({ register: processMetrics });
  }
  return processMetrics;
}

/**
 * The metrics registry of one app instance (so that tests starting several do not collide): what
 * the projections, the relay and the HTTP server report is registered here. Serve it with
 * `metricsText`, which adds the process's own figures.
 */
export function createMetricsRegistry(): Registry {
  processRegistry();
  return new Registry();
}

/** What /metrics answers: the instance's registry and the process's default metrics, in the Prometheus text format. */
export function metricsText(registry: Registry): Promise<string> {
  return Registry.merge([processRegistry(), registry]).metrics();
}

/** The content type of what the registry writes (the Prometheus text exposition format). */
export const METRICS_CONTENT_TYPE = Registry.PROMETHEUS_CONTENT_TYPE;
