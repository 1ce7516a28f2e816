import type { Actor, CalendarDate, Instant } from '@complaints/contracts';
import type { RuleViolation } from '../../decider';
import { toLondonDate } from '../../calendar/london-date';
import { notBefore } from '../handlers/chronology';
import { complaintRules, violation } from '../rules';
import type { ReceivedComplaint } from '../state';
import type { RestrictionRecord } from './restriction-record';
import { addCalendarMonths, MAX_RESTRICTION_REVIEW_MONTHS } from './restriction-status';

/**
 * A restriction is a manager's decision (Salix §29-34; docs/domain.md, "Restrictions"): the API
 * lets only managers call these routes, and the domain checks it again on the command's actor,
 * so no other way in (a page form, a script) can record one in an officer's name.
 */
export function mustBeManager(actor: Actor): RuleViolation | null {
  return actor.role === 'complaints_manager'
    ? null
    : violation(complaintRules.restrictionNeedsManager, `It was asked by a ${actor.role.replace(/_/g, ' ')}.`);
}

/** A review date is after today (the command's `now`, in London) and within the maximum period from the decision's date. */
export function checkReviewDate(reviewDue: CalendarDate, decidedAt: Instant, now: Instant): RuleViolation | null {
  const today = toLondonDate(now);
  if (reviewDue <= today)
    return violation(
      complaintRules.restrictionReviewNotInFuture,
      `The review date given is ${reviewDue}; today is ${today}.`,
    );
  const latest = addCalendarMonths(toLondonDate(decidedAt), MAX_RESTRICTION_REVIEW_MONTHS);
  if (reviewDue > latest)
    return violation(
      complaintRules.restrictionReviewTooFar,
      `The review date given is ${reviewDue}; the latest allowed is ${latest}.`,
    );
  return null;
}

/** The restriction a review or lifting is about: imposed on this complaint and not lifted (a lapsed one still counts). */
export function restrictionInPlace(
  complaint: ReceivedComplaint,
  restrictionId: string,
): RestrictionRecord | RuleViolation {
  const found = complaint.restrictions.find((r) => r.restrictionId === restrictionId && r.liftedAt === null);
  if (found) return found;
  const inPlace = complaint.restrictions.filter((r) => r.liftedAt === null).map((r) => r.restrictionId);
  return violation(complaintRules.restrictionNotInPlace, `Restrictions in place: ${inPlace.join(', ') || 'none'}.`);
}

/** A review or lifting is not dated before the restriction's last decision: its last review, or its imposition. */
export function notBeforeLastDecision(at: Instant, restriction: RestrictionRecord): RuleViolation | null {
  const last = restriction.reviews.at(-1);
  return notBefore(at, last?.reviewedAt ?? restriction.imposedAt, last ? 'its last review' : 'it was imposed');
}
