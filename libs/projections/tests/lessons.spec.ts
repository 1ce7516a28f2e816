import { complaintDecider, fold, isReceived, toLondonDate } from '@complaints/domain';
import { afterEach, expect, it } from 'vitest';
import { lessonsProjection, ProjectionEngine, queryLessons } from '../src';
import { describeOnBothBackends, type Backend } from '../testing';
import { event, record, recordCaseload } from './support/complaint-history';
import { lessonRecorded } from './support/lesson-events';
import { projectionDump } from './support/table-dump';

const dump = (backend: Backend) =>
  projectionDump(backend.sql, 'lessons', { lessons: 'complaint_id COLLATE "C", lesson_id COLLATE "C"', lesson_complaints: 'complaint_id COLLATE "C"' });

describeOnBothBackends('lessons register read model', (open) => {
  let backend: Backend;
  const engines: ProjectionEngine[] = [];
  const engineFor = (batchSize = 500) => {
    const engine = new ProjectionEngine({ sql: backend.sql, source: backend.source, projections: [lessonsProjection()], batchSize, pollIntervalMs: 60_000 });
    engines.push(engine);
    return engine;
  };
  /** The caseload with lessons on three complaints, one in the same batch as its receipt. */
  const withLessons = async () => {
    backend = await open();
    await recordCaseload(backend.complaints);
    await record(backend.complaints, 'c-two', [
      lessonRecorded('L1', '2026-04-21', { owner: 'Head of Repairs', rootCause: 'No damp survey', dueBy: '2026-06-30' }),
      // 23:30 UTC in summer is the next day in London.
      lessonRecorded('L2', '2026-04-21T23:30:00Z', { serviceArea: 'Housing', improvementAction: 'Survey on every second report' }),
    ]);
    await record(backend.complaints, 'c-acked', [lessonRecorded('L1', '2026-03-06', { lesson: 'Call back the same day' })]);
    await record(backend.complaints, 'c-new', [event.received('c-new', '2026-04-01', { serviceArea: 'Estates', category: 'Grounds' }), lessonRecorded('L1', '2026-04-22')]);
  };

  afterEach(async () => {
    for (const engine of engines.splice(0)) await engine.stop();
    await backend?.close();
  });

  it('one row per lesson, agreeing with the complaint’s own fold, with the complaint’s service area when the lesson names none', async () => {
    await withLessons();
    await engineFor(3).catchUp();

    const lessons = await queryLessons(backend.sql);
    expect(lessons.map((l) => [l.complaintId, l.lessonId, l.recordedOn, l.serviceArea])).toEqual([
      ['c-new', 'L1', '2026-04-22', 'Estates'],
      ['c-two', 'L2', '2026-04-22', 'Housing'],
      ['c-two', 'L1', '2026-04-21', 'Repairs'],
      ['c-acked', 'L1', '2026-03-06', 'Repairs'],
    ]);
    for (const id of ['c-two', 'c-acked', 'c-new']) {
      const state = fold(complaintDecider, (await backend.complaints.load(id)).envelopes.map((e) => e.event));
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
        })),
      );
    }
    expect(lessons.find((l) => l.complaintId === 'c-new')).toMatchObject({ category: 'Grounds', reference: 'CMP-c-new' });
  });

  it('filters on the London date recorded (inclusive) and the service area, ignoring case', async () => {
    await withLessons();
    await engineFor().catchUp();
    const ids = async (query: Parameters<typeof queryLessons>[1]) => (await queryLessons(backend.sql, query)).map((l) => `${l.complaintId}/${l.lessonId}`);

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
});
