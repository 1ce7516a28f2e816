import type { AuthorityBasis, CalendarDate, Instant } from '@complaints/contracts';
import type { RuleViolation } from '../../decider';
import { toLondonDate } from '../../calendar/london-date';
import { isAfter } from '../instants';
import { complaintRules, violation } from '../rules';
import { isReceived, type ComplaintState } from '../state';

/** The representative's authority in force at one moment. */
export interface CurrentAuthority {
  readonly basis: AuthorityBasis;
  readonly confirmedAt: Instant;
  readonly expiresOn: CalendarDate | null;
  /** Staff id; null for authority confirmed at receipt. */
  readonly confirmedBy: string | null;
}

/**
 * The representative's authority to act for the resident at `at`, or null when there is none
 * then: the latest grant confirmed by then, not withdrawn by then, whose expiry date (London) is
 * not past. Steps may be back-dated, so this reads the whole history, not just the last grant.
 */
export function representativeAuthorityOf(state: ComplaintState, at: Instant): CurrentAuthority | null {
  if (!isReceived(state)) return null;
  const day = toLondonDate(at);
  const current = state.casework.representative.grants.filter(
    (g) =>
      !isAfter(g.confirmedAt, at) &&
      (g.withdrawnAt === null || isAfter(g.withdrawnAt, at)) &&
      (g.expiresOn === null || day <= g.expiresOn),
  );
  const grant = current.reduce<(typeof current)[number] | null>(
    (best, g) => (best === null || !isAfter(best.confirmedAt, g.confirmedAt) ? g : best),
    null,
  );
  return (
    grant && {
      basis: grant.basis,
      confirmedAt: grant.confirmedAt,
      expiresOn: grant.expiresOn,
      confirmedBy: grant.confirmedBy,
    }
  );
}

/**
 * Contact with, or a letter to, the representative needs their authority current at that time.
 * For the letters: call it with the letter's `sentAt` when it is sent to the representative.
 */
export function checkRepresentativeAuthority(state: ComplaintState, at: Instant): RuleViolation | null {
  return representativeAuthorityOf(state, at)
    ? null
    : violation(complaintRules.contactWithRepresentativeNeedsAuthority, `None is recorded for ${at}.`);
}
