import { createWorkingDayCalendar } from '@complaints/domain';
import { afterEach, expect, it } from 'vitest';
import {
  complaintSummariesProjection,
  ProjectionEngine,
  queryComplaintSummaries,
  readCheckpoint,
  readRegistry,
  withActiveTables,
  type Projection,
  type RebuildProgress,
} from '../src';
import { describeOnBothBackends, type Backend } from '../testing';
import { CASELOAD, event, record, recordCaseload } from './support/complaint-history';
import { complaintPositions, ledgerPositions, ledgerProjection } from './support/ledger-projection';
import { summaryTableDump, tableExists } from './support/summary-tables';

const calendar = createWorkingDayCalendar();
const SUMMARIES = 'complaint_summaries';

describeOnBothBackends('rebuilding a projection', (open) => {
  let backend: Backend;
  const engines: ProjectionEngine[] = [];
  const engineFor = (
    projection: Projection,
    options: { batchSize?: number; rebuildOnVersionChange?: boolean } = {},
  ) => {
    const engine = new ProjectionEngine({
      sql: backend.sql,
      source: backend.source,
      projections: [projection],
      pollIntervalMs: 60_000,
      ...options,
    });
    engines.push(engine);
    return engine;
  };
  const openList = async () =>
    (await queryComplaintSummaries(backend.sql, { asOf: '2026-03-10' })).items.map((item) => item.id);

  afterEach(async () => {
    for (const engine of engines.splice(0)) await engine.stop();
    await backend?.close();
  });

  it('fills fresh tables while the live ones keep serving and following the log, then swaps: same rows as the incremental build', async () => {
    backend = await open();
    await recordCaseload(backend.complaints);
    const engine = engineFor(complaintSummariesProjection({ calendar }), { batchSize: 5 });
    await engine.catchUp();
    const before = await openList();
    const progress: RebuildProgress[] = [];
    let incremental: string[] = [];

    const report = await engine.rebuild(SUMMARIES, {
      onProgress: async (step) => {
        progress.push(step);
        if (progress.length !== 1) return;
        // Mid-rebuild: the live tables still answer in full, the engine reports the rebuild…
        expect(await openList()).toEqual(before);
        const [status] = await engine.status();
        expect(status?.rebuild).toMatchObject({ tableSet: '_g2', position: 5n, eventsApplied: 5n });
        // …and a new complaint arrives, which the live tables follow as usual.
        await record(backend.complaints, 'c-late', [
          event.received('c-late', '2026-03-09'),
          event.acknowledged(1, '2026-03-10'),
        ]);
        await engine.catchUp();
        incremental = await summaryTableDump(backend.sql);
      },
    });

    expect(report).toMatchObject({
      outcome: 'swapped',
      retired: '_g1',
      tableSet: '_g2',
      eventsApplied: BigInt(CASELOAD.length + 2),
    });
    expect(report.position).toBe(report.head);
    expect(progress.map((p) => p.eventsApplied)).toEqual([5n, 10n, 15n, 20n, 25n, 25n]);
    expect(incremental).toHaveLength(8);
    expect(await summaryTableDump(backend.sql)).toEqual(incremental);
    expect((await readRegistry(backend.sql, SUMMARIES))?.activeSet).toBe('_g2');
    expect(await tableExists(backend.sql, 'complaint_summaries_g1')).toBe(false);
    expect(await readCheckpoint(backend.sql, SUMMARIES, '_g1')).toBeUndefined();
    const [status] = await engine.status();
    expect(status).toMatchObject({
      activeTableSet: '_g2',
      rebuild: null,
      lagEvents: 0n,
      eventsApplied: BigInt(CASELOAD.length + 2),
    });
  });

  it('a rebuilt set is analysed before it is swapped in: its first reads are planned on its row counts, not on guesses', async () => {
    backend = await open();
    await recordCaseload(backend.complaints);
    const engine = engineFor(complaintSummariesProjection({ calendar }));
    await engine.catchUp();

    expect(await engine.rebuild(SUMMARIES)).toMatchObject({ outcome: 'swapped', tableSet: '_g2' });

    // A table never analysed (nor vacuumed) has reltuples -1 however many rows it holds.
    const [stats] = await backend.sql.query<{ reltuples: number; rows: number }>(
      `SELECT (SELECT reltuples::float8 FROM pg_class WHERE relname = 'complaint_summaries_g2') AS reltuples,
              (SELECT count(*)::int FROM complaint_summaries_g2) AS rows`,
    );
    expect(stats?.rows).toBeGreaterThan(0);
    expect(stats?.reltuples).toBe(stats?.rows);
  });

  it('a read that lost the race with a swap (its tables dropped under it) is run again on the new tables', async () => {
    backend = await open();
    await recordCaseload(backend.complaints);
    const engine = engineFor(complaintSummariesProjection({ calendar }));
    await engine.catchUp();
    const suffixes: string[] = [];

    const count = await withActiveTables(backend.sql, SUMMARIES, async (tables) => {
      suffixes.push(tables.suffix);
      if (suffixes.length === 1) await engine.rebuild(SUMMARIES);
      const rows = await backend.sql.query<{ n: number | string }>(
        `SELECT count(*) AS n FROM ${tables.table('complaint_summaries')}`,
      );
      return Number(rows[0]?.n);
    });

    expect(suffixes).toEqual(['_g1', '_g2']);
    expect(count).toBe(7);
  });

  it('a new version leaves the old tables serving, unchanged, until its rebuild swaps in', async () => {
    backend = await open();
    await recordCaseload(backend.complaints, CASELOAD.slice(0, 10));
    await engineFor(ledgerProjection({ version: 'v1' })).catchUp();

    const upgraded = engineFor(ledgerProjection({ version: 'v2' }), { rebuildOnVersionChange: false });
    await upgraded.start();
    const last = await recordCaseload(backend.complaints, CASELOAD.slice(10));
    await upgraded.catchUp();

    const [stale] = await upgraded.status();
    expect(stale).toMatchObject({ state: 'stale', activeVersion: 'v1', version: 'v2', checkpoint: 10n });
    expect(await ledgerPositions(backend.sql)).toHaveLength(10);
    // No point waiting on tables that do not move: false at once, whatever the timeout.
    expect(await upgraded.waitForPosition(last, 3_600_000)).toBe(false);

    const report = await upgraded.rebuild('ledger');
    expect(report.outcome).toBe('swapped');
    const [live] = await upgraded.status();
    expect(live).toMatchObject({ state: 'live', activeVersion: 'v2', checkpoint: last, lagEvents: 0n });
    expect(await ledgerPositions(backend.sql)).toEqual(await complaintPositions(backend.source));
    expect(await upgraded.waitForPosition(last, 20_000)).toBe(true);
  });

  it('on start, a version change is rebuilt in the background', async () => {
    backend = await open();
    await recordCaseload(backend.complaints);
    await engineFor(ledgerProjection({ version: 'v1' })).catchUp();

    const upgraded = engineFor(ledgerProjection({ version: 'v2' }), { batchSize: 4 });
    await upgraded.start();
    // Joins the background rebuild if it is still running, or finds it done.
    await upgraded.rebuild('ledger');

    const [status] = await upgraded.status();
    expect(status).toMatchObject({ state: 'live', activeVersion: 'v2', lagEvents: 0n });
    expect(await ledgerPositions(backend.sql)).toEqual(await complaintPositions(backend.source));
  });

  it('a rebuild interrupted by a stop keeps its tables and checkpoint, and the next start resumes it where it was', async () => {
    backend = await open();
    await recordCaseload(backend.complaints);
    const first = engineFor(ledgerProjection(), { batchSize: 4 });
    await first.catchUp();

    const interrupted = await first.rebuild('ledger', {
      onProgress: (step) => {
        if (step.eventsApplied === 8n) void first.stop();
      },
    });
    expect(interrupted).toMatchObject({ outcome: 'stopped', tableSet: '_g2', eventsApplied: 8n });
    expect((await readRegistry(backend.sql, 'ledger'))?.pendingSet).toBe('_g2');

    const resumed: RebuildProgress[] = [];
    const second = new ProjectionEngine({
      sql: backend.sql,
      source: backend.source,
      projections: [ledgerProjection()],
      batchSize: 4,
      pollIntervalMs: 60_000,
      onRebuildProgress: (step) => resumed.push(step),
    });
    engines.push(second);
    await second.start();
    await second.rebuild('ledger');

    expect(resumed[0]).toMatchObject({ tableSet: '_g2', eventsApplied: 12n });
    expect(await readRegistry(backend.sql, 'ledger')).toMatchObject({ activeSet: '_g2', pendingSet: null });
    expect(await ledgerPositions(backend.sql)).toEqual(await complaintPositions(backend.source));
  });

  it('a rebuild left behind by another version is abandoned on start: its tables are dropped', async () => {
    backend = await open();
    await recordCaseload(backend.complaints);
    await engineFor(ledgerProjection({ version: 'v1' })).catchUp();
    const trial = engineFor(ledgerProjection({ version: 'v2' }), { batchSize: 4, rebuildOnVersionChange: false });
    await trial.rebuild('ledger', {
      onProgress: () => {
        void trial.stop();
      },
    });
    expect(await tableExists(backend.sql, 'ledger_g2')).toBe(true);

    const back = engineFor(ledgerProjection({ version: 'v1' }));
    await back.start();

    expect(await tableExists(backend.sql, 'ledger_g2')).toBe(false);
    expect(await readRegistry(backend.sql, 'ledger')).toMatchObject({
      activeSet: '_g1',
      activeVersion: 'v1',
      pendingSet: null,
    });
    expect(await readCheckpoint(backend.sql, 'ledger', '_g2')).toBeUndefined();
  });
});
