import type {
  CommandOfType,
  ComplaintCommand,
  ComplaintCommandType,
  ComplaintEvent,
  Instant,
} from '@complaints/contracts';
import type { RuleViolation } from '../../decider';
import type { ReceivedComplaint } from '../state';

/** What `decide` answers: the new events, or the rule that forbids the command. */
export type Decided = readonly ComplaintEvent[] | RuleViolation;

/** Every command except ReceiveComplaint, which is the only one that acts on no complaint. */
export type HandledCommandType = Exclude<ComplaintCommandType, 'ReceiveComplaint'>;

/**
 * One command's rules. `decide` (decide.ts) applies the checks every command shares first —
 * the complaint exists, has not ended (unless `allowedOnceEnded`), and the step's time is
 * neither in the future nor before receipt — then hands over to `decide` here.
 *
 * Declared with method syntax on purpose: methods are compared bivariantly, so any handler is
 * also a `SomeCommandHandler`, which `decide` calls with the command whose type picked it (the
 * registry's mapped type guarantees they match).
 */
export interface CommandHandler<K extends HandledCommandType> {
  /** May this still be recorded after closure, withdrawal or refusal? */
  readonly allowedOnceEnded: boolean;
  /** When the step happened in the world (the command's `...At` field). */
  occurredAt(command: CommandOfType<K>): Instant;
  decide(command: CommandOfType<K>, complaint: ReceivedComplaint): Decided;
}

/** A handler of whichever command type the registry was asked for. */
export interface SomeCommandHandler {
  readonly allowedOnceEnded: boolean;
  occurredAt(command: Extract<ComplaintCommand, { type: HandledCommandType }>): Instant;
  decide(command: Extract<ComplaintCommand, { type: HandledCommandType }>, complaint: ReceivedComplaint): Decided;
}

/**
 * Drop keys whose value is undefined, so an event carries exactly the optional fields that were
 * given and compares equal to its stored (JSON) form.
 */
export function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
