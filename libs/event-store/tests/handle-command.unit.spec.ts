import { ERASED, type ComplaintEvent } from '@complaints/contracts';
import { RuleViolation, type Decider } from '@complaints/domain';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  ComplaintEventStore,
  ConcurrencyError,
  DEFAULT_MAX_ATTEMPTS,
  DomainRuleError,
  handleCommand,
  jitteredBackoff,
  InMemoryEventStore,
  InMemoryKeyStore,
  StaleRevisionError,
  type AppendOptions,
  type AppendResult,
  type EventStore,
  type NewEvent,
} from '../src';
import { OFFICER, personalDataErased } from './fixtures/complaint-events';

/** A toy aggregate: a complaint that can log up to three contacts, numbered from its state. */
type ToyCommand = { kind: 'log-contact' } | { kind: 'nothing' } | { kind: 'erase' };
interface ToyState {
  contacts: number;
}

const MAX_CONTACTS = 3;
const SUBJECT = 'subject-toy';

function toyDecider(calls: { decide: number }): Decider<ToyCommand, ComplaintEvent, ToyState> {
  return {
    initialState: () => ({ contacts: 0 }),
    evolve: (state, event) => (event.type === 'ContactLogged' ? { contacts: state.contacts + 1 } : state),
    decide: (command, state) => {
      calls.decide++;
      if (command.kind === 'nothing') return [];
      if (command.kind === 'erase') return [personalDataErased(SUBJECT)];
      if (state.contacts >= MAX_CONTACTS)
        return new RuleViolation('contact-limit', `No more than ${MAX_CONTACTS} contacts`);
      return [contact(`contact number ${state.contacts + 1}`)];
    },
  };
}

/** Contacts commute: any number may be logged, each numbered from the state it was decided on. */
function unlimited(calls: { decide: number }): Decider<ToyCommand, ComplaintEvent, ToyState> {
  const toy = toyDecider(calls);
  return {
    ...toy,
    decide: (command, state) => {
      calls.decide++;
      return [contact(`after ${state.contacts}`)];
    },
  };
}

function contact(summary: string): ComplaintEvent {
  return {
    type: 'ContactLogged',
    data: { occurredAt: '2026-03-05T11:00:00.000Z', direction: 'outbound', channel: 'phone', reached: true, summary },
  };
}

/**
 * The real in-memory store, with another writer getting in just before our next `times` appends
 * (what happens when two officers act on one complaint at the same moment).
 */
class RacingStore implements EventStore {
  readonly kind = 'racing-memory';
  constructor(
    private readonly inner: InMemoryEventStore,
    private readonly competitor: () => Promise<void>,
    private times: number,
  ) {}
  async append(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    if (this.times > 0) {
      this.times--;
      await this.competitor();
    }
    return this.inner.append(streamId, events, options);
  }
  readStream: EventStore['readStream'] = (...args) => this.inner.readStream(...args);
  readAll: EventStore['readAll'] = (...args) => this.inner.readAll(...args);
  headPosition: EventStore['headPosition'] = () => this.inner.headPosition();
  close: EventStore['close'] = () => this.inner.close();
}

const COMPLAINT = 'c-1';
const options = { actor: OFFICER, correlationId: 'corr-1', dataSubjectId: () => SUBJECT };

