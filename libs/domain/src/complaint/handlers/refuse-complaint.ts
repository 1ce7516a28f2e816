import { complaintRules, violation } from '../rules';
import { firstResponseAt } from '../state';
import { withoutUndefined, type CommandHandler } from './command-handler';
import { checkRefusalIsTrue, statedIssueDate } from './refusal-grounds';

/**
 * Refusal (an exclusion ground) is a decision not to take the complaint on, so it comes
 * before any stage response; once a response has been issued the complaint was accepted. Its
 * ground must be true to the facts, and the resident is told of the Ombudsman referral right.
 */
export const refuseComplaint: CommandHandler<'RefuseComplaint'> = {
  allowedOnceEnded: false,
  occurredAt: (command) => command.data.refusedAt,
  decide({ data }, complaint) {
    const responded = firstResponseAt(complaint);
    if (responded !== null)
      return violation(complaintRules.refusalAfterResponse, `A response was issued ${responded}.`);
    const untrue = checkRefusalIsTrue(complaint, data);
    if (untrue) return untrue;
    return [
      {
        type: 'ComplaintRefused',
        data: withoutUndefined({
          occurredAt: data.refusedAt,
          ground: data.ground,
          explanation: data.explanation,
          ombudsmanReferralRightGiven: data.ombudsmanReferralRightGiven,
          issueKnownSince: statedIssueDate(complaint, data),
        }),
      },
    ];
  },
};
