import { complaintRules, violation } from '../rules';
import { checkReviewDate, mustBeManager } from '../restrictions/restriction-checks';
import type { CommandHandler } from './command-handler';
import { withoutUndefined } from './command-handler';

/**
 * A restriction on how the resident contacts the landlord, for unreasonable behaviour (docs/
 * domain.md, "Restrictions"): approved by a complaints manager (the actor), with a reason and a
 * review date. Numbered within the complaint ('R1', 'R2'…). It limits contact only: no rule of
 * the complaint process consults it, because a restriction must never stop the resident using
 * the complaints procedure. Only while the complaint is open: once it has ended there is no
 * contact about it left to manage (its restrictions can still be reviewed and lifted).
 */
export const imposeRestriction: CommandHandler<'ImposeRestriction'> = {
  allowedOnceEnded: false,
  occurredAt: (command) => command.data.imposedAt,
  decide({ data, actor, now }, complaint) {
    const notManager = mustBeManager(actor);
    if (notManager) return notManager;
    const same = complaint.restrictions.find((r) => r.kind === data.kind && r.liftedAt === null);
    if (same)
      return violation(
        complaintRules.restrictionAlreadyInPlace,
        `${same.restrictionId} is a ${data.kind.replace(/_/g, ' ')} restriction, review due ${same.reviewDue}.`,
      );
    const badDate = checkReviewDate(data.reviewDue, data.imposedAt, now);
    if (badDate) return badDate;
    return [
      {
        type: 'RestrictionImposed',
        data: withoutUndefined({
          occurredAt: data.imposedAt,
          restrictionId: `R${complaint.restrictions.length + 1}`,
          kind: data.kind,
          reason: data.reason,
          terms: data.terms,
          approvedBy: { id: actor.id, name: actor.name },
          reviewDue: data.reviewDue,
        }),
      },
    ];
  },
};
