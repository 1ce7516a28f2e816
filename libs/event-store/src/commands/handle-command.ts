import { setTimeout as sleep } from 'node:timers/promises';
import type { Actor, ComplaintEvent, EventOfType } from '@complaints/contracts';
import { fold, isRuleViolation, type Decider, type RuleViolation } from '@complaints/domain';
import { WrongExpectedRevisionError } from '../port/event-store.port';
import type { ComplaintEnvelope } from '../complaints/complaint-envelope';
import type { ComplaintEventStore } from '../complaints/complaint-event-store';
import type { DecidedState } from './decided-states';
import { backoffDelay, type BackoffOptions } from '../retry/backoff';
import { ConcurrencyError, DomainRuleError, StaleRevisionError } from './command-errors';

export interface HandleCommandDeps<C, S> {
  events: ComplaintEventStore;
  decider: Decider<C, ComplaintEvent, S>;
}

export interface HandleCommandOptions<S> {
  /** The revision the client last saw (HTTP If-Match): the command applies only to exactly that. */
  ifMatch?: number;
  actor: Actor;
  correlationId: string;
  causationId?: string;
  /** Whose key encrypts the new events' personal fields, from the state and the new events. */
  dataSubjectId: (state: S, events: readonly ComplaintEvent[]) => string | undefined;
  /**
   * The caller has just drawn the stream id at random (a complaint received without an
   * Idempotency-Key): the first attempt decides on the empty state without reading the stream.
   * Should it exist after all, the append's no-stream check refuses the events and the retry reads
   * it like any lost race — but the subject key made for those events stays behind, unused. So
   * only an id no stream can have says newStream; a derived one (Idempotency-Key, a page form's)
   * is read first, and a second attempt refused before any key is made.
   */
  newStream?: boolean;
  /** How many times to load-decide-append before giving up on a busy stream. Default DEFAULT_MAX_ATTEMPTS. */
  maxAttempts?: number;
  /** Milliseconds to wait before attempt `attempt` (2, 3, …) after a lost race. Default: jitteredBackoff. */
  retryDelayMs?: (attempt: number) => number;
}

export interface HandledCommand<S> {
  state: S;
  revision: number;
  newEvents: ComplaintEnvelope[];
  /** Global position of the newest event the answer reflects (what the read side can wait for); null for an empty stream. */
  lastPosition: bigint | null;
}

/**
 * Enough for dozens of writers landing on one complaint at the same instant (50 contacts logged in
 * parallel all succeed on PostgreSQL): each round one of them wins, and the jitter spreads the
 * others out so that the rounds do not stay crowded. Within one process writes to a complaint
 * take turns (the API's PerComplaintQueue), so the races left are with other instances, whose
 * queues keep a writer busy on the stream all the time: a write can lose about half its
 * rounds. Twelve attempts lost one write in a CI run of 40 across two instances; twenty make
 * that about one in a million per write, for at most about 4 s of waiting.
 */
export const DEFAULT_MAX_ATTEMPTS = 20;
const RETRY_BACKOFF: BackoffOptions = { initialMs: 5, maxMs: 250, jitter: 'full' };

/**
 * "Full jitter" exponential backoff before attempt 2, 3, …: a random wait up to 5 ms, 10 ms,
 * 20 ms… capped at 250 ms. Racing writers retrying at the same moment would collide again;
 * random waits take turns. At most about 4 s in all over the default attempts (2 s on average).
 */
export function jitteredBackoff(attempt: number): number {
  return backoffDelay(attempt - 1, RETRY_BACKOFF);
}

/**
 * Load, fold, decide, append with the loaded revision — or, when this process handled the last
 * command on the stream, decide on the state that command left and append at once (one round
 * trip instead of two; DecidedStates says why the store's revision check makes that safe, and
 * why a refusal or a no-op is always decided again on a fresh read). When another writer got in first, the
 * decision was made on a stale state, so it is thrown away and made again on the fresh one
 * (at most `maxAttempts` times, after a jittered wait). Re-deciding is safe for every command,
 * not only those that commute (contacts, lessons): the decider sees the other writer's events
 * and refuses what no longer holds. A rule violation is an answer, not a race: never retried.
 * With If-Match the client asked for a decision on the state it saw; once that is no longer
 * the state, deciding again would act on something the client never looked at: 412 instead.
 */
