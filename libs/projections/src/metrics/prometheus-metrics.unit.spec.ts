import { describe, expect, it } from 'vitest';
import type { ProjectionStatus } from '../engine/projection-engine';
import { escapeLabelValue, renderProjectionMetrics } from './prometheus-metrics';

const status = (overrides: Partial<ProjectionStatus>): ProjectionStatus => ({
  projection: 'complaint_summaries',
  version: '1',
  activeTableSet: '_g1',
  activeVersion: '1',
  state: 'live',
  checkpoint: 40n,
  head: 42n,
  lagEvents: 2n,
  eventsApplied: 38n,
  rebuild: null,
  lastError: null,
  errors: 0,
  failing: false,
  deadLetters: 0,
  ...overrides,
});

describe('renderProjectionMetrics', () => {
  it('writes one gauge sample per projection under HELP and TYPE lines, and the head once', () => {
    const text = renderProjectionMetrics([
      status({}),
      status({ projection: 'ledger', checkpoint: 42n, lagEvents: 0n, state: 'stale', errors: 3 }),
    ]);
    expect(text).toContain(
      [
        '# HELP projection_lag_events Events in the global log the projection has not applied yet (head position minus checkpoint).',
        '# TYPE projection_lag_events gauge',
        'projection_lag_events{projection="complaint_summaries"} 2',
        'projection_lag_events{projection="ledger"} 0',
        '# HELP projection_checkpoint_position Global position up to which the projection has applied the log.',
        '# TYPE projection_checkpoint_position gauge',
        'projection_checkpoint_position{projection="complaint_summaries"} 40',
        'projection_checkpoint_position{projection="ledger"} 42',
      ].join('\n'),
    );
    expect(text).toContain('projection_stale{projection="ledger"} 1\n');
    expect(text).toContain('# TYPE projection_errors_total counter\n');
    expect(text).toContain('projection_errors_total{projection="ledger"} 3\n');
    expect(text.endsWith('# TYPE event_log_head_position gauge\nevent_log_head_position 42\n')).toBe(true);
  });

  it('counts the dead letters and flags a failing projection, so both can be alerted on', () => {
    const text = renderProjectionMetrics([
      status({}),
      status({ projection: 'chronology', deadLetters: 2, failing: true }),
    ]);
    expect(text).toContain(
      '# TYPE projection_dead_letters gauge\nprojection_dead_letters{projection="complaint_summaries"} 0\nprojection_dead_letters{projection="chronology"} 2\n',
    );
    expect(text).toContain(
      'projection_failing{projection="complaint_summaries"} 0\nprojection_failing{projection="chronology"} 1\n',
    );
  });

  it('writes a rebuild position only for a projection being rebuilt', () => {
    const text = renderProjectionMetrics([
      status({
        rebuild: {
          projection: 'complaint_summaries',
          tableSet: '_g2',
          eventsApplied: 10n,
          position: 12n,
          head: 42n,
          eventsPerSecond: null,
          etaSeconds: null,
        },
      }),
      status({ projection: 'ledger' }),
    ]);
    expect(text).toContain('projection_rebuild_position{projection="complaint_summaries"} 12\n');
    expect(text).not.toContain('projection_rebuild_position{projection="ledger"}');
  });

  it('positions beyond 2^53 are written exactly', () => {
    const big = 9_007_199_254_740_993n;
    expect(renderProjectionMetrics([status({ checkpoint: big, head: big })])).toContain(
      `projection_checkpoint_position{projection="complaint_summaries"} ${big}\n`,
    );
  });

  it('escapes backslash, double quote and line feed in label values', () => {
    expect(escapeLabelValue('a\\b"c\nd')).toBe('a\\\\b\\"c\\nd');
  });

  it('with no projections, writes only the HELP and TYPE lines', () => {
    expect(renderProjectionMetrics([])).not.toMatch(/^projection_|^event_log_head_position/m);
  });
});
