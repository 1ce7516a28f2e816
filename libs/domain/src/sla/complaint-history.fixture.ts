import type { ComplaintEvent, Stage, Tenure } from '@complaints/contracts';

/**
 * Test-only builders of a complaint's events (used by the SLA and measures specs). Each takes a
 * London date ('2026-03-02', read as 10:00 UTC, the same date in London under GMT and BST) or a
 * full instant when the time of day is the point of the test.
 */
function instant(when: string): string {
  return when.length === 10 ? `${when}T10:00:00Z` : when;
}

const handler = { id: 'u-officer', name: 'Sam Officer' };

export function received(when: string, options: { tenure?: Tenure; id?: string } = {}): ComplaintEvent {
  const id = options.id ?? 'c-1';
  return {
    type: 'ComplaintReceived',
    data: {
      occurredAt: instant(when),
      complaintId: id,
      reference: `REF-${id}`,
      dataSubjectId: `ds-${id}`,
      channel: 'email',
      complainant: { name: 'A Resident' },
      serviceArea: 'repairs',
      description: 'The boiler has not been fixed.',
      ...(options.tenure ? { tenure: options.tenure } : {}),
    },
  };
}

export function acknowledged(stage: Stage, when: string): ComplaintEvent {
  return {
    type: 'ComplaintAcknowledged',
    data: {
      occurredAt: instant(when),
      stage,
      handler,
      headsOfComplaint: ['Boiler repair delay'],
      outcomesSought: ['Repair'],
    },
  };
}

export function extended(stage: Stage, when: string, additionalWorkingDays: number): ComplaintEvent {
  return {
    type: 'ExtensionAgreed',
    data: {
      occurredAt: instant(when),
      stage,
      additionalWorkingDays,
      reason: 'Awaiting a contractor report',
      residentInformed: true,
      ombudsmanDetailsGiven: true,
    },
  };
}

export function responded(stage: Stage, when: string): ComplaintEvent {
  return {
    type: 'StageResponseIssued',
    data: {
      occurredAt: instant(when),
      stage,
      decisions: [{ head: 'Boiler repair delay', outcome: 'upheld', reasons: 'The repair took too long.' }],
      remedies: { apology: true, actions: [], compensation: [] },
    },
  };
}

export function escalated(when: string): ComplaintEvent {
  return { type: 'ComplaintEscalated', data: { occurredAt: instant(when) } };
}

export function withdrawn(when: string): ComplaintEvent {
  return { type: 'ComplaintWithdrawn', data: { occurredAt: instant(when) } };
}

export function refused(when: string): ComplaintEvent {
  return {
    type: 'ComplaintRefused',
    data: {
      occurredAt: instant(when),
      ground: 'older_than_12_months',
      explanation: 'The issue was raised more than 12 months after it arose.',
      ombudsmanReferralRightGiven: true,
    },
  };
}

export function assigned(stage: Stage, when: string): ComplaintEvent {
  return {
    type: 'ComplaintAssigned',
    data: { occurredAt: instant(when), stage, handler: { id: 'u-other', name: 'Alex Other' }, reason: 'Leave cover' },
  };
}

export function contactLogged(when: string): ComplaintEvent {
  return {
    type: 'ContactLogged',
    data: { occurredAt: instant(when), direction: 'outbound', channel: 'phone', reached: false },
  };
}

export function closed(when: string): ComplaintEvent {
  return {
    type: 'ComplaintClosed',
    data: {
      occurredAt: instant(when),
      outcome: 'Resolved',
      closedBy: handler,
      lessonsRecorded: 0,
      lessonsNotApplicableReason: 'A one-off contractor error.',
    },
  };
}
