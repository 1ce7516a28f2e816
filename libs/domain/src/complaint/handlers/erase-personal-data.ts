import { legalHoldOf } from '../legal-hold';
import { complaintRules, violation } from '../rules';
import { notBefore } from './chronology';
import { withoutUndefined, type CommandHandler } from './command-handler';

/**
 * Crypto-shredding is irreversible, so it waits until the case has ended and no Ombudsman
 * case needs the personal data. The event names the data subject whose key is destroyed.
 */
export const erasePersonalData: CommandHandler<'ErasePersonalData'> = {
  allowedOnceEnded: true,
  occurredAt: (command) => command.data.erasedAt,
  decide({ data }, complaint) {
    if (complaint.personalDataErased !== null) {
      return violation(
        complaintRules.personalDataAlreadyErased,
        `It was erased ${complaint.personalDataErased.erasedAt}.`,
      );
    }
    if (complaint.endedAt === null) return violation(complaintRules.erasureNeedsEndedComplaint);
    // Only the approval checks that the schedule has run out: this route cannot claim it.
    if (data.basis === 'retention_schedule') return violation(complaintRules.retentionErasureNeedsApproval);
    const hold = legalHoldOf(complaint);
    if (hold !== null) return violation(complaintRules.erasureUnderLegalHold, hold);
    const early = notBefore(data.erasedAt, complaint.endedAt, `the end of the complaint`);
    if (early) return early;
    return [
      {
        type: 'PersonalDataErased',
        data: withoutUndefined({
          occurredAt: data.erasedAt,
          dataSubjectId: complaint.dataSubjectId,
          basis: data.basis,
          reason: data.reason,
        }),
      },
    ];
  },
};
