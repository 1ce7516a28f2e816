import { complaintRules, violation } from '../rules';
import { notBefore } from './chronology';
import type { CommandHandler } from './command-handler';

export const recordOmbudsmanOrderCompliance: CommandHandler<'RecordOmbudsmanOrderCompliance'> = {
  allowedOnceEnded: true,
  occurredAt: (command) => command.data.compliedAt,
  decide({ data }, complaint) {
    const determination = complaint.ombudsman?.determination;
    const order = determination?.orders.find((o) => o.orderId === data.orderId);
    if (!determination || !order) {
      return violation(complaintRules.ombudsmanOrderUnknown, `Unknown order id: ${data.orderId}.`);
    }
    if (order.compliedAt !== null) {
      return violation(
        complaintRules.ombudsmanOrderAlreadyComplied,
        `${order.orderId} was complied with ${order.compliedAt}.`,
      );
    }
    const early = notBefore(data.compliedAt, determination.determinedAt, 'the Ombudsman determination');
    if (early) return early;
    return [
      {
        type: 'OmbudsmanOrderComplied',
        data: { occurredAt: data.compliedAt, orderId: order.orderId, evidence: data.evidence },
      },
    ];
  },
};
