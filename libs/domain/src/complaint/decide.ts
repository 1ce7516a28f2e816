import type { ComplaintCommand } from '@complaints/contracts';
import { checkBusinessTime } from './handlers/chronology';
import { commandHandlers, receiveComplaint, type Decided } from './handlers';
import type { SomeCommandHandler } from './handlers/command-handler';
import { complaintRules, violation } from './rules';
import { hasEnded, isReceived, type ComplaintState } from './state';

/**
 * Decide what a command means for a complaint: the events to append, or the rule that forbids
 * it (nothing is appended then). Pure: time comes on the command (`now` and its `...At`).
 *
 * The checks every command shares run first, in the order that gives the most useful answer:
 * the complaint must exist (and exist once); an ended complaint refuses everything except the
 * after-closure steps, whatever else is wrong with the command; then the step's time must be
 * neither in the future nor before receipt; then the command's own rules.
 */
export function decide(command: ComplaintCommand, state: ComplaintState): Decided {
  if (command.type === 'ReceiveComplaint') {
    if (isReceived(state)) {
      return violation(complaintRules.alreadyReceived, `It was received ${state.receivedAt} as ${state.reference}.`);
    }
    return receiveComplaint(command);
  }
  if (!isReceived(state)) return violation(complaintRules.notReceived);

  // Sound because commandHandlers maps each type to the handler of that type (see CommandHandler).
  const handler: SomeCommandHandler = commandHandlers[command.type];
  if (hasEnded(state) && !handler.allowedOnceEnded) {
    return violation(complaintRules.ended, state.endedAt ? `It was ${state.status} ${state.endedAt}.` : undefined);
  }
  const timing = checkBusinessTime(handler.occurredAt(command), command.now, state.receivedAt);
  if (timing) return timing;
  return handler.decide(command, state);
}
