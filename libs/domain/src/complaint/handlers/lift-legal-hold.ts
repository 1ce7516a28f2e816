import { complaintRules, violation } from '../rules';
import { notBefore } from './chronology';
import type { CommandHandler } from './command-handler';

/** Lifting a hold lets an erasure that is due go ahead; it never restarts the retention period. */
export const liftLegalHold: CommandHandler<'LiftLegalHold'> = {
  allowedOnceEnded: true,
  occurredAt: (command) => command.data.liftedAt,
  decide({ data, actor }, complaint) {
    const hold = complaint.retention.holds.find((h) => h.holdId === data.holdId);
    if (!hold)
      return violation(
        complaintRules.legalHoldNotInPlace,
        `Holds in place: ${complaint.retention.holds.map((h) => h.holdId).join(', ') || 'none'}.`,
      );
    const early = notBefore(data.liftedAt, hold.placedAt, `the hold was placed`);
    if (early) return early;
    return [{ type: 'LegalHoldLifted', data: { occurredAt: data.liftedAt, holdId: hold.holdId, liftedBy: actor.id } }];
  },
};
