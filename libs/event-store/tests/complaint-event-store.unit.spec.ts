import { randomUUID } from 'node:crypto';
import { ERASED, type ComplaintEvent } from '@complaints/contracts';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  ComplaintEventStore,
  InMemoryEventStore,
  InMemoryKeyStore,
  InvalidEventError,
  KeyDestroyedError,
  MissingDataSubjectError,
  PersonalDataCipher,
  PersonalDataIntegrityError,
  WrongExpectedRevisionError,
  type Clock,
  type RecordedEvent,
} from '../src';
import {
  acknowledged,
  assigned,
  firstStageHistory,
  OFFICER,
  PERSONAL_STRINGS,
  personalDataErased,
  received,
  responded,
  SUBJECT,
} from './fixtures/complaint-events';

const COMPLAINT = 'c-0042';
const context = { actor: OFFICER, correlationId: 'corr-1', dataSubjectId: SUBJECT };

function tickingClock(start = '2026-03-02T10:00:00.000Z'): Clock {
  let next = Date.parse(start);
  return { now: () => new Date((next += 60_000)) };
}

async function allStored(store: InMemoryEventStore): Promise<RecordedEvent[]> {
  return store.readAll({ after: 0n, limit: 10_000 });
}

function json(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}

describe('ComplaintEventStore', () => {
  let store: InMemoryEventStore;
  let keys: InMemoryKeyStore;
  let events: ComplaintEventStore;

  beforeEach(() => {
    store = new InMemoryEventStore({ clock: tickingClock() });
    keys = new InMemoryKeyStore();
    events = new ComplaintEventStore({ store, keys });
  });

  async function appendHistory(history: ComplaintEvent[] = firstStageHistory(COMPLAINT)): Promise<void> {
    await events.append(COMPLAINT, history, { ...context, expectedRevision: 'no_stream' });
  }

  it('addresses another category of record by its own stream names, and the log reads both with their category', async () => {
    await appendHistory();
    const other = events.inCategory('feedback');
    const compliment: ComplaintEvent = {
      type: 'FeedbackReceived',
      data: {
        occurredAt: '2026-03-02T09:00:00.000Z',
        feedbackId: 'f-7',
        dataSubjectId: SUBJECT,
        kind: 'compliment',
        channel: 'phone',
        serviceArea: 'Repairs',
        summary: 'Thanks to the plumber',
      },
    };
    await other.append('f-7', [compliment], { ...context, expectedRevision: 'no_stream' });

    expect((await store.readStream('feedback-f-7')).map((record) => record.type)).toEqual(['FeedbackReceived']);
    expect((await other.load('f-7')).revision).toBe(1);
    expect((await other.load(COMPLAINT)).revision).toBe(0);
    expect((await events.load('f-7')).revision).toBe(0);
    expect((await other.verify('f-7')).valid).toBe(true);

    const log = await events.readAll(0n, 100);
    expect(log.at(-1)).toMatchObject({ complaintId: 'f-7', category: 'feedback', streamId: 'feedback-f-7' });
    expect(
      log
        .filter((envelope) => envelope.category === 'complaint')
        .every((envelope) => envelope.complaintId === COMPLAINT),
    ).toBe(true);
  });

  it("refuses an event on another category's stream, appending nothing: a complaint's receipt on a feedback stream, a compliment on a complaint's", async () => {
    const feedback = events.inCategory('feedback');
    await expect(
      feedback.append('f-8', [received('f-8')], { ...context, expectedRevision: 'no_stream' }),
    ).rejects.toThrow(InvalidEventError);
    const compliment: ComplaintEvent = {
      type: 'FeedbackReceived',
      data: {
        occurredAt: '2026-03-02T09:00:00.000Z',
        feedbackId: 'f-8',
        dataSubjectId: SUBJECT,
        kind: 'compliment',
        channel: 'phone',
        serviceArea: 'Repairs',
        summary: 'Thanks',
      },
    };
    await expect(events.append(COMPLAINT, [compliment], { ...context, expectedRevision: 'no_stream' })).rejects.toThrow(
      /belongs on a feedback stream/,
    );
    expect(await allStored(store)).toEqual([]);
  });

  it('round-trips a history: current events in clear, with their envelope', async () => {
    const history = firstStageHistory(COMPLAINT);
    const appended = await events.append(COMPLAINT, history, {
      ...context,
      causationId: 'cmd-1',
      expectedRevision: 'no_stream',
    });
    const { envelopes, revision } = await events.load(COMPLAINT);

    expect(revision).toBe(5);
    expect(appended.nextRevision).toBe(5);
    expect(envelopes.map((e) => e.event)).toEqual(history);
    expect(appended.envelopes).toEqual(envelopes);
    expect(envelopes[0]).toMatchObject({
      complaintId: COMPLAINT,
      category: 'complaint',
      streamId: 'complaint-c-0042',
      type: 'ComplaintReceived',
      storedSchemaVersion: 3,
      revision: 1,
      occurredAt: '2026-03-02T09:15:00.000Z',
      recordedAt: '2026-03-02T10:01:00.000Z',
      personalDataErased: false,
      metadata: {
        actor: OFFICER,
        correlationId: 'corr-1',
        causationId: 'cmd-1',
        occurredAt: '2026-03-02T09:15:00.000Z',
        dataSubjectId: SUBJECT,
      },
    });
    expect(envelopes.map((e) => e.globalPosition)).toEqual(appended.positions);
  });

  it('hands back the appended envelopes from what the store recorded, without reading the stream again', async () => {
    const streamReads: string[] = [];
    const countingStore = new (class extends InMemoryEventStore {
      override async readStream(...args: Parameters<InMemoryEventStore['readStream']>): Promise<RecordedEvent[]> {
        streamReads.push(args[0]);
        return super.readStream(...args);
      }
    })({ clock: tickingClock() });
    const facade = new ComplaintEventStore({ store: countingStore, keys });

    const appended = await facade.append(COMPLAINT, firstStageHistory(COMPLAINT), {
      ...context,
      expectedRevision: 'no_stream',
    });
    expect(streamReads).toEqual([]);
    expect(appended.envelopes).toEqual((await facade.load(COMPLAINT)).envelopes);
  });

  it('stores no personal value in clear text anywhere, while the non-personal facts stay searchable', async () => {
    await appendHistory();
    const stored = json(await allStored(store));

    for (const personal of PERSONAL_STRINGS) expect(stored).not.toContain(personal);
    // The same search finds what is meant to stay readable, so it would have found a leak.
    for (const fact of ['CMP-2026-0042', 'damp-and-mould', 'Sam Handler', 'time_and_trouble', '2026-04-30'])
      expect(stored).toContain(fact);
  });

  it('after erasure every personal field of every event reads [erased]; facts, timings and the hash chain remain', async () => {
    await appendHistory();
    const before = await events.load(COMPLAINT);
    expect(await events.erase(SUBJECT, new Date('2026-09-01T12:00:00Z'))).toBe(true);
    const after = await events.load(COMPLAINT);

    expect(after.envelopes.every((e) => e.personalDataErased)).toBe(true);
    expect(json(after.envelopes)).not.toMatch(
      new RegExp(PERSONAL_STRINGS.map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')),
    );
    const [receivedEvent, acknowledgedEvent, contact, assignment, response] = after.envelopes.map(
      (e) => e.event as { data: Record<string, unknown> },
    );

    expect(receivedEvent!.data).toMatchObject({
      reference: 'CMP-2026-0042',
      serviceArea: 'repairs',
      category: 'damp-and-mould',
      tenure: 'LCRA',
      complainant: ERASED,
      description: ERASED,
      outcomeSought: ERASED,
    });
    expect(acknowledgedEvent!.data).toMatchObject({
      handler: { name: 'Sam Handler' },
      headsOfComplaint: [ERASED, ERASED],
      outcomesSought: [ERASED],
    });
    expect(contact!.data).toMatchObject({ direction: 'outbound', reached: true, summary: ERASED });
    // The reassignment's reason is staff free text that can name the resident: personal too.
    expect(assignment!.data).toEqual({ ...assigned().data, reason: ERASED });
    expect(response!.data).toMatchObject({
      decisions: [
        { head: ERASED, outcome: 'upheld', reasons: ERASED },
        { head: ERASED, outcome: 'partially_upheld', reasons: ERASED },
      ],
      remedies: {
        apology: true,
        actions: [{ actionId: 'action-1', description: ERASED, dueBy: '2026-04-30' }],
        compensation: [{ amountPence: 25_000 }],
      },
    });
    expect(after.envelopes.map((e) => [e.occurredAt, e.recordedAt, e.hash, e.globalPosition])).toEqual(
      before.envelopes.map((e) => [e.occurredAt, e.recordedAt, e.hash, e.globalPosition]),
    );
    expect(await events.verify(COMPLAINT)).toMatchObject({ valid: true, eventsChecked: 5 });
  });

  it('refuses new personal data for an erased subject', async () => {
    await appendHistory();
    await events.erase(SUBJECT, new Date('2026-09-01T12:00:00Z'));
    await expect(
      events.append(COMPLAINT, [acknowledged()], { ...context, expectedRevision: 5 }),
    ).rejects.toBeInstanceOf(KeyDestroyedError);
    expect((await events.load(COMPLAINT)).revision).toBe(5);
  });

  it('finishes an erasure that was recorded but whose key survived (crash between append and destroy)', async () => {
    await appendHistory();
    await events.append(COMPLAINT, [personalDataErased()], { ...context, expectedRevision: 5 });
    expect(await keys.findKey(SUBJECT)).toBeInstanceOf(Buffer);

    const { envelopes } = await events.load(COMPLAINT);
    expect(await keys.findKey(SUBJECT)).toBeNull();
    expect(envelopes[0]!.event.data).toMatchObject({ complainant: ERASED, description: ERASED });
  });

  it('refuses an invalid event, or one of an unknown type, and stores nothing of the command', async () => {
    const incomplete = received(COMPLAINT);
    const broken = {
      ...incomplete,
      data: { ...incomplete.data, description: '', complainant: { name: 'Ann', email: 'not-an-email' } },
    };
    const error = await events
      .append(COMPLAINT, [acknowledged(), broken], { ...context, expectedRevision: 'no_stream' })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(InvalidEventError);
    expect((error as InvalidEventError).issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(['description', 'complainant.email']),
    );
    const unknown = {
      type: 'ComplaintTeleported',
      data: { occurredAt: '2026-03-02T09:00:00.000Z' },
    } as unknown as ComplaintEvent;
    await expect(
      events.append(COMPLAINT, [unknown], { ...context, expectedRevision: 'no_stream' }),
    ).rejects.toBeInstanceOf(InvalidEventError);
    await expect(
      events.append(COMPLAINT, [acknowledged()], { ...context, correlationId: '', expectedRevision: 'no_stream' }),
    ).rejects.toMatchObject({
      issues: [{ path: 'metadata.correlationId' }],
    });
    expect(await store.headPosition()).toBe(0n);
  });

  it('stores what the schema parsed (trimmed, defaulted), not the raw input', async () => {
    const event = received(COMPLAINT);
    const untidy = {
      ...event,
      data: { ...event.data, reference: '  CMP-2026-0042  ', representative: { name: 'Rhys Advocate' } },
    } as ComplaintEvent;
    await events.append(COMPLAINT, [untidy], { ...context, expectedRevision: 'no_stream' });
    const { envelopes } = await events.load(COMPLAINT);
    expect(envelopes[0]!.event.data).toMatchObject({
      reference: 'CMP-2026-0042',
      representative: { name: 'Rhys Advocate', authorityConfirmed: false },
    });
  });

  it('refuses personal data without a data subject', async () => {
    await expect(
      events.append(COMPLAINT, [acknowledged()], { actor: OFFICER, correlationId: 'c', expectedRevision: 'no_stream' }),
    ).rejects.toBeInstanceOf(MissingDataSubjectError);
    // An event with no personal values needs no subject.
    const referral = {
      type: 'OmbudsmanReferralRecorded',
      data: { occurredAt: '2026-05-01T09:00:00.000Z', ombudsmanReference: 'HO-1' },
    } as const;
    await events.append(COMPLAINT, [referral], { actor: OFFICER, correlationId: 'c', expectedRevision: 'no_stream' });
    expect((await events.load(COMPLAINT)).revision).toBe(1);
  });

  it('passes a wrong expected revision through, appending nothing', async () => {
    await appendHistory();
    await expect(events.append(COMPLAINT, [assigned()], { ...context, expectedRevision: 3 })).rejects.toBeInstanceOf(
      WrongExpectedRevisionError,
    );
    expect((await events.load(COMPLAINT)).revision).toBe(5);
  });

  it('loads the complaint as it stood: up to a revision, or as recorded by a moment', async () => {
    await appendHistory(firstStageHistory(COMPLAINT).slice(0, 2)); // recorded 10:01
    await events.append(COMPLAINT, [responded()], { ...context, expectedRevision: 2 }); // recorded 10:02

    expect((await events.load(COMPLAINT, { toRevision: 1 })).envelopes.map((e) => e.type)).toEqual([
      'ComplaintReceived',
    ]);
    const asAt = await events.load(COMPLAINT, { asAt: new Date('2026-03-02T10:01:30.000Z') });
    expect(asAt).toMatchObject({ revision: 2 });
    expect(asAt.envelopes.map((e) => e.type)).toEqual(['ComplaintReceived', 'ComplaintAcknowledged']);
  });

  it('reports a tampered ciphertext, or one moved from another event, as an integrity error', async () => {
    await appendHistory();
    const original = await store.readStream(ComplaintEventStore.streamIdOf(COMPLAINT));

    // A copy of the history (a restored backup, say) in which one ciphertext byte was changed.
    const altered = structuredClone(original);
    const contact = altered[2]!.data as { summary: { ct: string } };
    const bytes = Buffer.from(contact.summary.ct, 'base64');
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0x80;
    contact.summary.ct = bytes.toString('base64');
    const tamperedStore = new InMemoryEventStore();
    await tamperedStore.append(altered[0]!.streamId, altered, { expectedRevision: 'no_stream' });
    const tampered = await new ComplaintEventStore({ store: tamperedStore, keys })
      .load(COMPLAINT)
      .catch((e: unknown) => e);
    expect(tampered).toBeInstanceOf(PersonalDataIntegrityError);
    expect(tampered).toMatchObject({ eventId: original[2]!.eventId, path: 'summary', problem: 'undecryptable' });

    // The same ciphertext presented as part of another event (another id) does not decrypt either.
    const moved = { ...original[2]!, eventId: randomUUID() };
    await store.append(ComplaintEventStore.streamIdOf(COMPLAINT), [moved], { expectedRevision: 5 });
    await expect(events.load(COMPLAINT)).rejects.toMatchObject({
      name: 'PersonalDataIntegrityError',
      eventId: moved.eventId,
    });
  });

  it('upcasts a stored v1 ComplaintReceived on read, its v1 personal fields decrypted, then erased', async () => {
    const eventId = randomUUID();
    const v1 = {
      occurredAt: '2025-11-03T14:00:00.000Z',
      complaintId: COMPLAINT,
      reference: 'CMP-2025-0007',
      channel: 'phone',
      complainantName: 'Owain Glyn',
      complainantEmail: 'owain@example.org',
      serviceArea: 'repairs',
      description: 'The boiler has failed twice this winter',
    };
    // As the first release wrote it: v1 paths encrypted, the complaint id as data subject.
    const data = await new PersonalDataCipher(keys).protect({
      eventId,
      type: 'ComplaintReceived',
      schemaVersion: 1,
      data: v1,
      dataSubjectId: COMPLAINT,
    });
    await store.append(
      ComplaintEventStore.streamIdOf(COMPLAINT),
      [
        {
          eventId,
          type: 'ComplaintReceived',
          schemaVersion: 1,
          data,
          metadata: { actor: OFFICER, correlationId: 'legacy', occurredAt: v1.occurredAt, dataSubjectId: COMPLAINT },
        },
      ],
      { expectedRevision: 'no_stream' },
    );
    expect(json(await allStored(store))).not.toMatch(/Owain|owain@|boiler/);

    const [envelope] = (await events.load(COMPLAINT)).envelopes;
    expect(envelope).toMatchObject({ storedSchemaVersion: 1, type: 'ComplaintReceived', personalDataErased: false });
    expect(envelope!.event.data).toEqual({
      occurredAt: v1.occurredAt,
      complaintId: COMPLAINT,
      reference: 'CMP-2025-0007',
      dataSubjectId: COMPLAINT,
      channel: 'phone',
      complainant: { name: 'Owain Glyn', email: 'owain@example.org' },
      serviceArea: 'repairs',
      description: 'The boiler has failed twice this winter',
    });

    await events.erase(COMPLAINT, new Date('2026-09-01T00:00:00Z'));
    const [erased] = (await events.load(COMPLAINT)).envelopes;
    expect(erased!.personalDataErased).toBe(true);
    expect(erased!.event.data).toMatchObject({
      reference: 'CMP-2025-0007',
      complainant: { name: ERASED, email: ERASED },
      description: ERASED,
    });
  });

  it('reads the global log of complaint events only, in order, paging past other streams', async () => {
    const other = {
      eventId: '',
      type: 'SomethingElse',
      schemaVersion: 1,
      data: {},
      metadata: { actor: OFFICER, correlationId: 'x', occurredAt: '2026-03-02T09:00:00.000Z' },
    };
    await store.append(
      'other-1',
      [1, 2, 3].map(() => ({ ...other, eventId: randomUUID() })),
      { expectedRevision: 'any' },
    );
    await appendHistory();
    await store.append('other-1', [{ ...other, eventId: randomUUID() }], { expectedRevision: 'any' });
    await events.append('c-0043', [received('c-0043')], {
      ...context,
      dataSubjectId: 'subject-2',
      expectedRevision: 'no_stream',
    });

    const firstPage = await events.readAll(0n, 2);
    expect(firstPage.map((e) => [e.complaintId, e.revision])).toEqual([
      [COMPLAINT, 1],
      [COMPLAINT, 2],
    ]);
    const rest = await events.readAll(firstPage[1]!.globalPosition, 100);
    expect(rest.map((e) => [e.complaintId, e.revision])).toEqual([
      [COMPLAINT, 3],
      [COMPLAINT, 4],
      [COMPLAINT, 5],
      ['c-0043', 1],
    ]);
    expect(rest[3]!.event.data).toMatchObject({ complainant: { name: 'Gwenllian Pritchard' } });
    expect(await events.readAll(rest[3]!.globalPosition, 10)).toEqual([]);
  });

  it('verifies the stored hash chain of a complaint', async () => {
    await appendHistory();
    const report = await events.verify(COMPLAINT);
    const stored = await store.readStream(ComplaintEventStore.streamIdOf(COMPLAINT));
    expect(report).toEqual({ streamId: 'complaint-c-0042', valid: true, eventsChecked: 5, headHash: stored[4]!.hash });
  });
});
