/**
 * Given events / when command / then events or rule: the only shape a decider test needs.
 * No mocks, no store: the history is folded with the decider's own evolve.
 */
import { currentEvents, type ComplaintCommand, type ComplaintEvent } from '@complaints/contracts';
import { expect } from 'vitest';
import type { z } from 'zod';
import { fold, isRuleViolation, type RuleViolation } from '../../decider';
import { complaintDecider } from '../complaint-decider';
import type { ComplaintRule } from '../rules';
import type { ComplaintState } from '../state';

export interface Then {
  /** The command is accepted and emits exactly these events; returns the state after them. */
  then(expected: readonly ComplaintEvent[]): ComplaintState;
  /** The command is refused by exactly this rule, and nothing is emitted; returns the violation. */
  thenViolates(rule: ComplaintRule): RuleViolation;
}

export function given(history: readonly ComplaintEvent[]): { when(command: ComplaintCommand): Then } {
  return {
    when(command) {
      const outcome = complaintDecider.decide(command, fold(complaintDecider, history));
      return {
        then(expected) {
          if (isRuleViolation(outcome)) {
            expect.fail(`expected events, but rule ${outcome.rule} refused ${command.type}: ${outcome.message}`);
          }
          expect(outcome).toEqual(expected);
          // What the decider emits must be what the store will accept.
          for (const event of outcome) {
            const schema: z.ZodType = currentEvents[event.type].schema;
            expect(schema.safeParse(event.data).error).toBeUndefined();
          }
          return fold(complaintDecider, [...history, ...outcome]);
        },
        thenViolates(rule) {
          if (!isRuleViolation(outcome)) {
            expect.fail(
              `expected rule ${rule.id} to refuse ${command.type}, but it emitted ${JSON.stringify(outcome.map((e) => e.type))}`,
            );
          }
          expect(outcome.rule).toBe(rule.id);
          expect(outcome.message.startsWith(rule.message)).toBe(true);
          return outcome;
        },
      };
    },
  };
}
