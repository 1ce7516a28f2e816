import { randomUUID } from 'node:crypto';
import type { Actor, ComplaintEvent, Person, Stage, Tenure } from '@complaints/contracts';
import type { ComplaintEventStore, GlobalPosition } from '@complaints/event-store';

/**
 * Complaint events for projection tests, valid under the current schemas (they go through the
 * ComplaintEventStore, which validates). Dates are London dates read as 10:00 UTC (the same day
 * in London under GMT and BST) unless a full instant is given. Every personal value is listed in
 * PERSONAL_TEXT so a test can look for it in read-model tables.
 */
export const OFFICER: Actor = { id: 'u-officer', name: 'Priya Shah', role: 'complaints_officer' };
export const SAM: Person = { id: 'u-sam', name: 'Sam Officer' };
export const ALEX: Person = { id: 'u-alex', name: 'Alex Other' };
export const DANIEL: Person = { id: 'u-daniel', name: 'Daniel Okafor' };

export const PERSONAL_TEXT = [
  'Margaret Ellis',
  'margaret.ellis@example.org',
  'Flat 4, 18 Weaste Lane, Salford M5 2JH',
  'Black mould keeps coming back on the bedroom wall',
  'Repeated failure to treat damp and mould',
  'Spoke to Mrs Ellis about her asthma',
] as const;

function instant(when: string): string {
  return when.length === 10 ? `${when}T10:00:00Z` : when;
}

export const event = {
  received: (
    complaintId: string,
    when: string,
    options: { serviceArea?: string; category?: string; tenure?: Tenure; reference?: string } = {},
  ): ComplaintEvent => ({
    type: 'ComplaintReceived',
    data: {
      occurredAt: instant(when),
      complaintId,
      reference: options.reference ?? `CMP-${complaintId}`,
      dataSubjectId: `ds-${complaintId}`,
      channel: 'email',
      complainant: {
        name: 'Margaret Ellis',
        email: 'margaret.ellis@example.org',
        address: 'Flat 4, 18 Weaste Lane, Salford M5 2JH',
      },
      serviceArea: options.serviceArea ?? 'Repairs',
      ...(options.category !== undefined ? { category: options.category } : {}),
      description: 'Black mould keeps coming back on the bedroom wall',
      ...(options.tenure !== undefined ? { tenure: options.tenure } : {}),
    },
  }),
  acknowledged: (stage: Stage, when: string, handler: Person = stage === 1 ? SAM : DANIEL): ComplaintEvent => ({
    type: 'ComplaintAcknowledged',
    data: {
      occurredAt: instant(when),
      stage,
      handler,
      method: 'letter',
      headsOfComplaint: ['Repeated failure to treat damp and mould'],
      outcomesSought: ['Repair'],
    },
  }),
  assigned: (stage: Stage, when: string, handler: Person = ALEX): ComplaintEvent => ({
    type: 'ComplaintAssigned',
    data: { occurredAt: instant(when), stage, handler, reason: 'Leave cover' },
  }),
  extended: (stage: Stage, when: string, additionalWorkingDays: number, goodReason?: string): ComplaintEvent => ({
    type: 'ExtensionAgreed',
    data: {
      occurredAt: instant(when),
      stage,
      additionalWorkingDays,
      reason: 'Awaiting a surveyor',
      residentInformed: true,
      ombudsmanDetailsGiven: true,
      ...(goodReason !== undefined ? { goodReason } : {}),
    },
  }),
  responded: (stage: Stage, when: string): ComplaintEvent => ({
    type: 'StageResponseIssued',
    data: {
      occurredAt: instant(when),
      stage,
      decisions: [
        { head: 'Repeated failure to treat damp and mould', outcome: 'upheld', reasons: 'The repair took too long.' },
      ],
      remedies: { apology: true, actions: [], compensation: [] },
    },
  }),
  escalated: (when: string): ComplaintEvent => ({ type: 'ComplaintEscalated', data: { occurredAt: instant(when) } }),
  closed: (when: string): ComplaintEvent => ({
    type: 'ComplaintClosed',
    data: {
      occurredAt: instant(when),
      outcome: 'Resolved',
      closedBy: SAM,
      lessonsRecorded: 0,
      lessonsNotApplicableReason: 'A one-off contractor error.',
    },
  }),
  withdrawn: (when: string): ComplaintEvent => ({
    type: 'ComplaintWithdrawn',
    data: { occurredAt: instant(when), reason: 'Resolved informally' },
  }),
  refused: (when: string): ComplaintEvent => ({
    type: 'ComplaintRefused',
    data: {
      occurredAt: instant(when),
      ground: 'older_than_12_months',
      explanation: 'Raised more than a year later.',
      ombudsmanReferralRightGiven: true,
    },
  }),
  contact: (when: string): ComplaintEvent => ({
    type: 'ContactLogged',
    data: {
      occurredAt: instant(when),
      direction: 'outbound',
      channel: 'phone',
      reached: true,
      summary: 'Spoke to Mrs Ellis about her asthma',
    },
  }),
  erased: (complaintId: string, when: string): ComplaintEvent => ({
    type: 'PersonalDataErased',
    data: { occurredAt: instant(when), dataSubjectId: `ds-${complaintId}`, reason: 'Erasure request' },
  }),
};

