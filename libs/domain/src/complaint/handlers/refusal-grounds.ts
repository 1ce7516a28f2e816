import type { CalendarDate, RefusalGround } from '@complaints/contracts';
import { toLondonDate } from '../../calendar/london-date';
import type { RuleViolation } from '../../decider';
import { complaintRules, violation } from '../rules';
import type { ReceivedComplaint } from '../state';

/** What a refusal (of a complaint, or of an escalation) asserts. */
export interface RefusalAsStated {
  readonly ground: RefusalGround;
  readonly ombudsmanReferralRightGiven: boolean;
  /** The date the landlord established, when the receipt recorded none. */
  readonly issueKnownSince?: CalendarDate | undefined;
}

/** The same day a year earlier (29 February becomes 28 February). ISO dates compare as strings. */
export function twelveMonthsBefore(date: CalendarDate): CalendarDate {
  const [year = '', month = '', day = ''] = date.split('-');
  const earlier = String(Number(year) - 1).padStart(4, '0');
  return `${earlier}-${month}-${month === '02' && day === '29' ? '28' : day}`;
}

/**
 * Was the issue known at least 12 months before the complaint was received (the 12-month
 * exclusion of Code section 2)? null when no date is known.
 */
export function knownTwelveMonthsBeforeReceipt(
  complaint: ReceivedComplaint,
  knownSince: CalendarDate | null,
): boolean | null {
  if (knownSince === null) return null;
  return knownSince <= twelveMonthsBefore(toLondonDate(complaint.receivedAt));
}

/**
 * A refusal must be true to the facts it relies on and must give the Ombudsman referral right
 * (Code 2.4). The 12-month ground counts from the date recorded at receipt; when none was
 * recorded, the refusal states the date it relies on (kept on the event). A refusal cannot
 * contradict the date recorded at receipt: that is the record the Ombudsman will read.
 */
export function checkRefusalIsTrue(complaint: ReceivedComplaint, refusal: RefusalAsStated): RuleViolation | null {
  if (!refusal.ombudsmanReferralRightGiven) return violation(complaintRules.ombudsmanReferralRightRequired);
  if (refusal.ground !== 'older_than_12_months') return null;
  // A landlord that took the complaint on (discretion recorded, or stage 1 answered) accepted it
  // despite its age: that cannot later be a reason to refuse it, or to refuse its review.
  if (complaint.stage1.discretionExercised !== null || complaint.stage1.respondedAt !== null) {
    return violation(
      complaintRules.refusalGroundNotSupported,
      complaint.stage1.respondedAt !== null
        ? `The complaint was accepted and answered at stage 1 (${complaint.stage1.respondedAt}): its age is no longer a ground.`
        : 'Discretion was exercised to accept the complaint despite its age: its age is no longer a ground.',
    );
  }
  const recorded = complaint.issueKnownSince;
  const stated = refusal.issueKnownSince ?? null;
  if (recorded !== null && stated !== null && stated !== recorded) {
    return violation(
      complaintRules.refusalGroundNotSupported,
      `The refusal states the issue became known ${stated}; the receipt recorded ${recorded}.`,
    );
  }
  if (stated !== null && stated > toLondonDate(complaint.receivedAt)) {
    return violation(
      complaintRules.issueKnownAfterReceipt,
      `The refusal states ${stated}; the complaint was received ${toLondonDate(complaint.receivedAt)}.`,
    );
  }
  const knownSince = recorded ?? stated;
  const late = knownTwelveMonthsBeforeReceipt(complaint, knownSince);
  if (late === null) return violation(complaintRules.refusalNeedsIssueDate);
  if (!late) {
    return violation(
      complaintRules.refusalGroundNotSupported,
      `The issue became known ${knownSince}; the complaint was received ${toLondonDate(complaint.receivedAt)}.`,
    );
  }
  return null;
}

/** The date to keep on the refusal event: only one the refusal had to state (none at receipt). */
export function statedIssueDate(complaint: ReceivedComplaint, refusal: RefusalAsStated): CalendarDate | undefined {
  return refusal.ground === 'older_than_12_months' && complaint.issueKnownSince === null
    ? refusal.issueKnownSince
    : undefined;
}
