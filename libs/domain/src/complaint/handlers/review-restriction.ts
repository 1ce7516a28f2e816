import { isRuleViolation } from '../../decider';
import { complaintRules, violation } from '../rules';
import {
  checkReviewDate,
  mustBeManager,
  notBeforeLastDecision,
  restrictionInPlace,
} from '../restrictions/restriction-checks';
import type { CommandHandler } from './command-handler';
import { withoutUndefined } from './command-handler';

/**
 * A manager's review of a restriction: it continues, as it is or with varied terms, until a next
 * review within the maximum period. A restriction whose review date has passed may still be
 * reviewed (that is how it applies again), and so may one on an ended complaint.
 */
export const reviewRestriction: CommandHandler<'ReviewRestriction'> = {
  allowedOnceEnded: true,
  occurredAt: (command) => command.data.reviewedAt,
  decide({ data, actor, now }, complaint) {
    const notManager = mustBeManager(actor);
    if (notManager) return notManager;
    const restriction = restrictionInPlace(complaint, data.restrictionId);
    if (isRuleViolation(restriction)) return restriction;
    const early = notBeforeLastDecision(data.reviewedAt, restriction);
    if (early) return early;
    if (data.outcome === 'varied' && data.terms === undefined)
      return violation(complaintRules.restrictionVariedNeedsTerms);
    const badDate = checkReviewDate(data.nextReviewDue, data.reviewedAt, now);
    if (badDate) return badDate;
    return [
      {
        type: 'RestrictionReviewed',
        data: withoutUndefined({
          occurredAt: data.reviewedAt,
          restrictionId: restriction.restrictionId,
          outcome: data.outcome,
          terms: data.outcome === 'varied' ? data.terms : undefined,
          notes: data.notes,
          reviewedBy: { id: actor.id, name: actor.name },
          nextReviewDue: data.nextReviewDue,
        }),
      },
    ];
  },
};
