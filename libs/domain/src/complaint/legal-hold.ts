import type { ReceivedComplaint } from './state';

/**
 * Why the complaint's personal data must be kept for now, or null when nothing holds it.
 * An Ombudsman case is open from the referral until the determination, and after it until
 * every order has been complied with: the landlord must be able to evidence the case.
 */
export function legalHoldOf(complaint: ReceivedComplaint): string | null {
  const ombudsman = complaint.ombudsman;
  if (ombudsman === null) return null;
  if (ombudsman.determination === null) return `Ombudsman case ${ombudsman.reference} has no determination yet.`;
  const outstanding = ombudsman.determination.orders.filter((order) => order.compliedAt === null);
  if (outstanding.length > 0) {
    return `Ombudsman order(s) ${outstanding.map((o) => o.orderId).join(', ')} not yet complied with.`;
  }
  return null;
}
