import type { CalendarDate } from '@complaints/contracts';
import { toDayNumber } from '../../calendar/calendar-date';
import type { RuleViolation } from '../../decider';
import { violation } from '../rules';
import { circumstancesRules, MAX_DAYS_TO_ADJUSTMENT_REVIEW } from './circumstances-rules';

/** A review date is on or after the day decided, and within a year of it. */
export function checkReviewDue(reviewDue: CalendarDate, decidedOn: CalendarDate): RuleViolation | null {
  if (reviewDue < decidedOn)
    return violation(circumstancesRules.adjustmentReviewBeforeAgreed, `It says ${reviewDue}; decided ${decidedOn}.`);
  if (toDayNumber(reviewDue) - toDayNumber(decidedOn) > MAX_DAYS_TO_ADJUSTMENT_REVIEW) {
    return violation(circumstancesRules.adjustmentReviewTooFar, `It says ${reviewDue}; decided ${decidedOn}.`);
  }
  return null;
}
