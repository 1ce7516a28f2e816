import { complaintRules, violation } from '../rules';
import { firstResponseAt } from '../state';
import { notBefore } from './chronology';
import { withoutUndefined, type CommandHandler } from './command-handler';

/** Compensation is paid on what a stage response (or later the Ombudsman) awarded. */
export const recordCompensationPayment: CommandHandler<'RecordCompensationPayment'> = {
  allowedOnceEnded: true,
  occurredAt: (command) => command.data.paidAt,
  decide({ data }, complaint) {
    const responded = firstResponseAt(complaint);
    if (responded === null) return violation(complaintRules.needsStageResponse);
    const early = notBefore(data.paidAt, responded, 'the first stage response');
    if (early) return early;
    const { paidAt, ...payment } = data;
    return [{ type: 'CompensationPaid', data: withoutUndefined({ occurredAt: paidAt, ...payment }) }];
  },
};
