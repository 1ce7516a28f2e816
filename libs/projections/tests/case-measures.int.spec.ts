import { afterEach, expect, it } from 'vitest';
import { createWorkingDayCalendar } from '@complaints/domain';
import { caseFilesProjection, CASE_FILES, CASE_MEASURES_TABLE, ProjectionEngine, withActiveTables } from '../src';
import { describeOnBothBackends, type Backend } from '../testing';
import { event, PERSONAL_TEXT, record, recordCaseload } from './support/complaint-history';
import { lessonRecorded } from './support/lesson-events';

interface Row {
  complaint_id: string;
  measure: string;
  on_date: string;
  stage: number | null;
  kind: string | null;
  working_days: number | null;
  within_code: boolean | null;
  code_due: string | null;
  escalated: boolean | null;
  late: boolean | null;
  refused_on: string | null;
}

describeOnBothBackends('case_measures facts', (open) => {
  let backend: Backend;
  const engines: ProjectionEngine[] = [];
  const catchUp = async () => {
    const engine = new ProjectionEngine({
      sql: backend.sql,
      source: backend.source,
      projections: [caseFilesProjection({ calendar: createWorkingDayCalendar(), localProfile: null })],
      batchSize: 4,
      pollIntervalMs: 60_000,
    });
    engines.push(engine);
    await engine.catchUp();
    return engine;
  };
  const rows = (complaintId: string) =>
    withActiveTables(backend.sql, CASE_FILES, (tables) =>
      backend.sql.query<Row>(
        `SELECT complaint_id, measure, to_char(on_date, 'YYYY-MM-DD') AS on_date, stage, kind, working_days, within_code,
                to_char(code_due, 'YYYY-MM-DD') AS code_due, escalated, late, to_char(refused_on, 'YYYY-MM-DD') AS refused_on
           FROM ${tables.table(CASE_MEASURES_TABLE)} WHERE complaint_id = $1 ORDER BY seq`,
        [complaintId],
      ),
    );
  const dated = async (complaintId: string) =>
    (await rows(complaintId)).map((r) => `${r.measure} ${r.on_date}${r.stage ? ` s${r.stage}` : ''}`);

  afterEach(async () => {
    for (const engine of engines.splice(0)) await engine.stop();
    await backend?.close();
  });

  it('given c-two (two stages, closed): each step on its London date, responses timed against the Code as computeSla times them', async () => {
    backend = await open();
    await recordCaseload(backend.complaints);
    await catchUp();
    expect(await dated('c-two')).toEqual([
      'received 2026-03-03',
      'closed 2026-04-24',
      'escalated 2026-03-20 s2',
      'acknowledged 2026-03-04 s1',
      'responded 2026-03-17 s1',
      'acknowledged 2026-03-25 s2',
      'responded 2026-04-23 s2',
    ]);
    const responses = (await rows('c-two')).filter((r) => r.measure === 'responded');
    // Stage 1: acked Wed 4 Mar → due Wed 18 Mar, answered 17 Mar (10 WD after receipt), then escalated.
    expect(responses[0]).toMatchObject({
      working_days: 10,
      code_due: '2026-03-18',
      within_code: true,
      escalated: true,
    });
    // Stage 2: acked Wed 25 Mar → due Fri 24 Apr (20 WD, Good Friday and Easter Monday excluded), answered Thu 23 Apr.
    expect(responses[1]).toMatchObject({
      stage: 2,
      working_days: 22,
      code_due: '2026-04-24',
      within_code: true,
      escalated: null,
    });
    // Refused on receipt day: the refusal with its ground; the receipt row carries the refusal date (TSM keeps it out of CH01).
    expect(await rows('c-refused')).toMatchObject([
      { measure: 'received', on_date: '2026-03-03', refused_on: '2026-03-03' },
      { measure: 'refused', on_date: '2026-03-03', kind: 'older_than_12_months' },
    ]);
    // c-moved's extension of 5 WD counts on the day it was agreed, at its stage.
    expect((await rows('c-moved')).find((r) => r.measure === 'extension_agreed')).toMatchObject({
      on_date: '2026-03-10',
      working_days: 5,
      stage: 1,
    });
  });

  it('holds nothing personal: labels, dates and numbers only', async () => {
    backend = await open();
    await recordCaseload(backend.complaints);
    await record(backend.complaints, 'c-two', [
      lessonRecorded('L1', '2026-04-24', {
        lesson: 'Mrs Ellis was kept waiting',
        improvementAction: 'Call Margaret Ellis back',
      }),
    ]);
    await catchUp();
    const all = JSON.stringify(
      await withActiveTables(backend.sql, CASE_FILES, (tables) =>
        backend.sql.query(`SELECT to_jsonb(t)::text AS row FROM ${tables.table(CASE_MEASURES_TABLE)} AS t`),
      ),
    );
    for (const text of [...PERSONAL_TEXT, 'Mrs Ellis', 'Call Margaret']) expect(all, text).not.toContain(text);
    expect(all).toContain('CMP-c-two'); // positive control: the scan sees the rows' text
    expect(all).toContain('lesson_recorded');
  });

  it('a step recorded later but dated earlier, and a stage 2 request after a stage 1 closure, rewrite the case’s rows as a rebuild writes them', async () => {
    backend = await open();
    const stageOne = [
      event.received('c-back', '2026-03-02'),
      event.acknowledged(1, '2026-03-04'),
      event.responded(1, '2026-03-17'),
      event.closed('2026-03-18'),
    ];
    await record(backend.complaints, 'c-back', stageOne);
    await catchUp();
    expect(await dated('c-back')).toEqual([
      'received 2026-03-02',
      'closed 2026-03-18',
      'acknowledged 2026-03-04 s1',
      'responded 2026-03-17 s1',
    ]);

    // Recorded after the closure, dated before it: counted on 16 March; the reopened closure still counts on 18 March.
    await record(backend.complaints, 'c-back', [lessonRecorded('L1', '2026-03-16'), event.escalated('2026-04-01')]);
    const engine = await catchUp();
    expect(await dated('c-back')).toEqual([
      'received 2026-03-02',
      'closed 2026-03-18',
      'escalated 2026-04-01 s2',
      'acknowledged 2026-03-04 s1',
      'responded 2026-03-17 s1',
      'lesson_recorded 2026-03-16',
    ]);
    expect((await rows('c-back')).find((r) => r.measure === 'responded')).toMatchObject({ escalated: true });
    const live = await rows('c-back');
    expect((await engine.rebuild(CASE_FILES)).outcome).toBe('swapped');
    expect(await rows('c-back')).toEqual(live);
  });
});
