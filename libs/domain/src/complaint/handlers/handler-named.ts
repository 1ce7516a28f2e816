import type { Actor, Person, RecordedBy } from '@complaints/contracts';
import type { RuleViolation } from '../../decider';
import { complaintRules, violation } from '../rules';
import type { ReceivedComplaint } from '../state';

/** The schema trims and requires both, but a command built in code must not bypass the rule. */
export function checkHandlerNamed(handler: Person): RuleViolation | null {
  return handler.id.trim() && handler.name.trim() ? null : violation(complaintRules.handlerRequired);
}

function actedOnStageOne(complaint: ReceivedComplaint, person: { readonly id: string }): boolean {
  // Participants include every handler the stage had (see evolve).
  return complaint.stage1.participants.includes(person.id);
}

/**
 * Code 6.13: whoever acted on stage 1 — its handlers, including before a reassignment, and
 * whoever acknowledged, reassigned or answered it — may not be named to review it.
 */
export function checkStageTwoHandlerIsNew(complaint: ReceivedComplaint, handler: Person): RuleViolation | null {
  return actedOnStageOne(complaint, handler) ? violation(complaintRules.stageTwoHandlerMustDiffer) : null;
}

/** Code 6.13: nor may they record the stage 2 acknowledgement or its response themselves. */
export function checkStageTwoRecorderIsIndependent(complaint: ReceivedComplaint, actor: Actor): RuleViolation | null {
  return actedOnStageOne(complaint, actor) ? violation(complaintRules.stageTwoRecorderMustBeIndependent) : null;
}

export function personOf(handler: Person): Person {
  return { id: handler.id, name: handler.name };
}

/** Who recorded a step: the actor's staff id (the name stays in the event's metadata). */
export function recordedByOf(actor: Actor): RecordedBy {
  return { id: actor.id };
}
