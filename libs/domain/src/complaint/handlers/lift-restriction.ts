import { isRuleViolation } from '../../decider';
import { mustBeManager, restrictionInPlace } from '../restrictions/restriction-checks';
import { notBefore } from './chronology';
import type { CommandHandler } from './command-handler';
import { withoutUndefined } from './command-handler';

/** A manager lifts a restriction, lapsed or not, on an open or an ended complaint; once. */
export const liftRestriction: CommandHandler<'LiftRestriction'> = {
  allowedOnceEnded: true,
  occurredAt: (command) => command.data.liftedAt,
  decide({ data, actor }, complaint) {
    const notManager = mustBeManager(actor);
    if (notManager) return notManager;
    const restriction = restrictionInPlace(complaint, data.restrictionId);
    if (isRuleViolation(restriction)) return restriction;
    const early = notBefore(data.liftedAt, restriction.reviews.at(-1)?.reviewedAt ?? restriction.imposedAt, restriction.reviews.length ? 'its last review' : 'it was imposed');
    if (early) return early;
    return [
      {
        type: 'RestrictionLifted',
        data: withoutUndefined({ occurredAt: data.liftedAt, restrictionId: restriction.restrictionId, reason: data.reason, liftedBy: { id: actor.id, name: actor.name } }),
      },
    ];
  },
};