describe('handleCommand', () => {
  let inner: InMemoryEventStore;
  let keys: InMemoryKeyStore;
  let direct: ComplaintEventStore;
  let calls: { decide: number };

  beforeEach(() => {
    inner = new InMemoryEventStore();
    keys = new InMemoryKeyStore();
    direct = new ComplaintEventStore({ store: inner, keys });
    calls = { decide: 0 };
  });

  /** Another officer logging a contact directly, at whatever revision the stream is. */
  const competitor = async () => {
    const { revision } = await direct.load(COMPLAINT);
    await direct.append(COMPLAINT, [contact('logged by someone else')], {
      actor: OFFICER,
      correlationId: 'other',
      dataSubjectId: SUBJECT,
      expectedRevision: revision,
    });
  };

  function racing(times: number): ComplaintEventStore {
    return new ComplaintEventStore({ store: new RacingStore(inner, competitor, times), keys });
  }

  async function summaries(): Promise<unknown[]> {
    return (await direct.load(COMPLAINT)).envelopes.map((e) => (e.event.data as { summary?: unknown }).summary);
  }

  it('loads, decides and appends at the loaded revision, answering with the new state', async () => {
    const first = await handleCommand(
      { events: direct, decider: toyDecider(calls) },
      COMPLAINT,
      { kind: 'log-contact' },
      options,
    );
    const second = await handleCommand(
      { events: direct, decider: toyDecider(calls) },
      COMPLAINT,
      { kind: 'log-contact' },
      { ...options, ifMatch: 1 },
    );

    expect(first).toMatchObject({ state: { contacts: 1 }, revision: 1 });
    expect(second).toMatchObject({ state: { contacts: 2 }, revision: 2 });
    expect(second.newEvents.map((e) => [e.type, e.revision])).toEqual([['ContactLogged', 2]]);
    expect(second.lastPosition).toBe(second.newEvents[0]!.globalPosition);
    expect(await summaries()).toEqual(['contact number 1', 'contact number 2']);
  });

  it('on a conflict, throws the stale decision away and decides again on the fresh state', async () => {
    await handleCommand({ events: direct, decider: toyDecider(calls) }, COMPLAINT, { kind: 'log-contact' }, options);
    calls.decide = 0;

    const result = await handleCommand(
      { events: racing(1), decider: toyDecider(calls) },
      COMPLAINT,
      { kind: 'log-contact' },
      options,
    );

    expect(calls.decide).toBe(2);
    expect(result).toMatchObject({ state: { contacts: 3 }, revision: 3 });
    // Numbered from the state that includes the other officer's contact, not from the stale one.
    expect(await summaries()).toEqual(['contact number 1', 'logged by someone else', 'contact number 3']);
  });

  it('a conflict that re-decides into a rule violation is answered with the rule, not retried further', async () => {
    await handleCommand({ events: direct, decider: toyDecider(calls) }, COMPLAINT, { kind: 'log-contact' }, options);
    await handleCommand({ events: direct, decider: toyDecider(calls) }, COMPLAINT, { kind: 'log-contact' }, options);
    calls.decide = 0;

    const error = await handleCommand(
      { events: racing(5), decider: toyDecider(calls) },
      COMPLAINT,
      { kind: 'log-contact' },
      options,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainRuleError);
    expect(calls.decide).toBe(2);
  });

  it('never retries a rule violation, and appends nothing', async () => {
    for (let i = 0; i < MAX_CONTACTS; i++)
      await handleCommand({ events: direct, decider: toyDecider(calls) }, COMPLAINT, { kind: 'log-contact' }, options);
    calls.decide = 0;

    const error = await handleCommand(
      { events: direct, decider: toyDecider(calls) },
      COMPLAINT,
      { kind: 'log-contact' },
      options,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainRuleError);
    expect(error).toMatchObject({ rule: 'contact-limit', message: 'No more than 3 contacts' });
    expect(calls.decide).toBe(1);
    expect((await direct.load(COMPLAINT)).revision).toBe(MAX_CONTACTS);
  });

  it('If-Match behind the current revision: StaleRevisionError without deciding', async () => {
    await handleCommand({ events: direct, decider: toyDecider(calls) }, COMPLAINT, { kind: 'log-contact' }, options);
    calls.decide = 0;

    const error = await handleCommand(
      { events: direct, decider: toyDecider(calls) },
      COMPLAINT,
      { kind: 'log-contact' },
      { ...options, ifMatch: 0 },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StaleRevisionError);
    expect(error).toMatchObject({ complaintId: COMPLAINT, expectedRevision: 0, currentRevision: 1 });
    expect(calls.decide).toBe(0);
  });

  it('If-Match current when loaded but overtaken before the append: StaleRevisionError, not a fresh decision', async () => {
    await handleCommand({ events: direct, decider: toyDecider(calls) }, COMPLAINT, { kind: 'log-contact' }, options);
    calls.decide = 0;

    const error = await handleCommand(
      { events: racing(1), decider: toyDecider(calls) },
      COMPLAINT,
      { kind: 'log-contact' },
      { ...options, ifMatch: 1 },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StaleRevisionError);
    expect(error).toMatchObject({ expectedRevision: 1, currentRevision: 2 });
    expect(calls.decide).toBe(1);
    expect(await summaries()).toEqual(['contact number 1', 'logged by someone else']);
  });

  it('gives up with ConcurrencyError after maxAttempts lost races, having appended nothing of its own', async () => {
    const error = await handleCommand(
      { events: racing(10), decider: toyDecider(calls) },
      COMPLAINT,
      { kind: 'log-contact' },
      { ...options, maxAttempts: 2 },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConcurrencyError);
    expect(error).toMatchObject({ complaintId: COMPLAINT, attempts: 2 });
    expect(calls.decide).toBe(2);
    expect(await summaries()).toEqual(['logged by someone else', 'logged by someone else']);
  });

  it(`defaults to ${DEFAULT_MAX_ATTEMPTS} attempts, waiting a jittered backoff before each retry`, async () => {
    const waits: number[] = [];
    const error = await handleCommand(
      { events: racing(100), decider: unlimited(calls) },
      COMPLAINT,
      { kind: 'log-contact' },
      {
        ...options,
        retryDelayMs: (attempt) => {
          waits.push(attempt);
          return 0;
        },
      },
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ attempts: DEFAULT_MAX_ATTEMPTS });
    expect(calls.decide).toBe(DEFAULT_MAX_ATTEMPTS);
    // No wait before the first attempt; one before each retry.
    expect(waits).toEqual(Array.from({ length: DEFAULT_MAX_ATTEMPTS - 1 }, (_, i) => i + 2));
  });

  it('a command without If-Match wins through a crowd of racing writers (real backoff), deciding on the state they left', async () => {
    const result = await handleCommand(
      { events: racing(8), decider: unlimited(calls) },
      COMPLAINT,
      { kind: 'log-contact' },
      options,
    );
    expect(result.revision).toBe(9);
    expect((await summaries()).at(-1)).toBe('after 8');
  });

  it('the backoff is random, grows with the attempt and is capped at 250 ms', () => {
    const samples = (attempt: number) => Array.from({ length: 200 }, () => jitteredBackoff(attempt));
    for (const attempt of [2, 3, 6, 20]) {
      const limit = Math.min(250, 5 * 2 ** (attempt - 2));
      for (const ms of samples(attempt)) {
        expect(ms).toBeGreaterThanOrEqual(0);
        expect(ms).toBeLessThanOrEqual(limit);
      }
    }
    expect(new Set(samples(6)).size).toBeGreaterThan(1);
    expect(Math.max(...samples(20))).toBeGreaterThan(5);
  });

  it('when there is nothing to do, answers with the current state and revision and appends nothing', async () => {
    const first = await handleCommand(
      { events: direct, decider: toyDecider(calls) },
      COMPLAINT,
      { kind: 'log-contact' },
      options,
    );
    const result = await handleCommand(
      { events: direct, decider: toyDecider(calls) },
      COMPLAINT,
      { kind: 'nothing' },
      options,
    );

    expect(result).toEqual({ state: { contacts: 1 }, revision: 1, newEvents: [], lastPosition: first.lastPosition });
    expect(await inner.headPosition()).toBe(1n);
    const onEmpty = await handleCommand(
      { events: direct, decider: toyDecider(calls) },
      'c-empty',
      { kind: 'nothing' },
      options,
    );
    expect(onEmpty).toEqual({ state: { contacts: 0 }, revision: 0, newEvents: [], lastPosition: null });
  });

  it('passes the state and the new events to dataSubjectId, and encrypts for the subject it names', async () => {
    const seen: unknown[] = [];
    await handleCommand(
      { events: direct, decider: toyDecider(calls) },
      COMPLAINT,
      { kind: 'log-contact' },
      {
        ...options,
        dataSubjectId: (state, events) => {
          seen.push(
            state,
            events.map((e) => e.type),
          );
          return 'subject-chosen';
        },
      },
    );
    expect(seen).toEqual([{ contacts: 0 }, ['ContactLogged']]);
    expect((await inner.readStream('complaint-c-1'))[0]!.metadata.dataSubjectId).toBe('subject-chosen');
    expect(await keys.findKey('subject-chosen')).toBeInstanceOf(Buffer);
  });

  it('destroys the subject key after appending PersonalDataErased, so earlier personal data reads as erased', async () => {
    await handleCommand({ events: direct, decider: toyDecider(calls) }, COMPLAINT, { kind: 'log-contact' }, options);
    const result = await handleCommand(
      { events: direct, decider: toyDecider(calls) },
      COMPLAINT,
      { kind: 'erase' },
      options,
    );

    expect(result.newEvents.map((e) => e.type)).toEqual(['PersonalDataErased']);
    expect(await keys.findKey(SUBJECT)).toBeNull();
    expect(await summaries()).toEqual([ERASED, undefined]);
  });

  describe('deciding on the state the last command left (DecidedStates)', () => {
    /** The in-memory store, counting its stream reads. */
    class CountingStore implements EventStore {
      readonly kind = 'counting-memory';
      reads = 0;
      constructor(private readonly inner: InMemoryEventStore) {}
      append: EventStore['append'] = (...args) => this.inner.append(...args);
      readStream: EventStore['readStream'] = (...args) => {
        this.reads++;
        return this.inner.readStream(...args);
      };
      readAll: EventStore['readAll'] = (...args) => this.inner.readAll(...args);
      headPosition: EventStore['headPosition'] = () => this.inner.headPosition();
      close: EventStore['close'] = () => this.inner.close();
    }

    /** A complaint can be closed once it has two contacts. */
    type CloseCommand = ToyCommand | { kind: 'close' };
    const closable: Decider<CloseCommand, ComplaintEvent, ToyState> = {
      ...toyDecider(calls0()),
      decide: (command, state) => {
        if (command.kind !== 'close') return toyDecider(calls0()).decide(command, state);
        return state.contacts >= 2 ? [contact('closing')] : new RuleViolation('too-soon', 'Two contacts first');
      },
    };
    function calls0() {
      return { decide: 0 };
    }

    let counting: CountingStore;
    let events: ComplaintEventStore;
    beforeEach(() => {
      counting = new CountingStore(inner);
      events = new ComplaintEventStore({ store: counting, keys });
    });

    it('the next command on a stream appends without reading it, on the state the last one left', async () => {
      const decider = toyDecider(calls);
      await handleCommand({ events, decider }, COMPLAINT, { kind: 'log-contact' }, options);
      const readsAfterFirst = counting.reads;
      const second = await handleCommand(
        { events, decider },
        COMPLAINT,
        { kind: 'log-contact' },
        { ...options, ifMatch: 1 },
      );

      expect(counting.reads).toBe(readsAfterFirst);
      expect(second).toMatchObject({ state: { contacts: 2 }, revision: 2 });
      expect(second.lastPosition).toBe(second.newEvents[0]!.globalPosition);
      expect(await summaries()).toEqual(['contact number 1', 'contact number 2']);
    });

    it('a new stream (newStream) is decided on the empty state and appended without reading it', async () => {
      const result = await handleCommand(
        { events, decider: toyDecider(calls) },
        COMPLAINT,
        { kind: 'log-contact' },
        {
          ...options,
          newStream: true,
        },
      );

      expect(counting.reads).toBe(0);
      expect(result).toMatchObject({ state: { contacts: 1 }, revision: 1 });
      expect(await summaries()).toEqual(['contact number 1']);
    });

    it('a "new" stream that exists after all: the no-stream append is refused and the command decides on a fresh read', async () => {
      await competitor(); // the stream was started by a request with the same id (an Idempotency-Key sent again)

      const result = await handleCommand(
        { events, decider: toyDecider(calls) },
        COMPLAINT,
        { kind: 'log-contact' },
        {
          ...options,
          newStream: true,
          retryDelayMs: () => 0,
        },
      );
      expect(counting.reads).toBeGreaterThan(0);
      expect(result).toMatchObject({ state: { contacts: 2 }, revision: 2 });
      expect(await summaries()).toEqual(['logged by someone else', 'contact number 2']);
    });

    it('another writer moved the stream meanwhile: the append is refused and the command decides on a fresh read', async () => {
      const decider = toyDecider(calls);
      await handleCommand({ events, decider }, COMPLAINT, { kind: 'log-contact' }, options);
      await competitor();

      const result = await handleCommand(
        { events, decider },
        COMPLAINT,
        { kind: 'log-contact' },
        { ...options, retryDelayMs: () => 0 },
      );
      expect(result).toMatchObject({ state: { contacts: 3 }, revision: 3 });
      expect(await summaries()).toEqual(['contact number 1', 'logged by someone else', 'contact number 3']);
    });

    it('a refusal is never of a remembered state: it is decided again on the stream as it is', async () => {
      await handleCommand({ events, decider: closable }, COMPLAINT, { kind: 'log-contact' }, options);
      await competitor(); // another instance logs the second contact

      const closed = await handleCommand({ events, decider: closable }, COMPLAINT, { kind: 'close' }, options);
      expect(closed).toMatchObject({ revision: 3, newEvents: [{ type: 'ContactLogged' }] });
      expect((await summaries()).at(-1)).toBe('closing');
    });

    it('a refusal that holds on the fresh read is answered with the rule', async () => {
      await handleCommand({ events, decider: closable }, COMPLAINT, { kind: 'log-contact' }, options);
      const error = await handleCommand({ events, decider: closable }, COMPLAINT, { kind: 'close' }, options).catch(
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ rule: 'too-soon' });
      expect((await direct.load(COMPLAINT)).revision).toBe(1);
    });

    it("If-Match ahead of the remembered revision (the client saw another instance's write) is checked on a fresh read", async () => {
      const decider = toyDecider(calls);
      await handleCommand({ events, decider }, COMPLAINT, { kind: 'log-contact' }, options);
      await competitor();

      const result = await handleCommand(
        { events, decider },
        COMPLAINT,
        { kind: 'log-contact' },
        { ...options, ifMatch: 2 },
      );
      expect(result).toMatchObject({ state: { contacts: 3 }, revision: 3 });
    });

    it("an erasure of the subject, here or reported by the key store from elsewhere, takes the stream's state out of memory", async () => {
      const decider = toyDecider(calls);
      await handleCommand({ events, decider }, COMPLAINT, { kind: 'log-contact' }, options);
      await handleCommand(
        { events, decider },
        'c-2',
        { kind: 'nothing' },
        { ...options, dataSubjectId: () => 'subject-other' },
      );
      expect(events.decided.size).toBe(2);
      expect(events.inCategory('feedback').decided).toBe(events.decided);

      await handleCommand({ events, decider }, COMPLAINT, { kind: 'erase' }, options);
      // The erasing command leaves nothing of the erased subject behind, only the other subject's state.
      expect(events.decided.size).toBe(1);
      expect(events.decided.get(events.streamIdOf('c-2'), decider)).toMatchObject({ dataSubjectId: 'subject-other' });

      // As the SQL key store reports an erasure by another instance (its NOTIFY).
      await keys.destroyKey('subject-other', new Date('2026-03-06T00:00:00Z'));
      expect(events.decided.size).toBe(0);
    });
  });
});
