import { describe, expect, it } from 'vitest';
import type { ComplaintEnvelope } from '@complaints/event-store';
import { outboundHeaders, recordOf, toOutboundEvent } from './outbound-event';
import { withoutPersonalFields } from './without-personal-fields';

function envelope(event: ComplaintEnvelope['event'], overrides: Partial<ComplaintEnvelope> = {}): ComplaintEnvelope {
  return {
    eventId: 'evt-1',
    complaintId: 'c-1',
    category: 'complaint',
    streamId: 'complaint-c-1',
    type: event.type,
    storedSchemaVersion: 1,
    event,
    metadata: {
      actor: { id: 'u-7', name: 'Priya Shah', role: 'complaints_officer' },
      correlationId: 'corr-1',
      occurredAt: event.data.occurredAt,
      dataSubjectId: 'c-1',
    },
    revision: 1,
    globalPosition: 42n,
    recordedAt: '2026-03-02T10:00:01.000Z',
    occurredAt: event.data.occurredAt,
    hash: 'h',
    personalDataErased: false,
    ...overrides,
  };
}

const received = {
  type: 'ComplaintReceived',
  data: {
    complaintId: 'c-1',
    reference: 'CMP-2026-000001',
    occurredAt: '2026-03-02T10:00:00.000Z',
    channel: 'email',
    complainant: { name: 'Ada Lovelace', email: 'ada@example.org' },
    serviceArea: 'repairs',
    description: 'Damp in the bedroom since January',
    outcomeSought: 'Fix it',
    tenure: 'LCRA',
  },
} as unknown as ComplaintEnvelope['event'];

const response = {
  type: 'StageResponseIssued',
  data: {
    complaintId: 'c-1',
    occurredAt: '2026-03-10T10:00:00.000Z',
    stage: 1,
    decisions: [
      { head: 'Damp not treated', outcome: 'upheld', reasons: 'Mrs Lovelace reported it twice' },
      { head: 'Rude operative', outcome: 'not_upheld', reasons: 'No record' },
    ],
    remedies: {
      apology: true,
      actions: [{ description: 'Treat damp at 4 Elm Road', dueBy: '2026-04-01' }],
      compensation: [{ amountPence: 5000, kind: 'time_and_trouble' }],
    },
  },
} as unknown as ComplaintEnvelope['event'];

describe('the outbound form of an event', () => {
  it('leaves out every personal field and says which were withheld', () => {
    const out = toOutboundEvent(envelope(received));
    expect(out.data).toEqual({
      complaintId: 'c-1',
      reference: 'CMP-2026-000001',
      occurredAt: '2026-03-02T10:00:00.000Z',
      channel: 'email',
      serviceArea: 'repairs',
      tenure: 'LCRA',
    });
    expect(out.personalDataWithheld).toEqual(['complainant', 'description', 'outcomeSought']);
    expect(JSON.stringify(out)).not.toMatch(/Ada|Lovelace|example\.org|Damp|Fix it|Priya/);
  });

  it('removes personal fields inside arrays and keeps the facts beside them', () => {
    const out = toOutboundEvent(envelope(response, { revision: 5, globalPosition: 9n }));
    expect(out.data['decisions']).toEqual([{ outcome: 'upheld' }, { outcome: 'not_upheld' }]);
    expect(out.data['remedies']).toEqual({
      apology: true,
      actions: [{ dueBy: '2026-04-01' }],
      compensation: [{ amountPence: 5000, kind: 'time_and_trouble' }],
    });
    expect(out.personalDataWithheld).toEqual([
      'decisions[].head',
      'decisions[].reasons',
      'remedies.actions[].description',
    ]);
    expect(JSON.stringify(out)).not.toMatch(/Lovelace|Elm Road|Damp|Rude/);
  });

  it('does not touch the envelope it was given', () => {
    const source = envelope(received);
    toOutboundEvent(source);
    expect((source.event.data as { complainant: { name: string } }).complainant.name).toBe('Ada Lovelace');
  });

  it('carries ids, order and times in the body and in string headers', () => {
    const out = toOutboundEvent(
      envelope(response, {
        revision: 5,
        globalPosition: 9n,
        metadata: {
          actor: { id: 'u-7', name: 'Priya Shah', role: 'complaints_officer' },
          correlationId: 'corr-9',
          causationId: 'cause-1',
          occurredAt: '2026-03-10T10:00:00.000Z',
        },
      }),
    );
    expect(out).toMatchObject({
      eventId: 'evt-1',
      position: '9',
      revision: 5,
      schemaVersion: 2,
      type: 'StageResponseIssued',
      correlationId: 'corr-9',
      causationId: 'cause-1',
      actor: { id: 'u-7', role: 'complaints_officer' },
    });
    expect(outboundHeaders(out)).toEqual({
      'event-type': 'StageResponseIssued',
      'event-id': 'evt-1',
      'schema-version': '2',
      'correlation-id': 'corr-9',
      'occurred-at': '2026-03-10T10:00:00.000Z',
      'recorded-at': '2026-03-02T10:00:01.000Z',
      'complaint-id': 'c-1',
      position: '9',
      revision: '5',
      'content-type': 'application/json',
    });
  });

  it('delivers ComplaintReceived at its current schema version even when stored as v1', () => {
    expect(toOutboundEvent(envelope(received, { storedSchemaVersion: 1 })).schemaVersion).toBe(3);
  });
});

