import type { Person } from '@complaints/contracts';
import type { RuleViolation } from '../../decider';
import { complaintRules, violation } from '../rules';
import type { ReceivedComplaint } from '../state';

/** The schema trims and requires both, but a command built in code must not bypass the rule. */
export function checkHandlerNamed(handler: Person): RuleViolation | null {
  return handler.id.trim() && handler.name.trim() ? null : violation(complaintRules.handlerRequired);
}

/** Code 6.13: whoever considered stage 1 — including before a reassignment — may not review it. */
export function checkStageTwoHandlerIsNew(complaint: ReceivedComplaint, handler: Person): RuleViolation | null {
  return complaint.stage1.handlers.some((earlier) => earlier.id === handler.id)
    ? violation(complaintRules.stageTwoHandlerMustDiffer)
    : null;
}

export function personOf(handler: Person): Person {
  return { id: handler.id, name: handler.name };
}
