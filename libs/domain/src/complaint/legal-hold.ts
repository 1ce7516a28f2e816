import { describeHold, holdsOf } from './retention/retention-schedule';
import type { ReceivedComplaint } from './state';

/**
 * Why the complaint's personal data must be kept for now, or null when nothing holds it: an
 * open Ombudsman case (from the referral until the determination, and after it until every
 * order has been complied with: the landlord must be able to evidence the case), or a legal hold
 * placed for a claim, litigation or an investigation.
 */
export function legalHoldOf(complaint: ReceivedComplaint): string | null {
  const holds = holdsOf(complaint.retention);
  return holds.length === 0 ? null : holds.map(describeHold).join(' ');
}
