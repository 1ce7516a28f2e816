import { describe, expect, it } from 'vitest';
import { ComplaintReceivedV3 } from './events';
import { UnknownEventError, upcast } from './upcasting';

const v1 = {
  occurredAt: '2024-05-01T09:00:00Z',
  complaintId: 'c-1',
  reference: 'CMP-2024-000001',
  channel: 'letter',
  complainantName: 'Ada Lovelace',
  complainantEmail: 'ada@example.org',
  serviceArea: 'repairs',
  description: 'The boiler has failed three times.',
};

describe('upcasting ComplaintReceived', () => {
  it('lifts a stored v1 event (flat complainant fields) to the current shape without touching the stored copy', () => {
    const stored = structuredClone(v1);
    const event = upcast('ComplaintReceived', 1, stored);
    expect(event.type).toBe('ComplaintReceived');
    expect(event.data).toEqual({
      occurredAt: '2024-05-01T09:00:00Z',
      complaintId: 'c-1',
      reference: 'CMP-2024-000001',
      dataSubjectId: 'c-1',
      channel: 'letter',
      complainant: { name: 'Ada Lovelace', email: 'ada@example.org' },
      serviceArea: 'repairs',
      description: 'The boiler has failed three times.',
    });
    expect(ComplaintReceivedV3.schema.safeParse(event.data).success).toBe(true);
    expect(stored).toEqual(v1);
  });

  it('passes a current-version event through, validated', () => {
    const current = upcast('ComplaintReceived', 1, v1).data;
    expect(upcast('ComplaintReceived', 3, current).data).toEqual(current);
  });

  it('rejects a stored event that does not match its declared version', () => {
    expect(() => upcast('ComplaintReceived', 2, v1)).toThrow();
  });

  it('refuses versions and types it has never published', () => {
    expect(() => upcast('ComplaintReceived', 4, v1)).toThrow(UnknownEventError);
    expect(() => upcast('ComplaintTeleported', 1, {})).toThrow(UnknownEventError);
  });
});

describe('upcasting the v1 events issue 11 gave a v2', () => {
  it('loads a v1 acknowledgement, assignment and response as v2 with no recorder (unknown)', () => {
    const acknowledged = {
      occurredAt: '2024-05-02T09:00:00Z',
      stage: 1,
      handler: { id: 'u-1', name: 'Sam Officer' },
      headsOfComplaint: [],
      outcomesSought: [],
    };
    expect(upcast('ComplaintAcknowledged', 1, acknowledged).data).toEqual(acknowledged);
    const response = {
      occurredAt: '2024-05-10T09:00:00Z',
      stage: 1,
      decisions: [{ head: 'Boiler', outcome: 'upheld', reasons: 'Three failures' }],
      remedies: { apology: false, actions: [], compensation: [] },
    };
    expect(upcast('StageResponseIssued', 1, response).data).toEqual(response);
    expect(
      upcast('ComplaintAssigned', 1, {
        occurredAt: '2024-05-03T09:00:00Z',
        stage: 1,
        handler: { id: 'u-2', name: 'Alex' },
        reason: 'Leave',
      }).data,
    ).not.toHaveProperty('recordedBy');
  });

  it('loads a v1 survey (no stage), escalation and refusal', () => {
    expect(
      upcast('SatisfactionRecorded', 1, {
        occurredAt: '2024-06-01T09:00:00Z',
        withHandling: 'neither',
        withOutcome: 'neither',
      }).data,
    ).not.toHaveProperty('stage');
    expect(upcast('ComplaintEscalated', 1, { occurredAt: '2024-06-01T09:00:00Z' }).data).toEqual({
      occurredAt: '2024-06-01T09:00:00Z',
    });
    const refused = {
      occurredAt: '2024-06-01T09:00:00Z',
      ground: 'other',
      explanation: 'x',
      ombudsmanReferralRightGiven: false,
    };
    expect(upcast('ComplaintRefused', 1, refused).data).toEqual(refused);
  });
});

