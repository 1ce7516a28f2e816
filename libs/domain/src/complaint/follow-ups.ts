import type { CalendarDate } from '@complaints/contracts';
import type { WorkingDayCalendar } from '../calendar';
import { circumstancesFollowUpsOf } from './circumstances/follow-ups';
import type { ComplaintState } from './state';
import { improvementActionFollowUps } from './improvement-actions/improvement-actions';
import { restrictionReviewFollowUps } from './restrictions/restriction-follow-ups';

/**
 * The dated follow-ups a case carries besides its Code deadlines (docs/domain.md, "Follow-ups"):
 * a reasonable adjustment's review, the update the resident was promised, a restriction's review,
 * a lesson's improvement action.
 * Each is a date the team committed to; the attention queue lists it as `<reason>_overdue` once
 * the date has passed and `<reason>_due_soon` within the due-soon window, like a milestone.
 */
export type FollowUpReason = 'adjustment_review' | 'update' | 'restriction_review' | 'improvement_action';

export const FOLLOW_UP_REASONS: readonly FollowUpReason[] = [
  'adjustment_review',
  'update',
  'restriction_review',
  'improvement_action',
];

export interface FollowUp {
  readonly reason: FollowUpReason;
  /** The London date it is due on: overdue from the next day. */
  readonly due: CalendarDate;
  /** What it is about within the complaint (an adjustment's or restriction's id); null when the case itself. */
  readonly ref: string | null;
}

/**
 * One source per reason, each reading only the state: a capability adds its follow-up by adding a
 * source here, and the case facts, the attention queue (SQL and its reference fold) and the case
 * page all list it with no other change.
 */
type FollowUpSource = (state: ComplaintState, calendar: WorkingDayCalendar) => readonly FollowUp[];

const sources: readonly FollowUpSource[] = [
  // Each restriction in place is due for review on its review date; lapsed ones stay listed, overdue, until reviewed or lifted.
  restrictionReviewFollowUps,
  // Reasonable adjustments' reviews and the next update due (docs/domain.md, "Circumstances").
  circumstancesFollowUpsOf,
  // Each lesson's improvement action due and not yet made, closed complaints included (docs/domain.md, "Improvement actions").
  improvementActionFollowUps,
];

/** Every follow-up the case carries now, in the order of the sources, then as each source lists them. */
export function followUpsOf(state: ComplaintState, calendar: WorkingDayCalendar): FollowUp[] {
  return sources.flatMap((source) => source(state, calendar));
}
