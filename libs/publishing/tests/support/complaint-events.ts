import { randomUUID } from 'node:crypto';
import type { Actor, ComplaintEvent } from '@complaints/contracts';
import type { ComplaintEventStore, GlobalPosition } from '@complaints/event-store';

/**
 * Complaint events for relay tests, valid under the current schemas. Every value the contracts
 * mark personal (complainant, the resident's words) and the recording officer's name (the
 * outbound form keeps only the actor's id and role) is in PERSONAL_MARKERS, so a test can search
 * raw Kafka bytes and HTTP bodies for them. A handler's name is staff data the contracts do not
 * mark personal, so it is not a marker.
 */
export const OFFICER: Actor = { id: 'u-officer', name: 'Priya Shah', role: 'complaints_officer' };

export const PERSONAL_MARKERS = [
  'Priya Shah',
  'Margaret Ellis',
  'margaret.ellis@example.org',
  '18 Weaste Lane',
  'Black mould keeps coming back',
  'Spoke to Mrs Ellis about her asthma',
] as const;

export const event = {
  received: (complaintId: string): ComplaintEvent => ({
    type: 'ComplaintReceived',
    data: {
      occurredAt: '2026-03-02T10:00:00Z',
      complaintId,
      reference: `CMP-${complaintId}`,
      dataSubjectId: `ds-${complaintId}`,
      channel: 'email',
      complainant: {
        name: 'Margaret Ellis',
        email: 'margaret.ellis@example.org',
        address: 'Flat 4, 18 Weaste Lane, Salford M5 2JH',
      },
      serviceArea: 'Repairs',
      description: 'Black mould keeps coming back on the bedroom wall',
    },
  }),
  acknowledged: (): ComplaintEvent => ({
    type: 'ComplaintAcknowledged',
    data: {
      occurredAt: '2026-03-04T10:00:00Z',
      stage: 1,
      handler: { id: 'u-sam', name: 'Sam Officer' },
      method: 'letter',
      headsOfComplaint: ['Damp and mould'],
      outcomesSought: ['Repair'],
    },
  }),
  contact: (day: number): ComplaintEvent => ({
    type: 'ContactLogged',
    data: {
      occurredAt: `2026-03-${String(day).padStart(2, '0')}T10:00:00Z`,
      direction: 'outbound',
      channel: 'phone',
      reached: true,
      summary: 'Spoke to Mrs Ellis about her asthma',
    },
  }),
};

/** The n-th event of a complaint's history: received, acknowledged, then contacts. */
export function nthEvent(complaintId: string, revision: number): ComplaintEvent {
  if (revision === 1) return event.received(complaintId);
  if (revision === 2) return event.acknowledged();
  return event.contact(Math.min(28, 3 + revision));
}

/** Append one event to a complaint, as a command would; returns its global position. */
export async function appendNext(complaints: ComplaintEventStore, complaintId: string): Promise<GlobalPosition> {
  const { revision } = await complaints.load(complaintId);
  const result = await complaints.append(complaintId, [nthEvent(complaintId, revision + 1)], {
    expectedRevision: revision,
    actor: OFFICER,
    correlationId: randomUUID(),
    dataSubjectId: `ds-${complaintId}`,
  });
  return result.lastPosition;
}

/**
 * Record `perComplaint` events for each complaint, interleaved round-robin in the log (as real
 * work would be). Returns the last position.
 */
export async function recordInterleaved(
  complaints: ComplaintEventStore,
  complaintIds: readonly string[],
  perComplaint: number,
): Promise<GlobalPosition> {
  let last = 0n;
  for (let round = 0; round < perComplaint; round++) {
    for (const id of complaintIds) last = await appendNext(complaints, id);
  }
  return last;
}
