import { Counter, Gauge, type Registry } from 'prom-client';
import type { ProjectionStatus } from '../engine/projection-engine';

/**
 * The statuses of one scrape: every metric's collect asks, the first one reads them and the
 * others share its answer, so a scrape reads the engine's status once. When they cannot be read
 * (the database is down), undefined: those families have no samples this scrape, and the rest of
 * /metrics (process, event loop, HTTP) is still served — when it matters most.
 */
export function oncePerScrape<T>(read: () => Promise<T>): () => Promise<T | undefined> {
  let pending: Promise<T | undefined> | undefined;
  return () =>
    (pending ??= read()
      .catch(() => undefined)
      .finally(() => {
        pending = undefined;
      }));
}

interface Family {
  name: string;
  help: string;
  type: 'gauge' | 'counter';
  /** undefined: no sample for this projection. */
  value: (status: ProjectionStatus) => bigint | number | undefined;
}

const FAMILIES: readonly Family[] = [
  {
    name: 'projection_lag_events',
    help: 'Events in the global log the projection has not applied yet (head position minus checkpoint).',
    type: 'gauge',
    value: (s) => s.lagEvents,
  },
  {
    name: 'projection_checkpoint_position',
    help: 'Global position up to which the projection has applied the log.',
    type: 'gauge',
    value: (s) => s.checkpoint,
  },
  {
    name: 'projection_events_applied',
    help: 'Complaint events applied into the active tables since they were built.',
    type: 'gauge',
    value: (s) => s.eventsApplied,
  },
  {
    name: 'projection_stale',
    help: '1 while the active tables were written by another version of the projection and wait for a rebuild.',
    type: 'gauge',
    value: (s) => (s.state === 'stale' ? 1 : 0),
  },
  {
    name: 'projection_rebuild_position',
    help: 'Checkpoint of the rebuild under way (absent when none).',
    type: 'gauge',
    value: (s) => s.rebuild?.position,
  },
  {
    name: 'projection_failing',
    help: "1 while the projection's last batch in this process failed (reads do not wait for it); alert on it.",
    type: 'gauge',
    value: (s) => (s.failing ? 1 : 0),
  },
  {
    name: 'projection_dead_letters',
    help: "Events parked in the active tables' dead letters: the projection could not apply them (GET /api/v1/admin/read-models/{name}/dead-letters); alert when above 0.",
    type: 'gauge',
    value: (s) => s.deadLetters,
  },
  {
    name: 'projection_errors_total',
    help: 'Failed batches and rebuild attempts in this process.',
    type: 'counter',
    value: (s) => s.errors,
  },
];

/**
 * The projections' lag and progress, one sample per projection in each family (labelled
 * `projection`), plus the head of the log, read from the engine's status at each scrape.
 * Positions are written as Prometheus' float64 samples: exact up to 2^53, as Prometheus stores them.
 */
export function registerProjectionMetrics(
  registry: Registry,
  statuses: () => Promise<readonly ProjectionStatus[]>,
): void {
  const scrape = oncePerScrape(statuses);
  for (const family of FAMILIES) {
    const Metric = family.type === 'gauge' ? Gauge : Counter;
    new Metric({
      name: family.name,
      help: family.help,
      labelNames: ['projection'],
      registers: [registry],
      async collect() {
        const current = (await scrape()) ?? [];
        this.reset();
        for (const status of current) {
          const value = family.value(status);
          if (value === undefined) continue;
          const labels = { projection: status.projection };
          if (this instanceof Gauge) this.set(labels, Number(value));
          else this.inc(labels, Number(value));
        }
      },
    });
  }
  new Gauge({
    name: 'event_log_head_position',
    help: 'Global position of the newest event in the log.',
    registers: [registry],
    async collect() {
      const head = (await scrape())?.[0]?.head;
      if (head !== undefined) this.set(Number(head));
    },
  });
}
