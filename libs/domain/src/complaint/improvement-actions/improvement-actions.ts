import type { CalendarDate, Instant } from '@complaints/contracts';
import { toLondonDate } from '../../calendar/london-date';
import type { RuleViolation } from '../../decider';
import type { FollowUp } from '../follow-ups';
import { complaintRules, violation } from '../rules';
import type { ComplaintState, LessonRecord, ReceivedComplaint } from '../state';

/**
 * Where a lesson's improvement action stands on a date (docs/domain.md, "Improvement actions"):
 * `made` once its completion is recorded (on or before that date), `overdue` once its due date
 * has passed without one, `planned` otherwise (with or without a due date). A lesson without an
 * improvement action has no status.
 */
export type ImprovementActionStatus = 'planned' | 'overdue' | 'made';

export const IMPROVEMENT_ACTION_STATUSES: readonly ImprovementActionStatus[] = ['planned', 'overdue', 'made'];

export function improvementActionStatusOf(
  action: { hasImprovementAction: boolean; dueBy: CalendarDate | null; madeOn: CalendarDate | null },
  asOf: CalendarDate,
): ImprovementActionStatus | null {
  if (!action.hasImprovementAction) return null;
  if (action.madeOn !== null && action.madeOn <= asOf) return 'made';
  if (action.dueBy !== null && action.dueBy < asOf) return 'overdue';
  return 'planned';
}

/** The lesson by id, with an improvement action (or a due date) that is not yet made: or the rule that says why not. */
export function openImprovementAction(complaint: ReceivedComplaint, lessonId: string): LessonRecord | RuleViolation {
  const lesson = complaint.lessons.find((l) => l.lessonId === lessonId);
  if (!lesson) return violation(complaintRules.lessonUnknown, `Unknown lesson id: ${lessonId}.`);
  // A due date stands for an action: lessons recorded with a date and no action (before the due-date rule) can be followed up and closed off too.
  if (lesson.improvementAction === null && lesson.dueBy === null)
    return violation(complaintRules.lessonHasNoImprovementAction, `${lessonId} has no improvement action.`);
  if (lesson.completion !== null) {
    return violation(
      complaintRules.improvementActionAlreadyCompleted,
      `${lessonId}'s improvement action was recorded as made ${lesson.completion.completedAt}.`,
    );
  }
  return lesson;
}

/** A due date no earlier than the (London) day of the step that sets it. */
export function dueNotBefore(dueBy: CalendarDate, at: Instant): RuleViolation | null {
  const day = toLondonDate(at);
  return dueBy < day
    ? violation(complaintRules.improvementActionDueBeforePlanned, `It is due ${dueBy}, before ${day}.`)
    : null;
}

/**
 * Every lesson's improvement action with a due date and not yet made is a follow-up due on that
 * date, by lesson id: the attention queue lists it as improvement_action_due_soon, then
 * improvement_action_overdue. Closed, withdrawn or refused complaints included: closing a
 * complaint does not end an organisational action. A lesson with a due date counts as having an
 * action (the decider refuses a due date without one, and lets one recorded before that rule be
 * planned and completed), so this reads the state folded from redacted events too, where the
 * action's text is left out.
 */
export function improvementActionFollowUps(state: ComplaintState): readonly FollowUp[] {
  if (state.status === 'not_received') return [];
  return state.lessons
    .filter((l) => l.dueBy !== null && l.completion === null)
    .map((l) => ({ reason: 'improvement_action' as const, due: l.dueBy as CalendarDate, ref: l.lessonId }));
}