/** Append events to one complaint one at a time, as commands would; returns the last global position. */
export async function record(
  complaints: ComplaintEventStore,
  complaintId: string,
  events: readonly ComplaintEvent[],
): Promise<GlobalPosition> {
  let { revision } = await complaints.load(complaintId);
  let last = 0n;
  for (const e of events) {
    const result = await complaints.append(complaintId, [e], {
      expectedRevision: revision,
      actor: OFFICER,
      correlationId: randomUUID(),
      dataSubjectId: `ds-${complaintId}`,
    });
    revision = result.nextRevision;
    last = result.lastPosition;
  }
  return last;
}

/**
 * A small caseload, interleaved in the log as real work would be. The expected figures in the
 * specs are worked out by hand from domain.md (2024 Code, england-and-wales):
 * - c-acked    received Mon 2 Mar 2026, acked Wed 4 Mar (Sam): ack due Mon 9 Mar, response due Wed 18 Mar. Open.
 * - c-waiting  received Mon 2 Mar, never acked: ack due 9 Mar, response due Mon 23 Mar (provisional). Housing.
 * - c-two      two stages, closed: escalated Fri 20 Mar, stage 2 acked Wed 25 Mar (Daniel) → due Fri 24 Apr.
 * - c-moved    acked 4 Mar (Sam), reassigned to Alex on 6 Mar, extended by 5: response due Wed 25 Mar.
 * - c-escal    stage 1 answered, escalated Fri 20 Mar, not yet acked: stage 2 ack due Fri 27 Mar, no handler.
 * - c-gone     withdrawn Fri 6 Mar. c-refused refused Tue 3 Mar.
 */
export const CASELOAD: readonly (readonly [string, ComplaintEvent])[] = [
  ['c-acked', event.received('c-acked', '2026-03-02', { category: 'Damp and mould', tenure: 'LCRA' })],
  ['c-waiting', event.received('c-waiting', '2026-03-02T15:00:00Z', { serviceArea: 'Housing', tenure: 'LCHO' })],
  ['c-two', event.received('c-two', '2026-03-03')],
  ['c-moved', event.received('c-moved', '2026-03-02T11:00:00Z')],
  ['c-gone', event.received('c-gone', '2026-03-03T12:00:00Z', { serviceArea: 'Anti-social behaviour' })],
  ['c-refused', event.received('c-refused', '2026-03-03T13:00:00Z')],
  ['c-escal', event.received('c-escal', '2026-03-03T14:00:00Z')],
  ['c-refused', event.refused('2026-03-03T16:00:00Z')],
  ['c-acked', event.acknowledged(1, '2026-03-04')],
  ['c-two', event.acknowledged(1, '2026-03-04')],
  ['c-moved', event.acknowledged(1, '2026-03-04')],
  ['c-escal', event.acknowledged(1, '2026-03-04')],
  ['c-acked', event.contact('2026-03-05')],
  ['c-moved', event.assigned(1, '2026-03-06')],
  ['c-gone', event.withdrawn('2026-03-06')],
  ['c-moved', event.extended(1, '2026-03-10', 5)],
  ['c-two', event.responded(1, '2026-03-17')],
  ['c-escal', event.responded(1, '2026-03-17')],
  ['c-two', event.escalated('2026-03-20')],
  ['c-escal', event.escalated('2026-03-20')],
  ['c-two', event.acknowledged(2, '2026-03-25')],
  ['c-two', event.responded(2, '2026-04-23')],
  ['c-two', event.closed('2026-04-24')],
];

/** Record the caseload in its interleaved order; returns the last position. */
export async function recordCaseload(complaints: ComplaintEventStore, caseload = CASELOAD): Promise<GlobalPosition> {
  let last = 0n;
  for (const [complaintId, e] of caseload) last = await record(complaints, complaintId, [e]);
  return last;
}
