import { describe, expect, it } from 'vitest';
import type { ComplaintEvent } from '@complaints/contracts';
import { createWorkingDayCalendar } from '@complaints/domain';
import { residentStatus } from './resident-status';

const calendar = createWorkingDayCalendar({ division: 'england-and-wales' });
const received = {
  type: 'ComplaintReceived',
  data: {
    occurredAt: '2026-03-02T10:00:00Z',
    complaintId: 'c-1',
    reference: 'CMP-2026-000001',
    dataSubjectId: 'ds-1',
    channel: 'email',
    complainant: '[erased]',
    serviceArea: 'Repairs',
    description: '[erased]',
  },
} as unknown as ComplaintEvent;
const acknowledged = {
  type: 'ComplaintAcknowledged',
  data: { occurredAt: '2026-03-03T10:00:00Z', stage: 1, handler: { id: 'u-1', name: 'Sam' }, headsOfComplaint: [], outcomesSought: [] },
} as unknown as ComplaintEvent;

describe('the resident’s status on a given day', () => {
  it('promises the acknowledgement by its due date while there is time, without the Ombudsman', () => {
    const status = residentStatus([received], calendar, '2026-03-05');
    expect(status).toMatchObject({ status: 'received', nextStep: 'We will acknowledge your stage 1 complaint by 2026-03-09.', ombudsman: null });
  });

  it('still promises on the due date itself, and says it is late the day after, pointing to the Ombudsman', () => {
    expect(residentStatus([received], calendar, '2026-03-09')?.ombudsman).toBeNull();
    const late = residentStatus([received], calendar, '2026-03-10');
    expect(late?.nextStep).toContain('should have acknowledged');
    expect(late?.ombudsman?.when).toContain('timescales');
  });

  it('promises the response by its due date, then says it is late once that has passed', () => {
    expect(residentStatus([received, acknowledged], calendar, '2026-03-17')).toMatchObject({
      status: 'being investigated',
      responseDue: '2026-03-17',
      nextStep: 'We will send you our response by 2026-03-17.',
      ombudsman: null,
    });
    expect(residentStatus([received, acknowledged], calendar, '2026-03-18')?.nextStep).toBe(
      'Our response was due by 2026-03-17 and is late. We are sorry: we will send it as soon as we can.',
    );
  });

  it('never shows the handler or anything else about people', () => {
    const text = JSON.stringify(residentStatus([received, acknowledged], calendar, '2026-03-18'));
    expect(text).not.toContain('Sam');
    expect(text).not.toContain('u-1');
  });
});
