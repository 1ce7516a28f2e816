import { complaintRules, violation } from '../rules';
import type { CommandHandler } from './command-handler';

/**
 * A hold for a claim, litigation or an investigation keeps the personal data past its retention
 * period (UK GDPR art. 17(3)(e): needed for legal claims). It may be placed at any point of the
 * complaint's life, open or ended, but not once there is nothing left to keep. Holds are
 * numbered within the complaint ('LH1', 'LH2'…), never reused.
 */
export const placeLegalHold: CommandHandler<'PlaceLegalHold'> = {
  allowedOnceEnded: true,
  occurredAt: (command) => command.data.placedAt,
  decide({ data, actor }, complaint) {
    if (complaint.personalDataErased !== null) {
      return violation(
        complaintRules.legalHoldOnErasedComplaint,
        `It was erased ${complaint.personalDataErased.erasedAt}.`,
      );
    }
    return [
      {
        type: 'LegalHoldPlaced',
        data: {
          occurredAt: data.placedAt,
          holdId: `LH${complaint.retention.holdsPlaced + 1}`,
          category: data.category,
          placedBy: actor.id,
        },
      },
    ];
  },
};
