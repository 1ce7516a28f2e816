import { complaintDecider, computeSla, createWorkingDayCalendar, fold, isReceived } from '@complaints/domain';
import { afterEach, expect, it } from 'vitest';
import {
  complaintSummariesProjection,
  findComplaintSummary,
  ProjectionEngine,
  ProjectionNotReadyError,
  queryComplaintSummaries,
  type Projection,
} from '../src';
import { describeOnBothBackends, type Backend } from '../testing';
import { CASELOAD, event, PERSONAL_TEXT, record, recordCaseload } from './support/complaint-history';
import { summaryTableDump } from './support/summary-tables';

const calendar = createWorkingDayCalendar();
const ids = [...new Set(CASELOAD.map(([id]) => id))];

describeOnBothBackends('complaint summaries read model', (open) => {
  let backend: Backend;
  const engines: ProjectionEngine[] = [];
  const engineFor = (projection: Projection = complaintSummariesProjection({ calendar }), batchSize = 500) => {
    const engine = new ProjectionEngine({
      sql: backend.sql,
      source: backend.source,
      projections: [projection],
      batchSize,
      pollIntervalMs: 60_000,
    });
    engines.push(engine);
    return engine;
  };
  const withCaseload = async () => {
    backend = await open();
    await recordCaseload(backend.complaints);
    await engineFor().catchUp();
  };

  afterEach(async () => {
    for (const engine of engines.splice(0)) await engine.stop();
    await backend?.close();
  });

  it('given the caseload: one row per complaint with status, stage, handler and the current stage’s dates', async () => {
    await withCaseload();
    const summary = (id: string) => findComplaintSummary(backend.sql, id, '2026-03-10');

    expect(await summary('c-acked')).toEqual({
      id: 'c-acked',
      reference: 'CMP-c-acked',
      status: 'open',
      stage: 1,
      revision: 3,
      serviceArea: 'Repairs',
      category: 'Damp and mould',
      tenure: 'LCRA',
      handler: { id: 'u-sam', name: 'Sam Officer' },
      receivedAt: '2026-03-02T10:00:00Z',
      receivedOn: '2026-03-02',
      acknowledgementDue: '2026-03-09',
      acknowledgedOn: '2026-03-04',
      responseDue: '2026-03-18',
      responseDueIsProvisional: false,
      respondedOn: null,
      codeResponseDue: '2026-03-18',
      extensionWorkingDays: 0,
      overdue: false,
      vulnerable: false,
      lastActivityAt: '2026-03-05T10:00:00Z',
      closedOn: null,
      withdrawnOn: null,
      refusedOn: null,
    });
    expect(await summary('c-waiting')).toMatchObject({
      serviceArea: 'Housing',
      tenure: 'LCHO',
      handler: null,
      acknowledgementDue: '2026-03-09',
      acknowledgedOn: null,
      responseDue: '2026-03-23',
      responseDueIsProvisional: true,
      overdue: true, // not acknowledged by Mon 9 Mar, asked on Tue 10 Mar
    });
    expect(await summary('c-moved')).toMatchObject({
      handler: { id: 'u-alex', name: 'Alex Other' },
      extensionWorkingDays: 5,
      responseDue: '2026-03-25',
    });
    expect(await summary('c-escal')).toMatchObject({
      stage: 2,
      handler: null,
      acknowledgementDue: '2026-03-27',
      acknowledgedOn: null,
      responseDue: '2026-04-28',
      responseDueIsProvisional: true,
    });
    expect(await summary('c-two')).toMatchObject({
      status: 'closed',
      stage: 2,
      handler: { id: 'u-daniel', name: 'Daniel Okafor' },
      acknowledgementDue: '2026-03-27',
      acknowledgedOn: '2026-03-25',
      responseDue: '2026-04-24',
      respondedOn: '2026-04-23',
      closedOn: '2026-04-24',
      overdue: false,
    });
    expect(await summary('c-gone')).toMatchObject({ status: 'withdrawn', withdrawnOn: '2026-03-06', overdue: false });
    expect(await summary('c-refused')).toMatchObject({ status: 'refused', refusedOn: '2026-03-03', overdue: false });
    expect(await summary('c-unknown')).toBeNull();
  });

  it('agrees, complaint by complaint, with the complaint’s own folded state and SLA report', async () => {
    await withCaseload();
    for (const id of ids) {
      const events = (await backend.complaints.load(id)).envelopes.map((e) => e.event);
      const state = fold(complaintDecider, events);
      if (!isReceived(state)) throw new Error(`${id} was not received`);
      const sla = computeSla(events, calendar).stages.find((s) => s.stage === state.stage)!;
      const summary = await findComplaintSummary(backend.sql, id, '2026-06-01');
      expect(summary, id).toMatchObject({
        status: state.status,
        stage: state.stage,
        handler: state.handler,
        serviceArea: state.serviceArea,
        category: state.category,
        tenure: state.tenure,
        receivedAt: state.receivedAt,
        lastActivityAt: state.lastActivityAt,
        acknowledgementDue: sla.acknowledgementDue,
        acknowledgedOn: sla.acknowledgedOn,
        responseDue: sla.responseDue,
        respondedOn: sla.respondedOn,
        codeResponseDue: sla.codeResponseDue,
      });
    }
  });

  it('filters by status, stage, service area (any case) and handler, newest received first', async () => {
    await withCaseload();
    const list = async (filter: Omit<Parameters<typeof queryComplaintSummaries>[1], 'asOf'>) =>
      (await queryComplaintSummaries(backend.sql, { asOf: '2026-03-10', ...filter })).items.map((item) => item.id);

    expect(await list({})).toEqual(['c-escal', 'c-refused', 'c-gone', 'c-two', 'c-waiting', 'c-moved', 'c-acked']);
    expect(await list({ status: 'open' })).toEqual(['c-escal', 'c-waiting', 'c-moved', 'c-acked']);
    expect(await list({ stage: 2 })).toEqual(['c-escal', 'c-two']);
    expect(await list({ status: 'open', stage: 1 })).toEqual(['c-waiting', 'c-moved', 'c-acked']);
    expect(await list({ serviceArea: 'housing' })).toEqual(['c-waiting']);
    expect(await list({ serviceArea: 'ANTI-SOCIAL BEHAVIOUR' })).toEqual(['c-gone']);
    expect(await list({ handlerId: 'u-sam' })).toEqual(['c-acked']);
    expect(await list({ handlerId: 'u-daniel' })).toEqual(['c-two']);
    expect(await list({ status: 'closed', stage: 1 })).toEqual([]);
  });

  it('judges "overdue" on the date asked: open, and the current stage’s acknowledgement or response past due and not done', async () => {
    await withCaseload();
    const overdueOn = async (asOf: string) =>
      (await queryComplaintSummaries(backend.sql, { asOf, overdue: true })).items.map((item) => item.id).sort();
    const notOverdueOn = async (asOf: string) =>
      (await queryComplaintSummaries(backend.sql, { asOf, overdue: false })).items.map((item) => item.id).sort();

    // Mon 9 Mar is the acknowledgement due date: due, not yet overdue.
    expect(await overdueOn('2026-03-09')).toEqual([]);
    expect(await overdueOn('2026-03-10')).toEqual(['c-waiting']);
    // c-acked's response was due Wed 18 Mar; c-moved's moved to Wed 25 Mar by its extension.
    expect(await overdueOn('2026-03-19')).toEqual(['c-acked', 'c-waiting']);
    expect(await overdueOn('2026-03-26')).toEqual(['c-acked', 'c-moved', 'c-waiting']);
    // c-escal's stage 2 acknowledgement was due Fri 27 Mar.
    expect(await overdueOn('2026-03-30')).toEqual(['c-acked', 'c-escal', 'c-moved', 'c-waiting']);
    expect(await notOverdueOn('2026-03-30')).toEqual(['c-gone', 'c-refused', 'c-two']);
  });

  it('pages with limit and offset and always reports the total', async () => {
    await withCaseload();
    const page = (limit: number, offset: number) =>
      queryComplaintSummaries(backend.sql, { asOf: '2026-03-10', limit, offset });
    const first = await page(3, 0);
    const second = await page(3, 3);
    const last = await page(3, 6);
    const beyond = await page(3, 30);

    expect(first).toMatchObject({ total: 7, limit: 3, offset: 0, asOf: '2026-03-10' });
    expect([...first.items, ...second.items, ...last.items].map((item) => item.id)).toEqual([
      'c-escal',
      'c-refused',
      'c-gone',
      'c-two',
      'c-waiting',
      'c-moved',
      'c-acked',
    ]);
    expect(last.items).toHaveLength(1);
    expect(beyond).toMatchObject({ total: 7, items: [] });
    expect((await queryComplaintSummaries(backend.sql, { asOf: '2026-03-10', status: 'open', limit: 1 })).total).toBe(
      4,
    );
    await expect(page(0, 0)).rejects.toThrow(RangeError);
    await expect(page(501, 0)).rejects.toThrow(RangeError);
    await expect(page(10, -1)).rejects.toThrow(RangeError);
  });

  it('replaying the log gives the same rows, whatever the batch size, and catching up again changes nothing', async () => {
    backend = await open();
    await recordCaseload(backend.complaints);
    const engine = engineFor(complaintSummariesProjection({ calendar }), 500);
    await engine.catchUp();
    const once = await summaryTableDump(backend.sql);

    await engine.catchUp();
    expect(await summaryTableDump(backend.sql)).toEqual(once);

    for (const batchSize of [1, 4]) {
      const report = await engineFor(complaintSummariesProjection({ calendar }), batchSize).rebuild(
        'complaint_summaries',
      );
      expect(report.outcome).toBe('swapped');
      expect(await summaryTableDump(backend.sql)).toEqual(once);
    }
    expect(once).toHaveLength(ids.length);
  });

  it('a failure half-way through a batch leaves none of that batch’s rows, and the resumed run gives the same rows as a clean one', async () => {
    backend = await open();
    await recordCaseload(backend.complaints);
    const clean = complaintSummariesProjection({ calendar });
    // Writes the first half of each batch, then fails: the half already written must roll back.
    const halfThenFail: Projection = {
      ...clean,
      apply: async (tx, envelopes, tables) => {
        await clean.apply(tx, envelopes.slice(0, Math.ceil(envelopes.length / 2)), tables);
        // As a lost connection (SQLSTATE 08006) would: transient, so the batch is retried, never parked.
        if (envelopes.some((e) => e.complaintId === 'c-two' && e.type === 'StageResponseIssued')) {
          throw Object.assign(new Error('crash in the middle of the batch'), { code: '08006' });
        }
        await clean.apply(tx, envelopes.slice(Math.ceil(envelopes.length / 2)), tables);
      },
    };

    await expect(engineFor(halfThenFail, 8).catchUp()).rejects.toThrow('crash in the middle of the batch');
    // Batches of 8: the first two committed (16 events); the third held c-two's first response and failed.
    const afterCrash = await findComplaintSummary(backend.sql, 'c-two', '2026-03-10');
    expect(afterCrash).toMatchObject({ revision: 2, acknowledgedOn: '2026-03-04', respondedOn: null });
    expect((await findComplaintSummary(backend.sql, 'c-escal', '2026-03-10'))?.stage).toBe(1);

    await engineFor(clean, 8).catchUp();
    const resumed = await summaryTableDump(backend.sql);

    await engineFor(clean, 500).rebuild('complaint_summaries');
    expect(await summaryTableDump(backend.sql)).toEqual(resumed);
  });

  it('keeps no personal data: after erasure nothing changes but revision and activity, and no resident’s words are in the table', async () => {
    backend = await open();
    await recordCaseload(backend.complaints);
    await record(backend.complaints, 'c-acked', [event.erased('c-acked', '2026-03-11')]);
    await backend.complaints.erase('ds-c-acked', new Date('2026-03-11T10:00:00Z'));
    await engineFor().catchUp();

    expect(await findComplaintSummary(backend.sql, 'c-acked', '2026-03-10')).toMatchObject({
      revision: 4,
      reference: 'CMP-c-acked',
      handler: { id: 'u-sam', name: 'Sam Officer' },
      lastActivityAt: '2026-03-11T10:00:00Z',
    });
    const dump = (await summaryTableDump(backend.sql)).join('\n');
    for (const text of PERSONAL_TEXT) expect(dump).not.toContain(text);
  });

  it('reading before the engine ever ran says the read model is not ready', async () => {
    backend = await open();
    await expect(queryComplaintSummaries(backend.sql, { asOf: '2026-03-10' })).rejects.toThrow(ProjectionNotReadyError);
  });
});
