import { oncePerScrape } from '@complaints/projections';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { RelayStatus } from '../relay/event-relay';

interface Family {
  name: string;
  help: string;
  type: 'gauge' | 'counter';
  value: (status: RelayStatus) => bigint | number;
}

const FAMILIES: readonly Family[] = [
  {
    name: 'relay_lag_events',
    help: 'Events in the global log the relay has not had acknowledged yet (head minus checkpoint).',
    type: 'gauge',
    value: (s) => s.lagEvents,
  },
  {
    name: 'relay_checkpoint_position',
    help: 'Global position up to which the broker acknowledged every event (or it was dead-lettered).',
    type: 'gauge',
    value: (s) => s.checkpoint,
  },
  {
    name: 'relay_dead_letters_total',
    help: 'Events the broker refused as messages and the relay passed (see relay_dead_letters; subscribers fetch them from the HTTP feed).',
    type: 'counter',
    value: (s) => s.deadLetters,
  },
  {
    name: 'relay_lease_held',
    help: '1 while this instance holds the relay lease and publishes; 0 while it stands by.',
    type: 'gauge',
    value: (s) => (s.holdingLease ? 1 : 0),
  },
  {
    name: 'relay_errors_total',
    help: 'Failed publish, checkpoint and lease attempts in this process (all retried).',
    type: 'counter',
    value: (s) => s.errors,
  },
];

/** The relay's progress and health, one sample per family labelled by relay name, read from its status at each scrape. */
export function registerRelayMetrics(registry: Registry, status: () => Promise<RelayStatus>): void {
  const scrape = oncePerScrape(status);
  for (const family of FAMILIES) {
    const Metric = family.type === 'gauge' ? Gauge : Counter;
    new Metric({
      name: family.name,
      help: family.help,
      labelNames: ['relay'],
      registers: [registry],
      async collect() {
        const current = await scrape();
        this.reset();
        if (!current) return;
        const labels = { relay: current.relay };
        const value = Number(family.value(current));
        if (this instanceof Gauge) this.set(labels, value);
        else this.inc(labels, value);
      },
    });
  }
}
