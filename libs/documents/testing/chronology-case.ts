import type { Actor, ComplaintEvent } from '@complaints/contracts';
import { createWorkingDayCalendar, type WorkingDayCalendar } from '@complaints/domain';
import type { ComplaintEnvelope } from '@complaints/event-store';
import { buildChronology } from '@complaints/projections';
import { complaintView, type Organisation } from '@complaints/reporting';
import type { ChronologyDocument } from '../src/chronology/chronology-pdf';

/**
 * A chronology as the API would build it, from real events folded by the real decider, without
 * a store: for tests of the printed forms. Dates are 2026, England and Wales.
 */
export interface CaseOptions {
  complainantName?: string;
  description?: string;
  /** Extra logged contacts, one working day apart from 5 March 2026: makes the case as long as needed. */
  contacts?: number;
  contactSummary?: (index: number) => string;
  integrity?: ChronologyDocument['integrity'];
  generatedAt?: Date;
}

const officer: Actor = { id: 'u-017', name: 'Sam Officer', role: 'complaints_officer' };
const HEAD_HASH = '9f2c4b7a1e0d3c5b6a7980f1e2d3c4b5a69788f0e1d2c3b4a5968778695a4b3c';

export const calendar: WorkingDayCalendar = createWorkingDayCalendar({ division: 'england-and-wales' });
const organisation: Organisation = { calendar, localProfile: null, homes: { total: 10_000 } };

export function chronologyCase(options: CaseOptions = {}): ChronologyDocument {
  const events: ComplaintEvent[] = [
    {
      type: 'ComplaintReceived',
      data: {
        occurredAt: '2026-03-02T09:15:00Z',
        complaintId: 'c-1',
        reference: 'CMP-2026-000042',
        dataSubjectId: 'ds-1',
        channel: 'phone',
        complainant: { name: options.complainantName ?? 'Jane Resident' },
        serviceArea: 'repairs',
        category: 'damp and mould',
        description: options.description ?? 'Black mould in the back bedroom keeps coming back.',
        outcomeSought: 'A permanent fix',
      },
    },
    {
      type: 'ComplaintAcknowledged',
      data: {
        occurredAt: '2026-03-04T10:00:00Z',
        stage: 1,
        handler: { id: 'u-017', name: 'Sam Officer' },
        method: 'email',
        headsOfComplaint: ['Repeated mould in the back bedroom', 'Missed repair appointments'],
        outcomesSought: ['A permanent fix'],
      },
    },
  ];
  let day = '2026-03-04';
  for (let index = 0; index < (options.contacts ?? 0); index++) {
    day = calendar.addWorkingDays(day, 1);
    events.push({
      type: 'ContactLogged',
      data: {
        occurredAt: `${day}T11:30:00Z`,
        direction: index % 2 === 0 ? 'outbound' : 'inbound',
        channel: 'phone',
        reached: true,
        summary: options.contactSummary?.(index) ?? `Call ${index + 1} about the inspection.`,
      },
    });
  }
  events.push({
    type: 'StageResponseIssued',
    data: {
      occurredAt: '2026-03-16T15:00:00Z',
      stage: 1,
      decisions: [
        {
          head: 'Repeated mould in the back bedroom',
          outcome: 'upheld',
          reasons: 'The extractor fan was never replaced.',
        },
      ],
      remedies: {
        apology: true,
        actions: [{ actionId: 'a-1', description: 'Replace the extractor fan', dueBy: '2026-03-27' }],
        compensation: [{ amountPence: 15000, kind: 'time_and_trouble' }],
      },
    },
  });
  const envelopes: ComplaintEnvelope[] = events.map((event, index) => ({
    eventId: `e-${index + 1}`,
    complaintId: 'c-1',
    category: 'complaint',
    streamId: 'complaint-c-1',
    type: event.type,
    storedSchemaVersion: 1,
    event,
    metadata: { actor: officer, correlationId: `k-${index + 1}`, occurredAt: event.data.occurredAt },
    revision: index + 1,
    globalPosition: BigInt(index + 1),
    // The response was recorded two days after it was sent: the chronology says so.
    recordedAt: event.type === 'StageResponseIssued' ? '2026-03-18T09:00:00Z' : event.data.occurredAt,
    occurredAt: event.data.occurredAt,
    hash: HEAD_HASH,
    personalDataErased: false,
  }));
  const view = complaintView(envelopes, organisation, '2026-03-20');
  if (!view) throw new Error('the fixture case was not received');
  const timeline = envelopes.map((e) => ({
    ...e.event,
    revision: e.revision,
    recordedAt: e.recordedAt,
    actor: e.metadata.actor,
  }));
  return {
    view,
    entries: buildChronology(timeline, calendar),
    integrity: options.integrity ?? { valid: true, eventsChecked: envelopes.length, headHash: HEAD_HASH },
    generatedAt: options.generatedAt ?? new Date('2026-03-20T14:05:09.123Z'),
  };
}
