import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import {
  currentEvents,
  kafkaHeadersSchema,
  outboundEnvelopeSchema,
  publishedEventSchema,
  type ComplaintEventType,
} from '@complaints/contracts';
import type { ComplaintEnvelope } from '@complaints/event-store';
import { outboundHeaders, toOutboundEvent } from '../outbound/outbound-event';

/**
 * The published schemas describe what is really delivered: events in their outbound form pass
 * them, and the same events with their personal fields still in do not (the schemas forbid
 * extra properties, so a personal field leaking onto a topic would fail a validating consumer).
 */
const ajv = new Ajv2020({ strict: true, validateFormats: false, allErrors: true });
ajv.addKeyword('x-personal-data-withheld');
const validateEnvelope = ajv.compile(outboundEnvelopeSchema());
const validateHeaders = ajv.compile(kafkaHeadersSchema());
const dataValidators = new Map<ComplaintEventType, ReturnType<typeof ajv.compile>>();
function validateData(type: ComplaintEventType) {
  if (!dataValidators.has(type)) dataValidators.set(type, ajv.compile(publishedEventSchema(currentEvents[type])));
  return dataValidators.get(type)!;
}

const samples: { type: ComplaintEventType; data: unknown }[] = [
  {
    type: 'ComplaintReceived',
    data: {
      occurredAt: '2026-03-02T10:00:00.000Z',
      complaintId: 'c-1',
      reference: 'CMP-2026-000001',
      dataSubjectId: 'c-1',
      channel: 'email',
      complainant: { name: 'Ada Lovelace', email: 'ada@example.org', phone: '01234 567890' },
      representative: { name: 'Charles Babbage' }, // authorityConfirmed defaults to false when stored
      serviceArea: 'repairs',
      category: 'damp and mould',
      description: 'Mould in the bedroom',
      outcomeSought: 'Treat it',
      tenure: 'LCRA',
    },
  },
  {
    type: 'ComplaintAcknowledged',
    data: {
      occurredAt: '2026-03-04T09:00:00.000Z',
      stage: 1,
      handler: { id: 'off-1', name: 'Sam Officer' },
      headsOfComplaint: ['Mould at 4 Elm Road'],
      outcomesSought: ['Treatment'],
    },
  },
  {
    type: 'StageResponseIssued',
    data: {
      occurredAt: '2026-03-20T15:00:00.000Z',
      stage: 1,
      decisions: [{ head: 'Mould at 4 Elm Road', outcome: 'upheld', reasons: 'Mrs Lovelace reported it twice' }],
      remedies: {
        apology: true,
        actions: [{ actionId: 'a-1', description: 'Treat mould at 4 Elm Road', dueBy: '2026-04-03' }],
        compensation: [{ amountPence: 15000, kind: 'time_and_trouble' }],
      },
    },
  },
  {
    type: 'ContactLogged',
    data: {
      occurredAt: '2026-03-05T09:00:00.000Z',
      direction: 'outbound',
      channel: 'phone',
      reached: true,
      summary: 'Spoke to Ada about access',
    },
  },
  {
    type: 'ComplaintEscalated',
    data: { occurredAt: '2026-03-25T10:00:00.000Z', reason: 'Ada thinks the date is too late' },
  },
];

function envelope(type: ComplaintEventType, data: unknown, revision: number): ComplaintEnvelope {
  const stored = currentEvents[type].schema.parse(data) as { occurredAt: string };
  return {
    eventId: `evt-${revision}`,
    complaintId: 'c-1',
    category: 'complaint',
    streamId: 'complaint-c-1',
    type,
    storedSchemaVersion: currentEvents[type].schemaVersion,
    event: { type, data: stored } as ComplaintEnvelope['event'],
    metadata: {
      actor: { id: 'u-7', name: 'Priya Shah', role: 'complaints_officer' },
      correlationId: 'corr-1',
      occurredAt: stored.occurredAt,
      dataSubjectId: 'c-1',
    },
    revision,
    globalPosition: BigInt(100 + revision),
    recordedAt: '2026-03-02T10:00:01.000Z',
    occurredAt: stored.occurredAt,
    hash: 'h',
    personalDataErased: false,
  };
}

describe('delivered events against the published schemas', () => {
  it.each(samples.map((s, i) => [s.type, s, i + 1] as const))(
    '%s: envelope, data and Kafka headers are valid',
    (type, sample, revision) => {
      const out = toOutboundEvent(envelope(type, sample.data, revision));
      expect(validateEnvelope(out), JSON.stringify(validateEnvelope.errors)).toBe(true);
      const data = validateData(type);
      expect(data(out.data), JSON.stringify(data.errors)).toBe(true);
      expect(validateHeaders(outboundHeaders(out)), JSON.stringify(validateHeaders.errors)).toBe(true);
    },
  );

  it.each(samples.map((s) => [s.type, s] as const))(
    '%s: the data with its personal fields still in is refused',
    (type, sample) => {
      const stored = currentEvents[type].schema.parse(sample.data);
      expect(validateData(type)(stored)).toBe(false);
    },
  );

  it('an envelope missing its dedup key or with a numeric position is refused', () => {
    const out = toOutboundEvent(envelope('ContactLogged', samples[3]!.data, 1));
    const { eventId: _dropped, ...withoutId } = out;
    expect(validateEnvelope(withoutId)).toBe(false);
    expect(validateEnvelope({ ...out, position: 101 })).toBe(false);
  });
});
