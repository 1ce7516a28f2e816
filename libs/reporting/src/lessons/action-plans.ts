import { isYearInRange, type CalendarDate } from '@complaints/contracts';
import { improvementActionStatusOf, reportingYear, type ImprovementActionStatus } from '@complaints/domain';
import { panelPeriod } from '../panel/panel-period';

/**
 * What the action plans and the year's improvements need of a lesson, as either register reads it
 * (queryLessons for the complaints team and auditors, queryPanelLessons for panels): so one
 * function serves both, and a panel's plan holds only what the panel register holds.
 */
export interface PlannableLesson {
  lessonId: string;
  recordedOn: CalendarDate;
  serviceArea: string;
  improvementAction: string | null;
  dueBy: CalendarDate | null;
  madeOn: CalendarDate | null;
}

/** A lesson with where its improvement action stands (null: the lesson has none). */
export type WithStatus<T> = T & { status: ImprovementActionStatus | null };

/** A quarter of a reporting year: `2025-Q1` is April to June 2025, `2025-Q3` October to December 2025, `2025-Q4` January to March 2026. */
export interface Quarter {
  quarter: string;
  from: CalendarDate;
  to: CalendarDate;
}

export const QUARTER_PATTERN = /^(\d{4})-Q([1-4])$/;
export const QUARTER_HINT =
  'must be a quarter of the reporting year, YYYY-Qn (2025-Q1 April–June 2025 … 2025-Q4 January–March 2026)';

/**
 * The dates of a quarter of a reporting year (April to March, as the TSM and annual reports
 * count; panelPeriod's quarters), or null when it is not `YYYY-Qn` of a year the service
 * reports on (isYearInRange). The action plans and the Member Responsible's report read it.
 */
export function quarterOf(quarter: string): Quarter | null {
  const match = QUARTER_PATTERN.exec(quarter);
  if (!match || !isYearInRange(Number(match[1]))) return null;
  return { quarter, ...panelPeriod(quarter) };
}

/** Where the lesson's improvement action stands on asOf (improvementActionStatusOf in the domain). */
export function withStatus<T extends PlannableLesson>(lesson: T, asOf: CalendarDate): WithStatus<T> {
  // A due date stands for an action (as the domain's follow-ups count it).
  const hasImprovementAction =
    (lesson.improvementAction !== null && lesson.improvementAction.trim() !== '') || lesson.dueBy !== null;
  return {
    ...lesson,
    status: improvementActionStatusOf({ hasImprovementAction, dueBy: lesson.dueBy, madeOn: lesson.madeOn }, asOf),
  };
}

export interface ServiceAreaActionPlan<T> {
  serviceArea: string;
  /** The lessons recorded in the quarter, with their improvement actions (status null: none). */
  lessons: WithStatus<T>[];
  /** Improvement actions of lessons recorded before the quarter and not made before it began: still open, or made during it or after. */
  carriedOver: WithStatus<T>[];
  counts: {
    lessons: number;
    withImprovementAction: number;
    carriedOver: number;
    planned: number;
    overdue: number;
    made: number;
  };
}

export interface ActionPlan<T> {
  quarter: string;
  from: CalendarDate;
  to: CalendarDate;
  /** The day each action's status is given for (today, for the caller). */
  asOf: CalendarDate;
  serviceAreas: ServiceAreaActionPlan<T>[];
}

/**
 * The quarterly lessons action plans per service area (Salix Homes' policy; docs/api.md, "Action
 * plans"): for each service area with a lesson in the quarter or an action carried into it, the
 * lessons recorded in the quarter and their improvement actions (owner, due date, status, made
 * on), and the actions of earlier lessons still open when the quarter began. Statuses are as of
 * `asOf`. Lessons in the register's order (newest first); service areas by name.
 */
export function actionPlanFor<T extends PlannableLesson>(
  lessons: readonly T[],
  quarter: Quarter,
  asOf: CalendarDate,
): ActionPlan<T> {
  const areas = new Map<string, { lessons: WithStatus<T>[]; carriedOver: WithStatus<T>[] }>();
  const areaOf = (name: string) => {
    let area = areas.get(name);
    if (!area) areas.set(name, (area = { lessons: [], carriedOver: [] }));
    return area;
  };
  for (const lesson of lessons) {
    if (lesson.recordedOn > quarter.to) continue;
    const item = withStatus(lesson, asOf);
    if (lesson.recordedOn >= quarter.from) areaOf(lesson.serviceArea).lessons.push(item);
    else if (item.status !== null && (lesson.madeOn === null || lesson.madeOn >= quarter.from))
      areaOf(lesson.serviceArea).carriedOver.push(item);
  }
  const serviceAreas = [...areas.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([serviceArea, area]) => {
      const actions = [...area.lessons, ...area.carriedOver].filter((l) => l.status !== null);
      const count = (status: ImprovementActionStatus) => actions.filter((l) => l.status === status).length;
      return {
        serviceArea,
        lessons: area.lessons,
        carriedOver: area.carriedOver,
        counts: {
          lessons: area.lessons.length,
          withImprovementAction: area.lessons.filter((l) => l.status !== null).length,
          carriedOver: area.carriedOver.length,
          planned: count('planned'),
          overdue: count('overdue'),
          made: count('made'),
        },
      };
    });
  return { quarter: quarter.quarter, from: quarter.from, to: quarter.to, asOf, serviceAreas };
}

/**
 * Lessons and the improvements made in a reporting year (for the annual complaints performance
 * and service-improvement report, Code 8.1): the lessons recorded in the year, the improvement
 * actions made in it (whenever their lesson was recorded), how many were still open and which
 * overdue at the year's end (or asOf, if earlier), each service area's counts. Give it the panel register's
 * lessons for a published report: it keeps whatever fields it is given.
 */
export function improvementsOfYear<T extends PlannableLesson>(lessons: readonly T[], year: number, asOf: CalendarDate) {
  const { from, to } = reportingYear(year);
  const on = asOf < to ? asOf : to;
  const recorded = lessons.filter((l) => l.recordedOn >= from && l.recordedOn <= to);
  const made = lessons
    .filter((l) => l.madeOn !== null && l.madeOn >= from && l.madeOn <= on)
    .map((l) => withStatus(l, on));
  const open = lessons
    .filter((l) => l.recordedOn <= on)
    .map((l) => withStatus(l, on))
    .filter((l) => l.status === 'planned' || l.status === 'overdue');
  const overdue = open.filter((l) => l.status === 'overdue');
  const names = [...new Set([...recorded, ...made, ...overdue].map((l) => l.serviceArea))].sort((a, b) =>
    a.localeCompare(b),
  );
  return {
    year,
    from,
    to,
    asOf: on,
    lessonsRecorded: recorded.length,
    improvementActionsSet: recorded.filter((l) => withStatus(l, on).status !== null).length,
    improvementsMade: made,
    /** Actions not made by then, overdue or not. */
    outstanding: open.length,
    overdue,
    byServiceArea: names.map((serviceArea) => ({
      serviceArea,
      lessonsRecorded: recorded.filter((l) => l.serviceArea === serviceArea).length,
      improvementsMade: made.filter((l) => l.serviceArea === serviceArea).length,
      overdue: overdue.filter((l) => l.serviceArea === serviceArea).length,
    })),
  };
}
