import { ERASED } from '@complaints/contracts';
import { complaintDecider, fold, isReceived, toLondonDate } from '@complaints/domain';
import { afterEach, expect, it } from 'vitest';
import {
  lessonsProjection,
  ProjectionEngine,
  queryLessons,
  queryPanelLessons,
  REDACTED,
  WITHHELD,
  withActiveTables,
} from '../src';
import { describeOnBothBackends, type Backend } from '../testing';
import { event, PERSONAL_TEXT, record, recordCaseload } from './support/complaint-history';
import { improvementActionCompleted, improvementActionPlanned, lessonRecorded } from './support/lesson-events';
import { projectionDump } from './support/table-dump';

const dump = (backend: Backend) =>
  projectionDump(backend.sql, 'lessons', {
    lessons: 'complaint_id COLLATE "C", lesson_id COLLATE "C"',
    lesson_complaints: 'complaint_id COLLATE "C"',
    lesson_plans: 'complaint_id COLLATE "C", lesson_id COLLATE "C"',
    lesson_completions: 'complaint_id COLLATE "C", lesson_id COLLATE "C"',
  });

describeOnBothBackends('lessons register read model', (open) => {
  let backend: Backend;
  const engines: ProjectionEngine[] = [];
  const engineFor = (batchSize = 500) => {
    const engine = new ProjectionEngine({
      sql: backend.sql,
      source: backend.source,
      projections: [lessonsProjection({ seal: backend.seal })],
      batchSize,
      pollIntervalMs: 60_000,
    });
    engines.push(engine);
    return engine;
  };
  /** The caseload with lessons on three complaints, one in the same batch as its receipt. */
  const withLessons = async () => {
    backend = await open();
    await recordCaseload(backend.complaints);
    await record(backend.complaints, 'c-two', [
      lessonRecorded('L1', '2026-04-21', {
        owner: 'Head of Repairs',
        rootCause: 'No damp survey',
        dueBy: '2026-06-30',
      }),
      // 23:30 UTC in summer is the next day in London.
      lessonRecorded('L2', '2026-04-21T23:30:00Z', {
        serviceArea: 'Housing',
        improvementAction: 'Survey on every second report',
      }),
      // Planned twice (the later plan holds) and made.
      improvementActionPlanned('L2', '2026-04-23', { owner: 'Housing Manager', dueBy: '2026-05-29' }),
      improvementActionPlanned('L2', '2026-04-24', { owner: 'Head of Housing', dueBy: '2026-06-30' }),
      improvementActionCompleted('L2', '2026-06-02T23:30:00Z', { documentId: 'D1' }),
    ]);
    await record(backend.complaints, 'c-acked', [
      lessonRecorded('L1', '2026-03-06', { lesson: 'Call back the same day' }),
    ]);
    await record(backend.complaints, 'c-new', [
      event.received('c-new', '2026-04-01', { serviceArea: 'Estates', category: 'Grounds' }),
      lessonRecorded('L1', '2026-04-22'),
    ]);
  };

  afterEach(async () => {
    for (const engine of engines.splice(0)) await engine.stop();
    await backend?.close();
  });

  it('one row per lesson, agreeing with the complaint’s own fold, with the complaint’s service area when the lesson names none', async () => {
    await withLessons();
    await engineFor(3).catchUp();

    const lessons = await queryLessons(backend.sql, backend.seal);
    expect(lessons.map((l) => [l.complaintId, l.lessonId, l.recordedOn, l.serviceArea])).toEqual([
      ['c-new', 'L1', '2026-04-22', 'Estates'],
      ['c-two', 'L2', '2026-04-22', 'Housing'],
      ['c-two', 'L1', '2026-04-21', 'Repairs'],
      ['c-acked', 'L1', '2026-03-06', 'Repairs'],
    ]);
    for (const id of ['c-two', 'c-acked', 'c-new']) {
      const state = fold(
        complaintDecider,
        (await backend.complaints.load(id)).envelopes.map((e) => e.event),
      );
      if (!isReceived(state)) throw new Error(`${id} was received`);
      const rows = lessons.filter((l) => l.complaintId === id).sort((a, b) => a.lessonId.localeCompare(b.lessonId));
      expect(rows).toEqual(
        state.lessons.map((lesson) => ({
          lessonId: lesson.lessonId,
          complaintId: id,
          reference: state.reference,
          recordedAt: lesson.recordedAt,
          recordedOn: toLondonDate(lesson.recordedAt),
          serviceArea: lesson.serviceArea ?? state.serviceArea,
          category: state.category,
          lesson: lesson.lesson,
          rootCause: lesson.rootCause,
          improvementAction: lesson.improvementAction,
          owner: lesson.owner,
          dueBy: lesson.dueBy,
          plannedAt: lesson.plannedAt,
          madeOn: lesson.completion && toLondonDate(lesson.completion.completedAt),
          madeAt: lesson.completion?.completedAt ?? null,
          whatChanged: lesson.completion?.whatChanged ?? null,
          evidence: lesson.completion?.evidence ?? null,
          evidenceDocumentId: lesson.completion?.documentId ?? null,
        })),
      );
    }
    expect(lessons.find((l) => l.complaintId === 'c-new')).toMatchObject({
      category: 'Grounds',
      reference: 'CMP-c-new',
    });
  });

  it('filters on the London date recorded (inclusive) and the service area, ignoring case', async () => {
    await withLessons();
    await engineFor().catchUp();
    const ids = async (query: Parameters<typeof queryLessons>[2]) =>
      (await queryLessons(backend.sql, backend.seal, query)).map((l) => `${l.complaintId}/${l.lessonId}`);

    expect(await ids({ from: '2026-04-22' })).toEqual(['c-new/L1', 'c-two/L2']);
    expect(await ids({ to: '2026-04-21' })).toEqual(['c-two/L1', 'c-acked/L1']);
    expect(await ids({ from: '2026-03-07', to: '2026-04-21' })).toEqual(['c-two/L1']);
    expect(await ids({ serviceArea: 'repairs' })).toEqual(['c-two/L1', 'c-acked/L1']);
    expect(await ids({ serviceArea: 'HOUSING', to: '2026-04-30' })).toEqual(['c-two/L2']);
    expect(await ids({ serviceArea: 'Gardens' })).toEqual([]);
  });

  it('replaying gives the same rows, whatever the batch size, and catching up again changes nothing', async () => {
    await withLessons();
    const engine = engineFor();
    await engine.catchUp();
    const once = await dump(backend);
    expect(once['lessons']).toHaveLength(4);
    await engine.catchUp();
    expect(await dump(backend)).toEqual(once);

    for (const batchSize of [1, 4]) {
      expect((await engineFor(batchSize).rebuild('lessons')).outcome).toBe('swapped');
      expect(await dump(backend)).toEqual(once);
    }
  });

  /** Staff text naming c-gone's complainant (Margaret Ellis, Flat 4, 18 Weaste Lane, Salford M5 2JH) and her contact details. */
  const NAMING = {
    lesson:
      'Mrs Ellis of 18 Weaste Lane (M5 2JH) waited 3 weeks; ring her on 0161 496 0000 or margaret.ellis@example.org',
    rootCause: 'Margaret Ellis was not called back by the Repairs team',
    improvementAction: 'Repairs team to call back within 2 working days, by 2026-04-30',
  };
  const SCREENED = {
    lesson: `${REDACTED} of ${REDACTED} (${REDACTED}) waited 3 weeks; ring her on ${REDACTED} or ${REDACTED}`,
    rootCause: `${REDACTED} was not called back by the Repairs team`,
    improvementAction: NAMING.improvementAction,
  };
  /** Every column of the lessons tables for one complaint, as JSON text. */
  const rawRowsOf = async (complaintId: string) =>
    withActiveTables(backend.sql, 'lessons', async (tables) => {
      const rows: string[] = [];
      for (const table of ['lessons', 'lesson_complaints', 'lesson_plans', 'lesson_completions']) {
        const found = await backend.sql.query<{ row: string }>(
          `SELECT to_jsonb(r)::text AS row FROM ${tables.table(table)} AS r WHERE complaint_id = $1`,
          [complaintId],
        );
        rows.push(...found.map((r) => r.row));
      }
      return rows.join('\n');
    });
  /** The panel's text only, as JSON: what a panel-facing view can show. */
  const panelText = async () => JSON.stringify(await queryPanelLessons(backend.sql, backend.seal));

  it('panels read the text screened against the complaint’s own names and contact details; the team reads it as written', async () => {
    backend = await open();
    await recordCaseload(backend.complaints);
    await record(backend.complaints, 'c-gone', [
      lessonRecorded('L1', '2026-03-09', { ...NAMING, owner: 'Head of Repairs' }),
    ]);
    await engineFor(2).catchUp();

    const [panel] = (await queryPanelLessons(backend.sql, backend.seal)).filter((l) => l.recordedOn === '2026-03-09');
    expect(panel).toEqual({
      lessonId: 'L1',
      recordedOn: '2026-03-09',
      serviceArea: 'Anti-social behaviour',
      category: null,
      ...SCREENED,
      dueBy: null,
      madeOn: null,
      whatChanged: null,
    });
    expect(Object.keys(panel ?? {})).not.toEqual(expect.arrayContaining(['complaintId', 'reference', 'owner']));
    const [team] = (await queryLessons(backend.sql, backend.seal)).filter((l) => l.complaintId === 'c-gone');
    expect(team).toMatchObject({ ...NAMING, owner: 'Head of Repairs', reference: 'CMP-c-gone' });
    for (const secret of ['Ellis', 'Margaret', 'Weaste Lane', 'M5 2JH', '0161 496 0000', 'margaret.ellis@example.org'])
      expect(await panelText()).not.toContain(secret);
  });

  it('on erasure the complaint’s panel text is withheld and its terms dropped (raw SQL); a rebuild after the key is gone gives the same rows', async () => {
    backend = await open();
    await recordCaseload(backend.complaints);
    await record(backend.complaints, 'c-gone', [lessonRecorded('L1', '2026-03-09', NAMING)]);
    await record(backend.complaints, 'c-acked', [lessonRecorded('L1', '2026-03-09', NAMING)]);
    const engine = engineFor(3);
    await engine.catchUp();
    // Before the erasure too, the text (as written and screened) and the terms are kept only sealed.
    const before = await rawRowsOf('c-gone');
    for (const text of [...PERSONAL_TEXT, NAMING.lesson, SCREENED.rootCause]) expect(before).not.toContain(text);
    expect(before).toContain('Anti-social behaviour'); // a clear column: the raw read sees the rows
    expect((await queryLessons(backend.sql, backend.seal)).find((l) => l.complaintId === 'c-gone')).toMatchObject(
      NAMING,
    );

    await record(backend.complaints, 'c-gone', [
      event.erased('c-gone', '2026-03-11'),
      lessonRecorded('L2', '2026-03-12', { lesson: 'Mrs Ellis moved out' }),
    ]);
    await backend.complaints.erase('ds-c-gone', new Date('2026-03-11T10:00:00Z'));
    await engine.catchUp();

    const gone = (await queryPanelLessons(backend.sql, backend.seal)).filter(
      (l) => l.serviceArea === 'Anti-social behaviour',
    );
    expect(gone.map((l) => [l.lessonId, l.lesson, l.rootCause, l.improvementAction])).toEqual([
      ['L2', WITHHELD, null, null],
      ['L1', WITHHELD, WITHHELD, WITHHELD],
    ]);
    const raw = await rawRowsOf('c-gone');
    for (const text of PERSONAL_TEXT) expect(raw).not.toContain(text);
    // Only that complaint was erased: the other still reads screened, and keeps its terms.
    expect((await queryPanelLessons(backend.sql, backend.seal)).find((l) => l.serviceArea === 'Repairs')).toMatchObject(
      SCREENED,
    );
    expect((await queryLessons(backend.sql, backend.seal)).find((l) => l.complaintId === 'c-acked')).toMatchObject(
      NAMING,
    );
    // The text as written was sealed under the destroyed key: the team reads it as erased too.
    expect(
      (await queryLessons(backend.sql, backend.seal)).find((l) => l.complaintId === 'c-gone' && l.lessonId === 'L1'),
    ).toMatchObject({
      lesson: ERASED,
      rootCause: ERASED,
      improvementAction: ERASED,
      owner: null,
    });

    const live = await dump(backend);
    for (const batchSize of [1, 500]) {
      expect((await engineFor(batchSize).rebuild('lessons')).outcome).toBe('swapped');
      expect(await dump(backend)).toEqual(live);
    }
  });

  it('the erasure event alone withholds the text, also in the batch that wrote the lesson and before the key is destroyed', async () => {
    backend = await open();
    await recordCaseload(backend.complaints);
    await record(backend.complaints, 'c-gone', [
      lessonRecorded('L1', '2026-03-09', NAMING),
      event.erased('c-gone', '2026-03-11'),
    ]);
    await engineFor(500).catchUp();
    expect(
      (await queryPanelLessons(backend.sql, backend.seal)).find((l) => l.serviceArea === 'Anti-social behaviour')
        ?.lesson,
    ).toBe(WITHHELD);
    for (const text of PERSONAL_TEXT) expect(await rawRowsOf('c-gone')).not.toContain(text);
  });
  it('an improvement action as planned (the latest plan) and made: owner and due date, made on (London), what changed and the evidence', async () => {
    await withLessons();
    await engineFor(2).catchUp();
    const l2 = (await queryLessons(backend.sql, backend.seal)).find(
      (l) => l.complaintId === 'c-two' && l.lessonId === 'L2',
    );
    expect(l2).toMatchObject({
      improvementAction: 'Survey on every second report',
      owner: 'Head of Housing',
      dueBy: '2026-06-30',
      plannedAt: '2026-04-24T10:00:00Z',
      madeAt: '2026-06-02T23:30:00Z',
      madeOn: '2026-06-03',
      whatChanged: 'Surveys now booked on every second report',
      evidence: 'Booking rule live, job 4412',
      evidenceDocumentId: 'D1',
    });
    const l1 = (await queryLessons(backend.sql, backend.seal)).find(
      (l) => l.complaintId === 'c-two' && l.lessonId === 'L1',
    );
    expect(l1).toMatchObject({
      owner: 'Head of Repairs',
      dueBy: '2026-06-30',
      plannedAt: null,
      madeOn: null,
      whatChanged: null,
      evidence: null,
    });
    const panel = (await queryPanelLessons(backend.sql, backend.seal)).find((l) => l.serviceArea === 'Housing');
    expect(panel).toMatchObject({
      dueBy: '2026-06-30',
      madeOn: '2026-06-03',
      whatChanged: 'Surveys now booked on every second report',
    });
    expect(Object.keys(panel ?? {})).not.toEqual(expect.arrayContaining(['owner', 'evidence', 'evidenceDocumentId']));
  });

  it("what changed is screened for panels and kept sealed; erased with the complaint (the plan's owner too)", async () => {
    backend = await open();
    await recordCaseload(backend.complaints);
    await record(backend.complaints, 'c-gone', [
      lessonRecorded('L1', '2026-03-09', NAMING),
      improvementActionPlanned('L1', '2026-03-10', { owner: 'Margaret Ellis liaison officer', dueBy: '2026-04-30' }),
      improvementActionCompleted('L1', '2026-03-20', {
        whatChanged: 'Mrs Ellis now gets a call back within 2 days',
        evidence: 'Call log for 0161 496 0000',
      }),
    ]);
    const engine = engineFor(2);
    await engine.catchUp();
    const raw = await rawRowsOf('c-gone');
    for (const text of ['Ellis', '0161 496 0000']) expect(raw).not.toContain(text);
    expect(
      (await queryPanelLessons(backend.sql, backend.seal)).find((l) => l.serviceArea === 'Anti-social behaviour')
        ?.whatChanged,
    ).toBe(`${REDACTED} now gets a call back within 2 days`);
    expect(await panelText()).not.toContain('0161 496 0000');

    await record(backend.complaints, 'c-gone', [event.erased('c-gone', '2026-03-21')]);
    await backend.complaints.erase('ds-c-gone', new Date('2026-03-21T10:00:00Z'));
    await engine.catchUp();
    expect((await queryLessons(backend.sql, backend.seal)).find((l) => l.complaintId === 'c-gone')).toMatchObject({
      owner: ERASED,
      whatChanged: ERASED,
      evidence: ERASED,
      madeOn: '2026-03-20',
      dueBy: '2026-04-30',
    });
    expect(
      (await queryPanelLessons(backend.sql, backend.seal)).find((l) => l.serviceArea === 'Anti-social behaviour'),
    ).toMatchObject({ whatChanged: WITHHELD, madeOn: '2026-03-20' });
    const live = await dump(backend);
    expect((await engineFor(1).rebuild('lessons')).outcome).toBe('swapped');
    expect(await dump(backend)).toEqual(live);
  });
});