describe('upcasting the versions issue 12 gave: free text made personal, channels a vocabulary', () => {
  const received = upcast('ComplaintReceived', 1, v1).data;
  const v2 = (channel: string) => ({ ...received, channel });

  it('reads a free-text channel of a v2 receipt as its channel, or as other: typed words never reach a reader', () => {
    expect(upcast('ComplaintReceived', 2, v2('email')).data).toMatchObject({ channel: 'email' });
    expect(upcast('ComplaintReceived', 2, v2('Telephone')).data).toMatchObject({ channel: 'phone' });
    expect(upcast('ComplaintReceived', 2, v2('In-Person')).data).toMatchObject({ channel: 'in_person' });
    expect(upcast('ComplaintReceived', 2, v2('Online form')).data).toMatchObject({ channel: 'web_form' });
    expect(upcast('ComplaintReceived', 2, v2('via her son Tom Ellis')).data).toMatchObject({ channel: 'other' });
    const contact = { occurredAt: '2026-03-05T09:00:00Z', direction: 'outbound', channel: 'SMS', reached: true };
    expect(upcast('ContactLogged', 1, contact).data).toEqual({ ...contact, channel: 'text_message' });
    const acknowledged = {
      occurredAt: '2024-05-02T09:00:00Z',
      stage: 1,
      handler: { id: 'u-1', name: 'Sam' },
      method: 'Letter',
      headsOfComplaint: [],
      outcomesSought: [],
    };
    expect(upcast('ComplaintAcknowledged', 1, acknowledged).data).toEqual({ ...acknowledged, method: 'letter' });
    const { method: _none, ...unstated } = acknowledged;
    expect(upcast('ComplaintAcknowledged', 2, unstated).data).not.toHaveProperty('method');
  });

  it('passes the same-shape versions through unchanged and valid', () => {
    const at = '2026-03-05T09:00:00Z';
    const cases: [string, number, unknown][] = [
      ['ComplaintAssigned', 1, { occurredAt: at, stage: 1, handler: { id: 'u-2', name: 'Alex' }, reason: 'Leave' }],
      [
        'ExtensionAgreed',
        1,
        {
          occurredAt: at,
          stage: 1,
          additionalWorkingDays: 5,
          reason: 'Survey',
          residentInformed: true,
          ombudsmanDetailsGiven: true,
        },
      ],
      [
        'ComplaintClosed',
        1,
        {
          occurredAt: at,
          outcome: 'Resolved',
          closedBy: { id: 'u', name: 'Sam' },
          lessonsRecorded: 0,
          lessonsNotApplicableReason: 'None',
        },
      ],
      ['LessonRecorded', 1, { occurredAt: at, lessonId: 'L1', lesson: 'Call back', owner: 'Head of Repairs' }],
      ['CompensationPaid', 1, { occurredAt: at, amountPence: 100, method: 'BACS' }],
      [
        'OmbudsmanDeterminationRecorded',
        1,
        {
          occurredAt: at,
          ombudsmanReference: 'HO-1',
          findings: [{ element: 'Repairs', finding: 'redress' }],
          orders: [{ orderId: 'O1', description: 'Pay', dueBy: '2026-04-01' }],
        },
      ],
      ['OmbudsmanOrderComplied', 1, { occurredAt: at, orderId: 'O1', evidence: 'Paid' }],
    ];
    for (const [type, version, data] of cases) expect(upcast(type, version, data).data, type).toEqual(data);
  });

  it('reads a v1 erasure as v2 with no basis (not recorded then) and its reason as the reason', () => {
    const erased = { occurredAt: '2026-03-05T09:00:00Z', dataSubjectId: 'ds-1', reason: 'Retention period ended' };
    const event = upcast('PersonalDataErased', 1, erased).data;
    expect(event).toEqual(erased);
    expect(event).not.toHaveProperty('basis');
  });
});
