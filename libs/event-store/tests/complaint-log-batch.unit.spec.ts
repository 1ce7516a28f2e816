import { randomUUID } from 'node:crypto';
import { currentEvents, stripPersonalFields, type ComplaintEvent } from '@complaints/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ComplaintEventStore,
  InMemoryEventStore,
  InMemoryKeyStore,
  PersonalDataCipher,
  type ComplaintEnvelope,
  type KeyStore,
} from '../src';
import {
  acknowledged,
  assigned,
  contactLogged,
  OFFICER,
  PERSONAL_STRINGS,
  personalDataErased,
  received,
  responded,
} from './fixtures/complaint-events';

/** A key store that counts the look-ups it answers. */
class CountingKeyStore implements KeyStore {
  lookups = 0;
  constructor(private readonly inner: InMemoryKeyStore) {}
  getOrCreateKey(subject: string) {
    return this.inner.getOrCreateKey(subject);
  }
  findKey(subject: string) {
    this.lookups++;
    return this.inner.findKey(subject);
  }
  destroyKey(subject: string, at: Date) {
    return this.inner.destroyKey(subject, at);
  }
}

const STEPS: readonly (() => ComplaintEvent)[] = [acknowledged, contactLogged, assigned, responded];

/** As a read model that keeps nothing personal redacts an event (case files, summaries). */
function redactedAsReadModelsDo(envelope: ComplaintEnvelope) {
  return {
    type: envelope.event.type,
    data: stripPersonalFields(envelope.event.data, currentEvents[envelope.event.type].personal),
  };
}

function withoutFlag({ personalDataErased: _flag, event: _event, ...rest }: ComplaintEnvelope) {
  return rest;
}

async function seed(complaints: { steps: number[]; legacy: boolean; erased: boolean }[]) {
  const keys = new CountingKeyStore(new InMemoryKeyStore());
  const store = new InMemoryEventStore();
  const events = new ComplaintEventStore({ store, keys });
  for (const [i, complaint] of complaints.entries()) {
    const id = `c-${i}`;
    const subject = `ds-${i}`;
    let revision = 0;
    if (complaint.legacy) {
      // As the first release wrote a receipt: version 1, its own paths encrypted.
      const eventId = randomUUID();
      const v1 = {
        occurredAt: '2025-11-03T14:00:00.000Z',
        complaintId: id,
        reference: `CMP-${i}`,
        channel: 'phone',
        complainantName: 'Owain Glyn',
        complainantEmail: 'owain@example.org',
        serviceArea: 'repairs',
        description: 'The boiler has failed twice this winter',
      };
      const data = await new PersonalDataCipher(keys).protect({
        eventId,
        type: 'ComplaintReceived',
        schemaVersion: 1,
        data: v1,
        dataSubjectId: subject,
      });
      await store.append(
        ComplaintEventStore.streamIdOf(id),
        [
          {
            eventId,
            type: 'ComplaintReceived',
            schemaVersion: 1,
            data,
            metadata: { actor: OFFICER, correlationId: 'legacy', occurredAt: v1.occurredAt, dataSubjectId: subject },
          },
        ],
        { expectedRevision: 'no_stream' },
      );
    } else {
      await events.append(id, [{ ...received(id), data: { ...received(id).data, dataSubjectId: subject } }], {
        expectedRevision: 'no_stream',
        actor: OFFICER,
        correlationId: 'c',
        dataSubjectId: subject,
      });
    }
    revision++;
    for (const step of complaint.steps) {
      await events.append(id, [STEPS[step]!()], {
        expectedRevision: revision++,
        actor: OFFICER,
        correlationId: 'c',
        dataSubjectId: subject,
      });
    }
    if (complaint.erased) {
      await events.append(id, [personalDataErased(subject)], {
        expectedRevision: revision++,
        actor: OFFICER,
        correlationId: 'c',
        dataSubjectId: subject,
      });
      await events.erase(subject, new Date('2026-09-01T12:00:00Z'));
    }
  }
  return { keys, events };
}

const caseloads = fc.array(
  fc.record({
    steps: fc.array(fc.nat({ max: STEPS.length - 1 }), { maxLength: 6 }),
    legacy: fc.boolean(),
    erased: fc.boolean(),
  }),
  { minLength: 1, maxLength: 5 },
);

describe('ComplaintEventStore.readBatch: one read of the log, two views', () => {
  it('the redacted view is the revealed view redacted, for every event, stored version and erasure, with no key looked up', async () => {
    await fc.assert(
      fc.asyncProperty(caseloads, fc.integer({ min: 1, max: 40 }), async (complaints, limit) => {
        const { keys, events } = await seed(complaints);
        let after = 0n;
        for (;;) {
          const batch = await events.readBatch(after, limit);
          if (batch.size === 0) break;
          keys.lookups = 0;
          const redacted = batch.redacted();
          expect(keys.lookups).toBe(0);
          expect(JSON.stringify(redacted, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))).not.toMatch(
            /Owain|owain@|boiler|Pritchard|asthma|damp-proof/,
          );
          const revealed = await batch.revealed();
          expect(redacted.map((envelope) => envelope.event)).toEqual(revealed.map(redactedAsReadModelsDo));
          expect(redacted.map(withoutFlag)).toEqual(revealed.map(withoutFlag));
          expect(redacted.every((envelope) => envelope.personalDataErased)).toBe(true);
          after = batch.lastPosition!;
        }
      }),
      { numRuns: 40 },
    );
  });

  it('decrypts a batch once, looking each data subject up once, however many readers ask', async () => {
    const { keys, events } = await seed([
      { steps: [0, 1, 2, 3], legacy: false, erased: false },
      { steps: [0, 1], legacy: true, erased: false },
    ]);
    const batch = await events.readBatch(0n, 100);
    keys.lookups = 0;
    const [first, second] = await Promise.all([batch.revealed(), batch.revealed()]);
    expect(second).toBe(first);
    expect(keys.lookups).toBe(2);
    expect(JSON.stringify(first.map((e) => e.event))).toContain(PERSONAL_STRINGS[0]);
    // The batch's keys serve whoever seals for it too, without another look-up.
    expect(await batch.keys.findKey('ds-0')).toBeInstanceOf(Buffer);
    expect(keys.lookups).toBe(2);
  });

  it('a key destroyed after a batch was read is gone for the next batch: keys live no longer than their batch', async () => {
    const { keys, events } = await seed([{ steps: [0], legacy: false, erased: false }]);
    const before = await events.readBatch(0n, 100);
    expect(JSON.stringify((await before.revealed()).map((e) => e.event))).toContain(PERSONAL_STRINGS[0]);
    await events.erase('ds-0', new Date('2026-09-01T12:00:00Z'));
    const after = await events.readBatch(0n, 100);
    const revealed = await after.revealed();
    expect(revealed.every((envelope) => envelope.personalDataErased)).toBe(true);
    expect(JSON.stringify(revealed.map((e) => e.event))).not.toContain(PERSONAL_STRINGS[0]);
    expect(keys.lookups).toBeGreaterThan(0);
  });
});
