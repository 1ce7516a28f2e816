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
  data: {
    occurredAt: '2026-03-03T10:00:00Z',
    stage: 1,
    handler: { id: 'u-1', name: 'Sam' },
    headsOfComplaint: [],
    outcomesSought: [],
  },
} as unknown as ComplaintEvent;

describe('the resident’s status on a given day', () => {
  it('promises the acknowledgement by its due date while there is time, without the Ombudsman', () => {
    const status = residentStatus([received], calendar, '2026-03-05');
    expect(status).toMatchObject({
      status: 'received',
      nextStep: 'We will acknowledge your stage 1 complaint by 9 March 2026.',
      ombudsman: null,
    });
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
      codeResponseDue: '2026-03-17',
      responseDue: '2026-03-17',
      codeResponseDatePassed: false,
      nextStep: 'We will send you our response by 17 March 2026.',
      ombudsman: null,
    });
    expect(residentStatus([received, acknowledged], calendar, '2026-03-18')).toMatchObject({
      codeResponseDatePassed: true,
      nextStep:
        "We should have sent you our response by 17 March 2026 under the Housing Ombudsman's Complaint Handling Code, and have not. We are sorry. We will send it as soon as we can. You can contact the Housing Ombudsman now.",
      ombudsman: { telephone: '0300 111 3000', website: 'https://www.housing-ombudsman.org.uk' },
    });
  });

  describe('defect 1: an extension beyond the Code’s limit does not hide the Code date from the resident', () => {
    // Received Mon 12 Oct 2026, acknowledged Tue 13 Oct, +30 WD agreed Tue 20 Oct: the Code counts
    // 10 of them (due Tue 10 Nov); the organisation's own target is Tue 8 Dec.
    const beyondLimit = [
      { ...received, data: { ...received.data, occurredAt: '2026-10-12T10:00:00Z' } },
      { ...acknowledged, data: { ...acknowledged.data, occurredAt: '2026-10-13T10:00:00Z' } },
      {
        type: 'ExtensionAgreed',
        data: {
          occurredAt: '2026-10-20T10:00:00Z',
          stage: 1,
          additionalWorkingDays: 30,
          reason: 'Specialist damp survey',
          residentInformed: true,
          ombudsmanDetailsGiven: true,
          goodReason: 'The only damp specialist has a six-week waiting list',
        },
      },
    ] as ComplaintEvent[];

    it('given the Code date (10 Nov 2026) has passed, when the resident looks on 1 Dec, then they are told we should have responded by then and can contact the Ombudsman now, with the Ombudsman’s details', () => {
      const status = residentStatus(beyondLimit, calendar, '2026-12-01');
      expect(status).toMatchObject({
        status: 'being investigated',
        codeResponseDue: '2026-11-10',
        responseDue: '2026-12-08',
        codeResponseDatePassed: true,
        nextStep:
          "We should have sent you our response by 10 November 2026 under the Housing Ombudsman's Complaint Handling Code, and have not. We are sorry. We have told you we aim to send it by 8 December 2026, but you do not have to wait for it: you can contact the Housing Ombudsman now.",
        ombudsman: {
          name: 'Housing Ombudsman Service',
          telephone: '0300 111 3000',
          website: 'https://www.housing-ombudsman.org.uk',
          when: expect.stringContaining('You can contact the Housing Ombudsman now'),
        },
      });
      expect(status?.ombudsman?.when).toContain('10 November 2026');
    });

    it('given the Code date is still ahead (2 Nov 2026), when the resident looks, then they see both dates, and the Ombudsman’s details given with the extension', () => {
      const status = residentStatus(beyondLimit, calendar, '2026-11-02');
      expect(status).toMatchObject({
        codeResponseDue: '2026-11-10',
        responseDue: '2026-12-08',
        codeResponseDatePassed: false,
        nextStep:
          "We have told you we need until 8 December 2026 to send you our response. Under the Housing Ombudsman's Complaint Handling Code it is due by 10 November 2026: if you have not had it by then, you can contact the Housing Ombudsman.",
        ombudsman: { telephone: '0300 111 3000', when: expect.stringContaining('extended the time') },
      });
    });

    it('on the Code date itself (10 Nov 2026) it has not passed yet', () => {
      expect(residentStatus(beyondLimit, calendar, '2026-11-10')?.codeResponseDatePassed).toBe(false);
      expect(residentStatus(beyondLimit, calendar, '2026-11-11')?.codeResponseDatePassed).toBe(true);
    });
  });

  it('after a refused request for stage 2: says so, why, and gives the Ombudsman, instead of inviting another request (Code 2.4, 5.11)', () => {
    const responded = {
      type: 'StageResponseIssued',
      data: {
        occurredAt: '2026-03-10T10:00:00Z',
        stage: 1,
        decisions: [{ head: '[erased]', outcome: 'not_upheld', reasons: '[erased]' }],
        remedies: { apology: false, actions: [], compensation: [] },
      },
    } as unknown as ComplaintEvent;
    const closed = {
      type: 'ComplaintClosed',
      data: {
        occurredAt: '2026-03-11T10:00:00Z',
        outcome: 'Not upheld',
        closedBy: { id: 'u-1', name: 'Sam' },
        lessonsRecorded: 0,
        lessonsNotApplicableReason: 'None',
      },
    } as unknown as ComplaintEvent;
    const refusedReview = {
      type: 'EscalationRefused',
      data: {
        occurredAt: '2026-06-02T10:00:00Z',
        requestedAt: '2026-06-01T10:00:00Z',
        ground: 'legal_proceedings',
        explanation: '[erased]',
        ombudsmanReferralRightGiven: true,
      },
    } as unknown as ComplaintEvent;
    const before = residentStatus([received, acknowledged, responded, closed], calendar, '2026-06-03');
    expect(before).toMatchObject({ howToEscalate: expect.stringContaining('stage 2'), ombudsman: null });
    const after = residentStatus([received, acknowledged, responded, closed, refusedReview], calendar, '2026-06-03');
    expect(after).toMatchObject({
      status: 'closed',
      howToEscalate: null,
      ombudsman: expect.objectContaining({ telephone: '0300 111 3000' }),
    });
    expect(after?.nextStep).toContain(
      'On 2 June 2026 we decided not to take it to stage 2, because the matter is the subject of legal proceedings',
    );
  });

  it('never shows the handler or anything else about people', () => {
    const text = JSON.stringify(residentStatus([received, acknowledged], calendar, '2026-03-18'));
    expect(text).not.toContain('Sam');
    expect(text).not.toContain('u-1');
  });
});
