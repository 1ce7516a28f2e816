import type { FollowUp } from '../follow-ups';
import type { ComplaintState } from '../state';

/**
 * The review of every restriction in place (not lifted), due on its review date, by restriction
 * id (docs/domain.md, "Restrictions"): the attention queue lists it as restriction_review_due_soon
 * and then restriction_review_overdue — when, unreviewed, the restriction no longer applies.
 */
export function restrictionReviewFollowUps(state: ComplaintState): readonly FollowUp[] {
  if (state.status === 'not_received') return [];
  return state.restrictions
    .filter((r) => r.liftedAt === null)
    .map((r) => ({ reason: 'restriction_review' as const, due: r.reviewDue, ref: r.restrictionId }));
}
