import type { ProjectionStatus } from '../engine/projection-engine';

/** The media type of the Prometheus text exposition format this renders. */
export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

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
 * The projections' lag and progress in the Prometheus text format (version 0.0.4), one sample
 * per projection in each family, plus the head of the log.
 */
export function renderProjectionMetrics(statuses: readonly ProjectionStatus[]): string {
  const lines: string[] = [];
  for (const family of FAMILIES) {
    lines.push(`# HELP ${family.name} ${family.help}`, `# TYPE ${family.name} ${family.type}`);
    for (const status of statuses) {
      const value = family.value(status);
      if (value === undefined) continue;
      lines.push(`${family.name}{projection="${escapeLabelValue(status.projection)}"} ${value.toString()}`);
    }
  }
  const head = statuses[0]?.head;
  if (head !== undefined) {
    lines.push(
      '# HELP event_log_head_position Global position of the newest event in the log.',
      '# TYPE event_log_head_position gauge',
      `event_log_head_position ${head.toString()}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Label values escape backslash, double quote and line feed (the exposition format's rule). */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
