import { afterEach, expect, it } from 'vitest';
import { createWorkingDayCalendar, SALIX_HOMES_2021 } from '@complaints/domain';
import { caseFilesProjection, ProjectionEngine } from '../src';
import { describeOnBothBackends, type Backend } from '../testing';
import { ALEX, event, record, recordCaseload, SAM } from './support/complaint-history';
import { projectionDump, tableDump } from './support/table-dump';

const calendar = createWorkingDayCalendar();
type Row = Record<string, unknown>;

describeOnBothBackends('case_fact_versions (the case as it stood, per interval)', (open) => {
  let backend: Backend;
  const engines: ProjectionEngine[] = [];
  const engineFor = (batchSize = 500) => {
    const engine = new ProjectionEngine({
      sql: backend.sql,
      source: backend.source,
      projections: [caseFilesProjection({ calendar, localProfile: SALIX_HOMES_2021 })],
      batchSize,
      pollIntervalMs: 60_000,
    });
    engines.push(engine);
    return engine;
  };
  const versions = async (complaintId: string): Promise<Row[]> =>
    (await tableDump(backend.sql, 'case_files', 'case_fact_versions', 'complaint_id, valid_from'))
      .map((row) => JSON.parse(row) as Row)
      .filter((row) => row['complaint_id'] === complaintId);
  const dump = () =>
    projectionDump(backend.sql, 'case_files', { case_fact_versions: 'complaint_id COLLATE "C", valid_from' });

  afterEach(async () => {
    for (const engine of engines.splice(0)) await engine.stop();
    await backend?.close();
  });

  it('one row per interval between event dates, with the current stage’s Code and local dates as they stood', async () => {
    backend = await open();
    await recordCaseload(backend.complaints);
    await engineFor(3).catchUp();
    // c-moved: received Mon 2 Mar 2026, acknowledged Wed 4 Mar (Sam), reassigned to Alex Fri 6 Mar, +5 WD agreed Tue 10 Mar.
    const rows = await versions('c-moved');
    expect(
      rows.map((r) => [
        r['valid_from'],
        r['valid_to'],
        r['handler_id'],
        r['acknowledged_on'],
        r['code_response_due'],
        r['response_due'],
        r['extension_working_days'],
      ]),
    ).toEqual([
      // Not yet acknowledged: the response dates counted provisionally from the acknowledgement due date (Mon 9 Mar).
      ['2026-03-02', '2026-03-04', null, null, '2026-03-23', '2026-03-23', 0],
      ['2026-03-04', '2026-03-06', SAM.id, '2026-03-04', '2026-03-18', '2026-03-18', 0],
      ['2026-03-06', '2026-03-10', ALEX.id, '2026-03-04', '2026-03-18', '2026-03-18', 0],
      ['2026-03-10', null, ALEX.id, '2026-03-04', '2026-03-25', '2026-03-25', 5],
    ]);
    // Salix: acknowledge within 2 WD (Wed 4 Mar), respond within 10 WD of receipt (Mon 16 Mar, +5 → Mon 23 Mar).
    expect(rows.map((r) => [r['local_acknowledgement_due'], r['local_response_due']])).toEqual([
      ['2026-03-04', '2026-03-16'],
      ['2026-03-04', '2026-03-16'],
      ['2026-03-04', '2026-03-16'],
      ['2026-03-04', '2026-03-23'],
    ]);
    expect(
      rows.every((r) => r['last_activity_on'] === r['valid_from'] && r['status'] === 'open' && r['stage'] === 1),
    ).toBe(true);
    // c-two: stage 2 from its request (Fri 20 Mar), closed Fri 24 Apr: the last version says closed, for good.
    const two = await versions('c-two');
    expect(two.find((r) => r['valid_from'] === '2026-03-20')).toMatchObject({
      stage: 2,
      handler_id: null,
      started_on: '2026-03-20',
      acknowledgement_due: '2026-03-27',
    });
    expect(two.at(-1)).toMatchObject({
      valid_from: '2026-04-24',
      valid_to: null,
      status: 'closed',
      stage: 2,
      responded_on: '2026-04-23',
    });
  });

  it('a step back-dated before the receipt gives no version before it; one back-dated within the case rewrites the versions after it', async () => {
    backend = await open();
    await record(backend.complaints, 'c-late', [
      event.received('c-late', '2026-03-10'),
      event.contact('2026-03-09T23:30:00Z'),
    ]);
    const engine = engineFor();
    await engine.catchUp();
    expect((await versions('c-late')).map((r) => [r['valid_from'], r['valid_to']])).toEqual([['2026-03-10', null]]);

    await record(backend.complaints, 'c-late', [
      event.acknowledged(1, '2026-03-12'),
      event.extended(1, '2026-03-11', 5),
    ]);
    await engine.catchUp();
    // The extension recorded after the acknowledgement but agreed the day before it counts from 11 Mar on.
    expect(
      (await versions('c-late')).map((r) => [
        r['valid_from'],
        r['valid_to'],
        r['extension_working_days'],
        r['acknowledged_on'],
      ]),
    ).toEqual([
      ['2026-03-10', '2026-03-11', 0, null],
      ['2026-03-11', '2026-03-12', 5, null],
      ['2026-03-12', null, 5, '2026-03-12'],
    ]);
  });

  it('follow-ups that outlive closure: open remedy actions and compensation outstanding, from the response that offered it', async () => {
    backend = await open();
    await record(backend.complaints, 'c-fix', [
      event.received('c-fix', '2026-03-02'),
      event.acknowledged(1, '2026-03-03'),
      {
        type: 'StageResponseIssued',
        data: {
          occurredAt: '2026-03-10T10:00:00Z',
          stage: 1,
          decisions: [{ head: 'Mould', outcome: 'upheld', reasons: 'Too slow' }],
          remedies: {
            apology: true,
            actions: [{ actionId: 'S1-A1', description: 'Fit a fan', dueBy: '2026-03-20' }],
            compensation: [{ amountPence: 5000, kind: 'time_and_trouble' }],
          },
        },
      },
      event.closed('2026-03-11'),
      {
        type: 'CompensationPaid',
        data: { occurredAt: '2026-03-16T10:00:00Z', amountPence: 2000, kind: 'time_and_trouble', method: 'BACS' },
      },
      { type: 'RemedyActionCompleted', data: { occurredAt: '2026-03-18T10:00:00Z', actionId: 'S1-A1' } },
    ]);
    await engineFor().catchUp();
    expect(
      (await versions('c-fix'))
        .slice(2)
        .map((r) => [
          r['valid_from'],
          r['status'],
          r['open_remedy_actions'],
          r['compensation_outstanding_pence'],
          r['compensation_offered_on'],
        ]),
    ).toEqual([
      ['2026-03-10', 'open', [{ actionId: 'S1-A1', dueBy: '2026-03-20' }], 5000, '2026-03-10'],
      ['2026-03-11', 'closed', [{ actionId: 'S1-A1', dueBy: '2026-03-20' }], 5000, '2026-03-10'],
      ['2026-03-16', 'closed', [{ actionId: 'S1-A1', dueBy: '2026-03-20' }], 3000, '2026-03-10'],
      ['2026-03-18', 'closed', [], 3000, '2026-03-10'],
    ]);
  });

  it("a lesson's improvement action due and not made is a follow-up that outlives closure, re-planned and then made", async () => {
    backend = await open();
    await record(backend.complaints, 'c-lesson', [
      event.received('c-lesson', '2026-03-02'),
      event.acknowledged(1, '2026-03-03'),
      {
        type: 'StageResponseIssued',
        data: {
          occurredAt: '2026-03-10T10:00:00Z',
          stage: 1,
          decisions: [{ head: 'Mould', outcome: 'upheld', reasons: 'Too slow' }],
          remedies: { apology: true, actions: [], compensation: [] },
        },
      },
      {
        type: 'LessonRecorded',
        data: {
          occurredAt: '2026-03-11T09:00:00Z',
          lessonId: 'L1',
          lesson: 'Mould washes are no fix',
          improvementAction: 'Survey on a second report',
          dueBy: '2026-04-30',
        },
      },
      event.closed('2026-03-11'),
      {
        type: 'ImprovementActionPlanned',
        data: { occurredAt: '2026-03-20T10:00:00Z', lessonId: 'L1', owner: 'Head of Repairs', dueBy: '2026-05-29' },
      },
      {
        type: 'ImprovementActionCompleted',
        data: {
          occurredAt: '2026-05-20T10:00:00Z',
          lessonId: 'L1',
          whatChanged: 'Surveys booked',
          evidence: 'Rule DS-2',
        },
      },
    ]);
    await engineFor().catchUp();
    expect((await versions('c-lesson')).slice(-3).map((r) => [r['valid_from'], r['status'], r['follow_ups']])).toEqual([
      ['2026-03-11', 'closed', [{ reason: 'improvement_action', due: '2026-04-30', ref: 'L1' }]],
      ['2026-03-20', 'closed', [{ reason: 'improvement_action', due: '2026-05-29', ref: 'L1' }]],
      ['2026-05-20', 'closed', []],
    ]);
  });

  it('the rows written live, batch by batch and with back-dated steps, are the rows a rebuild writes, whatever the batch size', async () => {
    backend = await open();
    await recordCaseload(backend.complaints);
    const engine = engineFor(2);
    await engine.catchUp();
    await record(backend.complaints, 'c-acked', [event.extended(1, '2026-03-05', 5), event.assigned(1, '2026-03-03')]);
    await record(backend.complaints, 'c-escal', [event.contact('2026-03-01')]);
    await engine.catchUp();
    const live = await dump();
    expect(live['case_fact_versions']!.length).toBeGreaterThan(20);
    for (const batchSize of [1, 500]) {
      expect((await engineFor(batchSize).rebuild('case_files')).outcome).toBe('swapped');
      expect(await dump()).toEqual(live);
    }
  });
});
