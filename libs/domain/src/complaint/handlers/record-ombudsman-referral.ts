import { complaintRules, violation } from '../rules';
import type { CommandHandler } from './command-handler';

/** The Housing Ombudsman is investigating: one referral per complaint. */
export const recordOmbudsmanReferral: CommandHandler<'RecordOmbudsmanReferral'> = {
  allowedOnceEnded: true,
  occurredAt: (command) => command.data.referredAt,
  decide({ data }, complaint) {
    if (complaint.ombudsman !== null) {
      return violation(
        complaintRules.ombudsmanReferralAlreadyRecorded,
        `It was recorded ${complaint.ombudsman.referredAt}.`,
      );
    }
    return [
      {
        type: 'OmbudsmanReferralRecorded',
        data: { occurredAt: data.referredAt, ombudsmanReference: data.ombudsmanReference },
      },
    ];
  },
};
