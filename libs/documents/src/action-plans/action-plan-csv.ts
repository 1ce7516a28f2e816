import type { ActionPlan, PlannableLesson, WithStatus } from '@complaints/reporting';
import { toCsv } from '../csv/csv';

/** What a row of the action plan CSV may show: a panel's plan has no owner, reference or evidence. */
type ActionPlanRowLesson = PlannableLesson & {
  lesson: string;
  rootCause: string | null;
  whatChanged: string | null;
  reference?: string;
  owner?: string | null;
  evidence?: string | null;
};

/**
 * The quarterly action plan as CSV: one row per lesson of the quarter and per action carried over
 * (`in_quarter` / `carried_over`), by service area, with the columns the plan's audience may
 * read (the reference, owner and evidence columns only when the plan has them: never a panel's).
 */
export function actionPlanCsv<T extends ActionPlanRowLesson>(plan: ActionPlan<T>): string {
  const lessons = plan.serviceAreas.flatMap((area) => [...area.lessons, ...area.carriedOver]);
  const named = lessons.some((l) => l.reference !== undefined);
  const header = [
    'quarter',
    'service_area',
    'row',
    'lesson_id',
    ...(named ? ['reference'] : []),
    'recorded_on',
    'lesson',
    'root_cause',
    'improvement_action',
    ...(named ? ['owner'] : []),
    'due_by',
    'status',
    'made_on',
    'what_changed',
    ...(named ? ['evidence'] : []),
  ];
  const row = (kind: 'in_quarter' | 'carried_over', l: WithStatus<T>) => [
    plan.quarter,
    l.serviceArea,
    kind,
    l.lessonId,
    ...(named ? [l.reference ?? null] : []),
    l.recordedOn,
    l.lesson,
    l.rootCause,
    l.improvementAction,
    ...(named ? [l.owner ?? null] : []),
    l.dueBy,
    l.status,
    l.madeOn,
    l.whatChanged,
    ...(named ? [l.evidence ?? null] : []),
  ];
  return toCsv(
    header,
    plan.serviceAreas.flatMap((area) => [
      ...area.lessons.map((l) => row('in_quarter', l)),
      ...area.carriedOver.map((l) => row('carried_over', l)),
    ]),
  );
}
