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
 * The metrics registry of one app instance (so that tests starting several do not collide): the
 * process's own figures (the same metric objects in every instance's registry), then what the
 * projections, the relay and the HTTP server register. /metrics serves `registry.metrics()`.
 */
export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  const process = processRegistry();
  for (const { name } of process.getMetricsAsArray()) {
    const metric = process.getSingleMetric(name);
    if (metric) registry.registerMetric(metric);
  }
  return registry;
}

/** The content type of what the registry writes (the Prometheus text exposition format). */
export const METRICS_CONTENT_TYPE = Registry.PROMETHEUS_CONTENT_TYPE;
