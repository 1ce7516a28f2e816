import { describe, expect, it } from 'vitest';
import { ComplaintReceivedV2 } from './events';
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
  it('lifts a stored v1 event (flat complainant fields) to the current v2 shape without touching the stored copy', () => {
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
    expect(ComplaintReceivedV2.schema.safeParse(event.data).success).toBe(true);
    expect(stored).toEqual(v1);
  });

  it('passes a current-version event through, validated', () => {
    const current = upcast('ComplaintReceived', 1, v1).data;
    expect(upcast('ComplaintReceived', 2, current).data).toEqual(current);
  });

  it('rejects a stored event that does not match its declared version', () => {
    expect(() => upcast('ComplaintReceived', 2, v1)).toThrow();
  });

  it('refuses versions and types it has never published', () => {
    expect(() => upcast('ComplaintReceived', 3, v1)).toThrow(UnknownEventError);
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
    expect(upcast('ComplaintAssigned', 1, { occurredAt: '2024-05-03T09:00:00Z', stage: 1, handler: { id: 'u-2', name: 'Alex' }, reason: 'Leave' }).data).not.toHaveProperty('recordedBy');
  });

  it('loads a v1 survey (no stage), escalation and refusal', () => {
    expect(upcast('SatisfactionRecorded', 1, { occurredAt: '2024-06-01T09:00:00Z', withHandling: 'neither', withOutcome: 'neither' }).data).not.toHaveProperty('stage');
    expect(upcast('ComplaintEscalated', 1, { occurredAt: '2024-06-01T09:00:00Z' }).data).toEqual({ occurredAt: '2024-06-01T09:00:00Z' });
    const refused = { occurredAt: '2024-06-01T09:00:00Z', ground: 'other', explanation: 'x', ombudsmanReferralRightGiven: false };
    expect(upcast('ComplaintRefused', 1, refused).data).toEqual(refused);
  });
});