export async function handleCommand<C, S>(
  deps: HandleCommandDeps<C, S>,
  complaintId: string,
  command: C,
  options: HandleCommandOptions<S>,
): Promise<HandledCommand<S>> {
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1)
    throw new RangeError(`maxAttempts must be a positive integer, got ${maxAttempts}`);

  const retryDelayMs = options.retryDelayMs ?? jitteredBackoff;

  const streamKey = deps.events.streamIdOf(complaintId);
  const decided = deps.events.decided;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const delayMs = attempt > 1 ? retryDelayMs(attempt) : 0;
    if (delayMs > 0) await sleep(delayMs);
    // The first attempt starts from what the last command here left the stream in, when known
    // (DecidedStates says why that is safe); a retry always reads: it follows a lost race.
    let start =
      attempt === 1
        ? options.newStream
          ? emptyStream(deps.decider)
          : decided.get(streamKey, deps.decider)
        : undefined;
    if (start && options.ifMatch !== undefined && options.ifMatch !== start.revision) start = undefined;
    let outcome = await decideOnce(deps, complaintId, command, options, start);
    // Only an append is checked by the store; a refusal or a no-op from memory is made again on
    // the stream as it is (another instance may have moved it).
    if (start && outcome.kind !== 'append') outcome = await decideOnce(deps, complaintId, command, options, undefined);
    if (outcome.kind === 'violation') {
      decided.forget(streamKey);
      throw new DomainRuleError(outcome.violation.rule, outcome.violation.message);
    }
    if (outcome.kind === 'nothing') {
      decided.remember(streamKey, {
        decider: deps.decider,
        state: outcome.state,
        revision: outcome.revision,
        lastPosition: outcome.lastPosition,
        dataSubjectId: options.dataSubjectId(outcome.state, []),
      });
      return { state: outcome.state, revision: outcome.revision, newEvents: [], lastPosition: outcome.lastPosition };
    }
    const { state, revision, decision } = outcome;

    let appended;
    const dataSubjectId = options.dataSubjectId(state, decision);
    try {
      appended = await deps.events.append(complaintId, decision, {
        expectedRevision: revision === 0 ? 'no_stream' : revision,
        actor: options.actor,
        correlationId: options.correlationId,
        ...(options.causationId !== undefined ? { causationId: options.causationId } : {}),
        dataSubjectId,
      });
    } catch (error) {
      decided.forget(streamKey);
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      // The client's revision was current when we loaded and is not any more.
      if (options.ifMatch !== undefined) throw new StaleRevisionError(complaintId, options.ifMatch, error.actual);
      continue;
    }

    const next = appended.envelopes.reduce((s, envelope) => deps.decider.evolve(s, envelope.event), state);
    if (appended.envelopes.some((envelope) => envelope.type === 'PersonalDataErased')) decided.forget(streamKey);
    else
      decided.remember(streamKey, {
        decider: deps.decider,
        state: next,
        revision: appended.nextRevision,
        lastPosition: appended.lastPosition,
        dataSubjectId,
      });
    await eraseSubjects(deps.events, appended.envelopes);
    return {
      state: next,
      revision: appended.nextRevision,
      newEvents: appended.envelopes,
      lastPosition: appended.lastPosition,
    };
  }
  throw new ConcurrencyError(complaintId, maxAttempts);
}

/** A stream with nothing in it yet, as DecidedStates would remember it. */
function emptyStream<S>(decider: HandleCommandDeps<unknown, S>['decider']): DecidedState {
  return { decider, state: decider.initialState(), revision: 0, lastPosition: null, dataSubjectId: undefined };
}

type Outcome<S> =
  | { kind: 'append'; state: S; revision: number; decision: readonly ComplaintEvent[] }
  | { kind: 'nothing'; state: S; revision: number; lastPosition: bigint | null }
  | { kind: 'violation'; violation: RuleViolation };

/** One decision: on the state given (from DecidedStates), or on the stream as read now. */
async function decideOnce<C, S>(
  deps: HandleCommandDeps<C, S>,
  complaintId: string,
  command: C,
  options: HandleCommandOptions<S>,
  start: DecidedState | undefined,
): Promise<Outcome<S>> {
  let state: S;
  let revision: number;
  let lastPosition: bigint | null;
  if (start) {
    ({ revision, lastPosition } = start);
    state = start.state as S;
  } else {
    const loaded = await deps.events.load(complaintId);
    revision = loaded.revision;
    lastPosition = loaded.envelopes.at(-1)?.globalPosition ?? null;
    if (options.ifMatch !== undefined && options.ifMatch !== revision) {
      throw new StaleRevisionError(complaintId, options.ifMatch, revision);
    }
    state = fold(
      deps.decider,
      loaded.envelopes.map((envelope) => envelope.event),
    );
  }
  const decision = deps.decider.decide(command, state);
  if (isRuleViolation(decision)) return { kind: 'violation', violation: decision };
  if (decision.length === 0) return { kind: 'nothing', state, revision, lastPosition };
  return { kind: 'append', state, revision, decision };
}

/**
 * The erasure is recorded first, then the key destroyed. If the process dies in between, the
 * next load of the stream destroys it (ComplaintEventStore.load), so erasure always completes.
 */
async function eraseSubjects(events: ComplaintEventStore, appended: readonly ComplaintEnvelope[]): Promise<void> {
  for (const envelope of appended) {
    if (envelope.type !== 'PersonalDataErased') continue;
    const erased = envelope.event as EventOfType<'PersonalDataErased'>;
    await events.erase(erased.data.dataSubjectId, new Date(envelope.recordedAt));
  }
}
