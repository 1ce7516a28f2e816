import type { OmbudsmanOrder } from '@complaints/contracts';
import { complaintRules, violation } from '../rules';
import { notBefore } from './chronology';
import type { CommandHandler } from './command-handler';
import { sameOmbudsmanReference } from './ombudsman-reference';

type OrderAsGiven = { orderId?: string | undefined; description: string; dueBy: string };

/**
 * Orders keep the id the Ombudsman gave them; the others are numbered 'O1', 'O2'… in order,
 * skipping any number already taken, so compliance can name each order.
 */
function withOrderIds(orders: readonly OrderAsGiven[]): OmbudsmanOrder[] {
  const taken = new Set(orders.flatMap((o) => (o.orderId ? [o.orderId] : [])));
  let next = 1;
  return orders.map((order) => {
    if (order.orderId) return { orderId: order.orderId, description: order.description, dueBy: order.dueBy };
    while (taken.has(`O${next}`)) next++;
    const orderId = `O${next}`;
    taken.add(orderId);
    return { orderId, description: order.description, dueBy: order.dueBy };
  });
}

export const recordOmbudsmanDetermination: CommandHandler<'RecordOmbudsmanDetermination'> = {
  allowedOnceEnded: true,
  occurredAt: (command) => command.data.determinedAt,
  decide({ data }, complaint) {
    const referral = complaint.ombudsman;
    if (referral === null) return violation(complaintRules.ombudsmanReferralRequired);
    if (referral.determination !== null) {
      return violation(
        complaintRules.ombudsmanDeterminationAlreadyRecorded,
        `It was recorded ${referral.determination.determinedAt}.`,
      );
    }
    if (!sameOmbudsmanReference(referral.reference, data.ombudsmanReference)) {
      return violation(
        complaintRules.ombudsmanReferenceMismatch,
        `The referral is ${referral.reference}; the determination names ${data.ombudsmanReference}.`,
      );
    }
    const early = notBefore(data.determinedAt, referral.referredAt, 'the Ombudsman referral');
    if (early) return early;
    const given = data.orders.flatMap((o) => (o.orderId ? [o.orderId] : []));
    if (new Set(given).size !== given.length) return violation(complaintRules.ombudsmanOrderIdsNotUnique);
    return [
      {
        type: 'OmbudsmanDeterminationRecorded',
        data: {
          occurredAt: data.determinedAt,
          ombudsmanReference: referral.reference,
          findings: data.findings.map((f) => ({ element: f.element, finding: f.finding })),
          orders: withOrderIds(data.orders),
        },
      },
    ];
  },
};
