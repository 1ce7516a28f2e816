import { escapeLabelValue } from '@complaints/projections';
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

/** The relay's progress and health in the Prometheus text format (version 0.0.4), labelled by relay name. */
export function renderRelayMetrics(status: RelayStatus): string {
  const label = `{relay="${escapeLabelValue(status.relay)}"}`;
  const lines: string[] = [];
  for (const family of FAMILIES) {
    lines.push(
      `# HELP ${family.name} ${family.help}`,
      `# TYPE ${family.name} ${family.type}`,
      `${family.name}${label} ${family.value(status).toString()}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
