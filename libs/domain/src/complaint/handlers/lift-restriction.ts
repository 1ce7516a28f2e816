import { isRuleViolation } from '../../decider';
import { mustBeManager, notBeforeLastDecision, restrictionInPlace } from '../restrictions/restriction-checks';
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
    const early = notBeforeLastDecision(data.liftedAt, restriction);
    if (early) return early;
    return [
      {
        type: 'RestrictionLifted',
        data: withoutUndefined({
          occurredAt: data.liftedAt,
          restrictionId: restriction.restrictionId,
          reason: data.reason,
          liftedBy: { id: actor.id, name: actor.name },
        }),
      },
    ];
  },
};
