import type { WorkingDayCalendar } from '../../calendar/working-day-calendar';
import type { FollowUp } from '../follow-ups';
import type { ComplaintState } from '../state';
import { activeAdjustments } from './circumstances-record';
import { nextUpdateDueOf } from './keeping-informed';

/** The dated follow-ups circumstances ask for, while the complaint is open: adjustment reviews and the next update. */
export function circumstancesFollowUpsOf(state: ComplaintState, calendar: WorkingDayCalendar): FollowUp[] {
  if (state.status !== 'open') return [];
  const reviews = activeAdjustments(state.circumstances).flatMap((a) =>
    a.reviewDue === null ? [] : [{ reason: 'adjustment_review' as const, due: a.reviewDue, ref: a.adjustmentId }],
  );
  const update = nextUpdateDueOf(state, calendar);
  return update === null ? reviews : [...reviews, { reason: 'update', due: update, ref: null }];
}
