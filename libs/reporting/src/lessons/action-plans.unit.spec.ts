import { describe, expect, it } from 'vitest';
import { actionPlanFor, improvementsOfYear, quarterOf, type PlannableLesson } from './action-plans';

const lesson = (
  lessonId: string,
  recordedOn: string,
  serviceArea: string,
  action: { dueBy?: string; madeOn?: string } | null = {},
): PlannableLesson & { lesson: string } => ({
  lessonId,
  recordedOn,
  serviceArea,
  lesson: `Lesson ${lessonId}`,
  improvementAction: action === null ? null : `Action ${lessonId}`,
  dueBy: action?.dueBy ?? null,
  madeOn: action?.madeOn ?? null,
});

describe('quarters of a reporting year', () => {
  it('runs April to March: Q3 is October to December, Q4 January to March of the next calendar year', () => {
    expect(quarterOf('2025-Q1')).toEqual({ quarter: '2025-Q1', from: '2025-04-01', to: '2025-06-30' });
    expect(quarterOf('2025-Q3')).toEqual({ quarter: '2025-Q3', from: '2025-10-01', to: '2025-12-31' });
    expect(quarterOf('2025-Q4')).toEqual({ quarter: '2025-Q4', from: '2026-01-01', to: '2026-03-31' });
    for (const bad of ['2025-Q5', '2025-Q0', '2025Q3', '25-Q3', '2025-q3', '']) expect(quarterOf(bad)).toBeNull();
  });
});

describe('the quarterly action plan per service area', () => {
  const quarter = quarterOf('2025-Q3')!;
  const lessons = [
    // In the quarter: made, overdue, planned, and one without an action.
    lesson('R1', '2025-10-02', 'Repairs', { dueBy: '2025-11-30', madeOn: '2025-11-20' }),
    lesson('R2', '2025-11-15', 'Repairs', { dueBy: '2025-12-01' }),
    lesson('R3', '2025-12-20', 'Repairs', { dueBy: '2026-02-28' }),
    lesson('R4', '2025-12-31', 'Repairs', null),
    lesson('H1', '2025-10-10', 'Housing', {}),
    // Before the quarter: open at its start (carried over, still open or made during it), or made before it (not carried).
    lesson('R0', '2025-08-01', 'Repairs', { dueBy: '2025-09-30' }),
    lesson('H0', '2025-06-01', 'Housing', { dueBy: '2025-07-31', madeOn: '2025-10-15' }),
    lesson('E0', '2025-05-01', 'Estates', { dueBy: '2025-07-31', madeOn: '2025-09-30' }),
    lesson('E9', '2025-04-01', 'Estates', null),
    // After the quarter: not in it.
    lesson('R5', '2026-01-02', 'Repairs', { dueBy: '2026-03-01' }),
  ];

  it('lists the lessons of the quarter with their status on asOf, and the actions carried over, by service area', () => {
    const plan = actionPlanFor(lessons, quarter, '2026-01-15');
    expect(plan).toMatchObject({ quarter: '2025-Q3', from: '2025-10-01', to: '2025-12-31', asOf: '2026-01-15' });
    expect(plan.serviceAreas.map((a) => a.serviceArea)).toEqual(['Housing', 'Repairs']);
    const [housing, repairs] = plan.serviceAreas;
    expect(repairs?.lessons.map((l) => [l.lessonId, l.status])).toEqual([
      ['R1', 'made'],
      ['R2', 'overdue'],
      ['R3', 'planned'],
      ['R4', null],
    ]);
    expect(repairs?.carriedOver.map((l) => [l.lessonId, l.status])).toEqual([['R0', 'overdue']]);
    expect(repairs?.counts).toEqual({
      lessons: 4,
      withImprovementAction: 3,
      carriedOver: 1,
      planned: 1,
      overdue: 2,
      made: 1,
    });
    expect(housing?.lessons.map((l) => [l.lessonId, l.status])).toEqual([['H1', 'planned']]);
    expect(housing?.carriedOver.map((l) => [l.lessonId, l.status, l.madeOn])).toEqual([['H0', 'made', '2025-10-15']]);
  });

  it('gives each status as of asOf: an action made later is still overdue before it', () => {
    const plan = actionPlanFor(lessons, quarter, '2025-11-25');
    expect(plan.serviceAreas.find((a) => a.serviceArea === 'Housing')?.carriedOver.map((l) => l.status)).toEqual([
      'made',
    ]);
    expect(
      actionPlanFor(lessons, quarter, '2025-10-14')
        .serviceAreas.find((a) => a.serviceArea === 'Housing')
        ?.carriedOver.map((l) => l.status),
    ).toEqual(['overdue']);
  });

  it("keeps the fields it is given (a panel's lessons stay a panel's)", () => {
    const plan = actionPlanFor(lessons, quarter, '2026-01-15');
    expect(Object.keys(plan.serviceAreas[0]?.lessons[0] ?? {}).sort()).toEqual([
      'dueBy',
      'improvementAction',
      'lesson',
      'lessonId',
      'madeOn',
      'recordedOn',
      'serviceArea',
      'status',
    ]);
  });
});

describe('lessons and improvements made in a reporting year (for the annual report)', () => {
  const lessons = [
    lesson('A', '2025-05-01', 'Repairs', { dueBy: '2025-06-30', madeOn: '2025-06-15' }),
    lesson('B', '2025-12-01', 'Repairs', { dueBy: '2026-01-31' }),
    lesson('C', '2026-03-31', 'Housing', null),
    // Recorded the year before, made in this one.
    lesson('D', '2025-02-01', 'Estates', { dueBy: '2025-05-31', madeOn: '2025-04-10' }),
    // Made the year after.
    lesson('E', '2025-07-01', 'Estates', { dueBy: '2025-08-31', madeOn: '2026-04-02' }),
  ];

  it('counts the lessons of the year, the improvements made in it, and the actions overdue at its end', () => {
    const year = improvementsOfYear(lessons, 2025, '2026-06-01');
    expect(year).toMatchObject({
      year: 2025,
      from: '2025-04-01',
      to: '2026-03-31',
      asOf: '2026-03-31',
      lessonsRecorded: 4,
      improvementActionsSet: 3,
      outstanding: 2,
    });
    expect(year.improvementsMade.map((l) => l.lessonId)).toEqual(['A', 'D']);
    expect(year.overdue.map((l) => l.lessonId)).toEqual(['B', 'E']);
    expect(year.byServiceArea).toEqual([
      { serviceArea: 'Estates', lessonsRecorded: 1, improvementsMade: 1, overdue: 1 },
      { serviceArea: 'Housing', lessonsRecorded: 1, improvementsMade: 0, overdue: 0 },
      { serviceArea: 'Repairs', lessonsRecorded: 2, improvementsMade: 1, overdue: 1 },
    ]);
  });

  it('stops at asOf within the year', () => {
    const year = improvementsOfYear(lessons, 2025, '2025-06-01');
    expect(year.asOf).toBe('2025-06-01');
    // A is still open (due 30 June, made 15 June); D was made in April.
    expect(year.outstanding).toBe(1);
    expect(year.improvementsMade.map((l) => l.lessonId)).toEqual(['D']);
    expect(year.overdue.map((l) => l.lessonId)).toEqual([]);
  });
});
