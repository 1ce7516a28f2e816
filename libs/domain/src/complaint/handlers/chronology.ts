import type { Instant } from '@complaints/contracts';
import type { RuleViolation } from '../../decider';
import { isAfter, isBefore } from '../instants';
import { complaintRules, violation } from '../rules';

/**
 * The time checks every command shares: nothing is recorded as happening after `now` (the
 * moment the command was issued), nor before the complaint was received.
 */
export function checkBusinessTime(at: Instant, now: Instant, receivedAt: Instant | null): RuleViolation | null {
  if (isAfter(at, now)) return violation(complaintRules.occurredInFuture, `It is dated ${at}, after now (${now}).`);
  if (receivedAt !== null && isBefore(at, receivedAt)) {
    return violation(
      complaintRules.occurredBeforeReceipt,
      `It is dated ${at}; the complaint was received ${receivedAt}.`,
    );
  }
  return null;
}

/** A step cannot be dated before the step it follows (a response before its acknowledgement…). */
export function notBefore(at: Instant, earlier: Instant, earlierStep: string): RuleViolation | null {
  return isBefore(at, earlier)
    ? violation(complaintRules.occurredBeforePrecedingStep, `It is dated ${at}, before ${earlierStep} (${earlier}).`)
    : null;
}
