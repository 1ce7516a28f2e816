import { toLondonDate } from '../../calendar/london-date';
import type { CommandHandler } from '../handlers/command-handler';
import { violation } from '../rules';
import { activeAdjustments } from './circumstances-record';
import { circumstancesRules, MAX_ACTIVE_ADJUSTMENTS } from './circumstances-rules';
import { checkReviewDue } from './review-date';

/**
 * Numbered within the complaint ('RA1', 'RA2'…), never reused; only while the complaint is open.
 * One adjustment of each kind at a time (except `other`): a change to it is a review.
 */
export const agreeReasonableAdjustment: CommandHandler<'AgreeReasonableAdjustment'> = {
  allowedOnceEnded: false,
  occurredAt: (command) => command.data.agreedAt,
  decide({ data, actor }, complaint) {
    const active = activeAdjustments(complaint.circumstances);
    if (active.length >= MAX_ACTIVE_ADJUSTMENTS) return violation(circumstancesRules.tooManyActiveAdjustments);
    const same = data.kind !== 'other' && active.find((a) => a.kind === data.kind);
    if (same) return violation(circumstancesRules.adjustmentKindAlreadyAgreed, `It is ${same.adjustmentId}.`);
    const conflicting = data.kind === 'phone_only' ? 'email_only' : data.kind === 'email_only' ? 'phone_only' : null;
    const conflict = conflicting && active.find((a) => a.kind === conflicting);
    if (conflict) return violation(circumstancesRules.contactAdjustmentsConflict, `It is ${conflict.adjustmentId}.`);
    const dateCheck = checkReviewDue(data.reviewDue, toLondonDate(data.agreedAt));
    if (dateCheck) return dateCheck;
    return [
      {
        type: 'ReasonableAdjustmentAgreed',
        data: {
          occurredAt: data.agreedAt,
          adjustmentId: `RA${complaint.circumstances.adjustments.length + 1}`,
          kind: data.kind,
          adjustment: data.adjustment,
          reviewDue: data.reviewDue,
          agreedBy: actor.id,
        },
      },
    ];
  },
};
