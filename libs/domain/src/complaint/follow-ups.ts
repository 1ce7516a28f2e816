import type { CalendarDate } from '@complaints/contracts';
import type { WorkingDayCalendar } from '../calendar';
import type { ComplaintState } from './state';

/**
 * The dated follow-ups a case carries besides its Code deadlines (docs/domain.md, "Follow-ups"):
 * a reasonable adjustment's review, the update the resident was promised, a restriction's review.
 * Each is a date the team committed to; the attention queue lists it as `<reason>_overdue` once
 * the date has passed and `<reason>_due_soon` within the due-soon window, like a milestone.
 */
export type FollowUpReason = 'adjustment_review' | 'update' | 'restriction_review';

export const FOLLOW_UP_REASONS: readonly FollowUpReason[] = ['adjustment_review', 'update', 'restriction_review'];

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

const sources: readonly FollowUpSource[] = [];

/** Every follow-up the case carries now, in the order of the sources, then as each source lists them. */
export function followUpsOf(state: ComplaintState, calendar: WorkingDayCalendar): FollowUp[] {
  return sources.flatMap((source) => source(state, calendar));
}