describe('events of other records of the log (feedback)', () => {
  const compliment = {
    type: 'FeedbackReceived',
    data: {
      occurredAt: '2026-03-02T10:00:00.000Z',
      feedbackId: 'f-1',
      dataSubjectId: 'ds-f-1',
      kind: 'compliment',
      channel: 'phone',
      serviceArea: 'Repairs',
      summary: 'Priya fixed the boiler the same day',
      staffMember: 'Priya Shah',
      team: 'Repairs north',
      from: { name: 'Ada Lovelace' },
    },
  } as unknown as ComplaintEnvelope['event'];

  it('carry their stream id where a complaint event carries the complaint id, so neither is taken for the other', () => {
    const out = toOutboundEvent(
      envelope(compliment, { complaintId: 'f-1', category: 'feedback', streamId: 'feedback-f-1' }),
    );
    expect(out.complaintId).toBe('feedback-f-1');
    expect(outboundHeaders(out)['complaint-id']).toBe('feedback-f-1');
    expect(recordOf(out)).toEqual({ category: 'feedback', id: 'f-1' });
    expect(out.data).toEqual({
      occurredAt: '2026-03-02T10:00:00.000Z',
      feedbackId: 'f-1',
      dataSubjectId: 'ds-f-1',
      kind: 'compliment',
      channel: 'phone',
      serviceArea: 'Repairs',
      team: 'Repairs north',
    });
    expect(out.personalDataWithheld).toEqual(['summary', 'staffMember', 'from']);
  });

  it("a complaint's events keep the complaint's own id", () => {
    const out = toOutboundEvent(envelope(received));
    expect(out.complaintId).toBe('c-1');
    expect(recordOf(out)).toEqual({ category: 'complaint', id: 'c-1' });
  });
});

describe('withoutPersonalFields', () => {
  it('skips paths that are absent and reports none withheld', () => {
    expect(withoutPersonalFields({ a: 1 }, ['b', 'c[].d', 'e.f'])).toEqual({ data: { a: 1 }, withheld: [] });
  });

  it('drops an array whose elements are themselves personal', () => {
    expect(withoutPersonalFields({ heads: ['x', 'y'], n: 2 }, ['heads[]'])).toEqual({
      data: { n: 2 },
      withheld: ['heads[]'],
    });
  });

  it('leaves out the staff free text that can name people (issue 12), keeping the facts around it', () => {
    const at = '2026-03-10T10:00:00.000Z';
    const MARK = 'Mrs Lovelace';
    const cases: [ComplaintEnvelope['event'], string[]][] = [
      [
        {
          type: 'ComplaintAssigned',
          data: { occurredAt: at, stage: 1, handler: { id: 'u-2', name: 'Alex' }, reason: `${MARK} asked` },
        },
        ['reason'],
      ],
      [
        {
          type: 'ExtensionAgreed',
          data: {
            occurredAt: at,
            stage: 1,
            additionalWorkingDays: 5,
            reason: `${MARK} away`,
            goodReason: `${MARK} ill`,
            residentInformed: true,
            ombudsmanDetailsGiven: true,
          },
        },
        ['reason', 'goodReason'],
      ],
      [
        {
          type: 'ComplaintClosed',
          data: {
            occurredAt: at,
            outcome: `${MARK} content`,
            closedBy: { id: 'u', name: 'Sam' },
            lessonsRecorded: 0,
            lessonsNotApplicableReason: `${MARK} only`,
          },
        },
        ['outcome', 'lessonsNotApplicableReason'],
      ],
      [
        {
          type: 'LessonRecorded',
          data: {
            occurredAt: at,
            lessonId: 'L1',
            lesson: `Call ${MARK}`,
            rootCause: `${MARK} missed`,
            improvementAction: `Ring ${MARK}`,
            owner: `${MARK}'s officer`,
          },
        },
        ['lesson', 'rootCause', 'improvementAction', 'owner'],
      ],
      [
        {
          type: 'CompensationPaid',
          data: { occurredAt: at, amountPence: 5000, kind: 'loss', method: `BACS to ${MARK}` },
        },
        ['method'],
      ],
      [
        {
          type: 'OmbudsmanDeterminationRecorded',
          data: {
            occurredAt: at,
            ombudsmanReference: 'HO-1',
            findings: [{ element: `${MARK}'s repairs`, finding: 'redress' }],
            orders: [{ orderId: 'O1', description: `Pay ${MARK}`, dueBy: '2026-04-01' }],
          },
        },
        ['findings[].element', 'orders[].description'],
      ],
      [
        { type: 'OmbudsmanOrderComplied', data: { occurredAt: at, orderId: 'O1', evidence: `Paid ${MARK}` } },
        ['evidence'],
      ],
      [
        {
          type: 'PersonalDataErased',
          data: { occurredAt: at, dataSubjectId: 'ds-1', basis: 'data_subject_request', reason: `${MARK} asked` },
        },
        ['reason'],
      ],
    ] as [ComplaintEnvelope['event'], string[]][];
    for (const [event, withheld] of cases) {
      const out = toOutboundEvent(envelope(event));
      expect(JSON.stringify(out.data), event.type).not.toContain(MARK);
      expect(JSON.stringify(event.data), 'positive control').toContain(MARK);
      expect(out.personalDataWithheld, event.type).toEqual(withheld);
      expect(out.data['occurredAt']).toBe(at);
    }
  });
});
