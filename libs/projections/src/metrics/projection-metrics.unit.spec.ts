import { Gauge, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import type { ProjectionStatus } from '../engine/projection-engine';
import { oncePerScrape, registerProjectionMetrics } from './projection-metrics';

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

async function scrape(statuses: readonly ProjectionStatus[]): Promise<string> {
  const registry = new Registry();
  registerProjectionMetrics(registry, async () => statuses);
  return registry.metrics();
}

describe('registerProjectionMetrics', () => {
  it('writes one gauge sample per projection under HELP and TYPE lines, and the head once', async () => {
    const text = await scrape([
      status({}),
      status({ projection: 'ledger', checkpoint: 42n, lagEvents: 0n, state: 'stale', errors: 3 }),
    ]);
    expect(text).toContain(
      [
        '# HELP projection_lag_events Events in the global log the projection has not applied yet (head position minus checkpoint).',
        '# TYPE projection_lag_events gauge',
        'projection_lag_events{projection="complaint_summaries"} 2',
        'projection_lag_events{projection="ledger"} 0',
        '',
        '# HELP projection_checkpoint_position Global position up to which the projection has applied the log.',
        '# TYPE projection_checkpoint_position gauge',
        'projection_checkpoint_position{projection="complaint_summaries"} 40',
        'projection_checkpoint_position{projection="ledger"} 42',
      ].join('\n'),
    );
    expect(text).toContain('projection_stale{projection="ledger"} 1\n');
    expect(text).toContain('# TYPE projection_errors_total counter\n');
    expect(text).toContain('projection_errors_total{projection="ledger"} 3\n');
    expect(text).toContain('# TYPE event_log_head_position gauge\nevent_log_head_position 42\n');
  });

  it('counts the dead letters and flags a failing projection, so both can be alerted on', async () => {
    const text = await scrape([status({}), status({ projection: 'chronology', deadLetters: 2, failing: true })]);
    expect(text).toContain(
      '# TYPE projection_dead_letters gauge\nprojection_dead_letters{projection="complaint_summaries"} 0\nprojection_dead_letters{projection="chronology"} 2\n',
    );
    expect(text).toContain(
      'projection_failing{projection="complaint_summaries"} 0\nprojection_failing{projection="chronology"} 1\n',
    );
  });

  it('writes a rebuild position only for a projection being rebuilt, and drops it once the rebuild is over', async () => {
    const registry = new Registry();
    const rebuilding = status({
      rebuild: {
        projection: 'complaint_summaries',
        tableSet: '_g2',
        eventsApplied: 10n,
        position: 12n,
        head: 42n,
        eventsPerSecond: null,
        etaSeconds: null,
      },
    });
    let current = [rebuilding, status({ projection: 'ledger' })];
    registerProjectionMetrics(registry, async () => current);
    const during = await registry.metrics();
    expect(during).toContain('projection_rebuild_position{projection="complaint_summaries"} 12\n');
    expect(during).not.toContain('projection_rebuild_position{projection="ledger"}');
    current = [status({}), status({ projection: 'ledger' })];
    expect(await registry.metrics()).not.toContain('projection_rebuild_position{');
  });

  it('escapes backslash, double quote and line feed in label values', async () => {
    expect(await scrape([status({ projection: 'a\\b"c\nd' })])).toContain(
      'projection_lag_events{projection="a\\\\b\\"c\\nd"} 2\n',
    );
  });

  it('statuses that cannot be read (the database down) leave their families empty, and the rest of the registry is served', async () => {
    const registry = new Registry();
    registerProjectionMetrics(registry, () => Promise.reject(new Error('connection refused')));
    new Gauge({ name: 'process_up', help: 'A figure of the process.', registers: [registry] }).set(1);

    const text = await registry.metrics();
    expect(text).toContain('process_up 1');
    expect(text).not.toMatch(/^projection_lag_events\{/m);
  });

  it('reads the statuses once per scrape, whatever the number of families', async () => {
    const registry = new Registry();
    let reads = 0;
    registerProjectionMetrics(registry, async () => {
      reads += 1;
      return [status({})];
    });
    await registry.metrics();
    expect(reads).toBe(1);
    await registry.metrics();
    expect(reads).toBe(2);
  });

  it('oncePerScrape shares one read between concurrent callers, then reads afresh', async () => {
    let reads = 0;
    const read = oncePerScrape(async () => ++reads);
    expect(await Promise.all([read(), read()])).toEqual([1, 1]);
    expect(await read()).toBe(2);
  });
});
