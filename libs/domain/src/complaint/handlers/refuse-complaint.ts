import { complaintRules, violation } from '../rules';
import { firstResponseAt } from '../state';
import type { CommandHandler } from './command-handler';

/**
 * Refusal (an exclusion ground) is a decision not to take the complaint on, so it comes
 * before any stage response; once a response has been issued the complaint was accepted.
 */
export const refuseComplaint: CommandHandler<'RefuseComplaint'> = {
  allowedOnceEnded: false,
  occurredAt: (command) => command.data.refusedAt,
  decide({ data }, complaint) {
    const responded = firstResponseAt(complaint);
    if (responded !== null) return violation(complaintRules.refusalAfterResponse, `A response was issued ${responded}.`);
    return [
      {
        type: 'ComplaintRefused',
        data: {
          occurredAt: data.refusedAt,
          ground: data.ground,
          explanation: data.explanation,
          ombudsmanReferralRightGiven: data.ombudsmanReferralRightGiven,
        },
      },
    ];
  },
};
