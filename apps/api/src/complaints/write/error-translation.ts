import {
  ConcurrencyError,
  DomainRuleError,
  EventTooLargeError,
  KeyDestroyedError,
  StaleRevisionError,
} from '@complaints/event-store';
import { problems, type Problem } from '../../http/problem';

/** What the write side throws, as the problems api.md fixes (409 with the rule, 412 stale). */
export function translateWriteError(error: unknown): Problem | undefined {
  if (error instanceof DomainRuleError) return problems.ruleViolation(error.rule, error.message);
  if (error instanceof StaleRevisionError) return problems.stale(error.expectedRevision, error.currentRevision);
  if (error instanceof ConcurrencyError) {
    return problems.concurrentChange(
      'Other changes to this complaint kept arriving while this one was decided; nothing was recorded. Retry.',
    );
  }
  if (error instanceof KeyDestroyedError) {
    return problems.ruleViolation(
      'personal-data-already-erased',
      "This complaint's personal data has been erased: no new personal data can be recorded for it.",
    );
  }
  if (error instanceof EventTooLargeError)
    return problems.tooLarge('The change is too large to record; shorten the text fields.');
  return undefined;
}
