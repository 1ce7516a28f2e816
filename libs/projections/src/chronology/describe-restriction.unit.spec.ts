import { ERASED, type ComplaintEvent } from '@complaints/contracts';
import { describe, expect, it } from 'vitest';
import { describeEvent } from './describe-event';
import { redactEvent } from '../case-files/redact-event';

const manager = { id: 'u-207', name: 'Daniel Okafor' };
const imposed: ComplaintEvent = {
  type: 'RestrictionImposed',
  data: {
    occurredAt: '2026-03-05T10:00:00Z',
    restrictionId: 'R1',
    kind: 'single_point_of_contact',
    reason: 'Forty abusive calls',
    terms: 'Handler only',
    approvedBy: manager,
    reviewDue: '2026-06-05',
  },
};

describe('the chronology of restrictions and enquiries', () => {
  it('says who approved a restriction, its review date, that it lapses unreviewed, and that the complaints procedure stays open', () => {
    expect(describeEvent(imposed)).toBe(
      "Restriction R1 (a single point of contact) approved by Daniel Okafor; review due 2026-06-05, after which it no longer applies unless reviewed. Reason: Forty abusive calls. Terms: Handler only. It does not limit the resident's use of the complaints procedure.",
    );
  });

  it('words reviews, lifting, enquiries and answers', () => {
    const reviewed: ComplaintEvent = {
      type: 'RestrictionReviewed',
      data: {
        occurredAt: '2026-06-01T10:00:00Z',
        restrictionId: 'R1',
        outcome: 'varied',
        terms: 'Email only',
        reviewedBy: manager,
        nextReviewDue: '2026-09-01',
      },
    };
    expect(describeEvent(reviewed)).toBe(
      'Restriction R1 reviewed by Daniel Okafor: varied; new terms: Email only. Next review due 2026-09-01.',
    );
    expect(
      describeEvent({
        type: 'RestrictionLifted',
        data: { occurredAt: '2026-07-01T10:00:00Z', restrictionId: 'R1', liftedBy: manager },
      }),
    ).toBe('Restriction R1 lifted by Daniel Okafor.');
    expect(
      describeEvent({
        type: 'EnquiryReceived',
        data: {
          occurredAt: '2026-03-06T10:00:00Z',
          enquiryId: 'E1',
          from: 'mp',
          who: 'Jane Smith MP',
          summary: 'Asks about the damp',
        },
      }),
    ).toBe('Enquiry E1 received from an MP, Jane Smith MP: Asks about the damp.');
    expect(
      describeEvent({
        type: 'EnquiryAnswered',
        data: { occurredAt: '2026-03-10T10:00:00Z', enquiryId: 'E1', channel: 'letter' },
      }),
    ).toBe('Enquiry E1 answered by letter.');
  });

  it('keeps no personal text once redacted: the kind, dates and approver stay', () => {
    const text = describeEvent(redactEvent(imposed));
    expect(text).not.toContain('Forty abusive calls');
    expect(text).not.toContain('Handler only');
    expect(text).toContain(ERASED);
    expect(text).toContain('review due 2026-06-05');
  });
});
