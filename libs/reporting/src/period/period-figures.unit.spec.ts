import { describe, expect, it } from 'vitest';
import type { ComplaintEvent } from '@complaints/contracts';
import { createWorkingDayCalendar } from '@complaints/domain';
import { periodFigures } from './period-figures';

const calendar = createWorkingDayCalendar();
const event = (type: string, data: Record<string, unknown>) => ({ type, data }) as unknown as ComplaintEvent;

/** A complaint answered at stage 1 on `respondedOn` and, when given, escalated on `escalatedOn`. */
function history(id: string, respondedOn: string, escalatedOn?: string): ComplaintEvent[] {
  return [
    event('ComplaintReceived', {
      occurredAt: '2026-03-02T10:00:00Z',
      complaintId: id,
      reference: `REF-${id}`,
      dataSubjectId: `ds-${id}`,
      channel: 'email',
      complainant: '[erased]',
      serviceArea: 'Repairs',
      description: '[erased]',
    }),
    event('ComplaintAcknowledged', {
      occurredAt: '2026-03-03T10:00:00Z',
      stage: 1,
      handler: { id: 'u-1', name: 'Sam' },
      headsOfComplaint: ['[erased]'],
      outcomesSought: [],
    }),
    event('StageResponseIssued', {
      occurredAt: `${respondedOn}T10:00:00Z`,
      stage: 1,
      decisions: [{ head: '[erased]', outcome: 'not_upheld', reasons: '[erased]' }],
      remedies: { apology: false, actions: [], compensation: [] },
    }),
    ...(escalatedOn ? [event('ComplaintEscalated', { occurredAt: `${escalatedOn}T10:00:00Z` })] : []),
  ];
}

describe('the escalation rate', () => {
  it('is the share of the period’s stage 1 responses taken to stage 2, so a request in April about a March response cannot push it past 100%', () => {
    // Reporting year 2026 (from 1 April 2026): one response in it, not escalated; one from March, escalated in April.
    const year2026 = { from: '2026-04-01', to: '2027-03-31' };
    const figures = periodFigures(
      [history('a', '2026-03-20', '2026-04-02'), history('b', '2026-04-10')],
      calendar,
      year2026,
    );
    expect(figures.escalation).toEqual({
      stage1Responses: 1,
      escalated: 1,
      stage1ResponsesEscalated: 0,
      ratePercent: 0,
    });
    // The year of the March response counts it, whenever the resident asked.
    const year2025 = { from: '2025-04-01', to: '2026-03-31' };
    expect(periodFigures([history('a', '2026-03-20', '2026-04-02')], calendar, year2025).escalation).toEqual({
      stage1Responses: 1,
      escalated: 0,
      stage1ResponsesEscalated: 1,
      ratePercent: 100,
    });
  });
});
