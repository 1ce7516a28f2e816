import { toLondonDate } from '../../calendar/london-date';
import { withoutUndefined, type CommandHandler } from '../handlers/command-handler';
import { violation } from '../rules';
import { activeAdjustments } from './circumstances-record';
import { circumstancesRules } from './circumstances-rules';
import { checkReviewDue } from './review-date';

/**
 * A review continues an adjustment (next review date), changes it (its new words and next review
 * date) or ends it. The review date is the London date of `reviewedAt`. While the complaint is
 * open: once it has ended no adjustment is acted on, so none is reviewed.
 */
export const reviewReasonableAdjustment: CommandHandler<'ReviewReasonableAdjustment'> = {
  allowedOnceEnded: false,
  occurredAt: (command) => command.data.reviewedAt,
  decide({ data, actor }, complaint) {
    const adjustment = activeAdjustments(complaint.circumstances).find((a) => a.adjustmentId === data.adjustmentId);
    if (!adjustment) return violation(circumstancesRules.adjustmentNotActive);
    const reviewedOn = toLondonDate(data.reviewedAt);
    if (reviewedOn < adjustment.lastDecidedOn) {
      return violation(
        circumstancesRules.adjustmentReviewedBeforeAgreed,
        `It says ${reviewedOn}; last decided ${adjustment.lastDecidedOn}.`,
      );
    }
    const ending = data.outcome === 'ended';
    if (ending !== (data.nextReviewDue === undefined))
      return violation(circumstancesRules.adjustmentReviewNeedsNextDate);
    if ((data.outcome === 'changed') !== (data.adjustment !== undefined))
      return violation(circumstancesRules.adjustmentChangeNeedsWords);
    if (data.nextReviewDue !== undefined) {
      const dateCheck = checkReviewDue(data.nextReviewDue, reviewedOn);
      if (dateCheck) return dateCheck;
    }
    return [
      {
        type: 'ReasonableAdjustmentReviewed',
        data: withoutUndefined({
          occurredAt: data.reviewedAt,
          adjustmentId: data.adjustmentId,
          reviewedOn,
          outcome: data.outcome,
          nextReviewDue: data.nextReviewDue,
          adjustment: data.adjustment,
          notes: data.notes,
          reviewedBy: actor.id,
        }),
      },
    ];
  },
};
