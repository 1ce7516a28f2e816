/**
 * The shape every aggregate of the domain has (after Emmett's Decider): pure functions only.
 * `decide` returns the new events, or a RuleViolation naming the rule that forbids the command;
 * it never throws for a business reason and never reads a clock (time comes on the command).
 */
export interface Decider<Command, Event, State> {
  decide(command: Command, state: State): readonly Event[] | RuleViolation;
  evolve(state: State, event: Event): State;
  initialState(): State;
}

/** A command refused by a rule of the domain. `rule` is a stable identifier (API 409s carry it). */
export class RuleViolation {
  readonly kind = 'RuleViolation' as const;
  constructor(
    readonly rule: string,
    readonly message: string,
  ) {}
}

export function isRuleViolation(value: unknown): value is RuleViolation {
  return value instanceof RuleViolation;
}

/** Fold a history into state. */
export function fold<Event, State>(
  decider: Pick<Decider<unknown, Event, State>, 'evolve' | 'initialState'>,
  events: readonly Event[],
): State {
  return events.reduce(decider.evolve, decider.initialState());
}
