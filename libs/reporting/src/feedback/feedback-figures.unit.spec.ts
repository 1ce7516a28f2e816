import { describe, expect, it } from 'vitest';
import type { FeedbackCountRow } from '@complaints/projections';
import { FEWER_THAN_5, WITHHELD_COUNT } from '../equality/small-number-suppression';
import { feedbackFiguresOf, screenedFeedbackFigures } from './feedback-figures';

const row = (
  kind: FeedbackCountRow['kind'],
  serviceArea: string,
  counts: Partial<Omit<FeedbackCountRow, 'kind' | 'serviceArea'>>,
): FeedbackCountRow => ({
  kind,
  serviceArea,
  received: 0,
  shared: 0,
  passedToManager: 0,
  completed: 0,
  convertedToComplaint: 0,
  open: 0,
  ...counts,
});
const period = { from: '2026-04-01', to: '2027-03-31' };

/**
 * Hand-worked: Repairs had 12 compliments (9 shared), 6 comments (4 passed on), 20 concerns
 * resolved at first contact (3 became complaints) and 8 service requests (5 completed, 1
 * became a complaint, 2 open); Housing had 2 compliments and 7 service requests (7 open).
 */
const rows = [
  row('compliment', 'Repairs', { received: 12, shared: 9, open: 12 }),
  row('comment', 'Repairs', { received: 6, passedToManager: 4, open: 6 }),
  row('resolved_at_first_contact', 'Repairs', { received: 20, convertedToComplaint: 3, open: 17 }),
  row('service_request', 'Repairs', { received: 8, completed: 5, convertedToComplaint: 1, open: 2 }),
  row('compliment', 'Housing', { received: 2, open: 2 }),
  row('service_request', 'Housing', { received: 7, open: 7 }),
];

describe('feedback figures of a period', () => {
  it('counts by kind and service area, with what became of each kind', () => {
    const figures = feedbackFiguresOf(rows, period);
    expect(figures).toEqual({
      period,
      total: 55,
      byKind: { compliment: 14, comment: 6, resolved_at_first_contact: 20, service_request: 15 },
      byServiceArea: [
        {
          serviceArea: 'Housing',
          total: 9,
          byKind: { compliment: 2, comment: 0, resolved_at_first_contact: 0, service_request: 7 },
        },
        {
          serviceArea: 'Repairs',
          total: 46,
          byKind: { compliment: 12, comment: 6, resolved_at_first_contact: 20, service_request: 8 },
        },
      ],
      compliments: { received: 14, sharedWithStaff: 9 },
      comments: { received: 6, passedToManager: 4 },
      resolvedAtFirstContact: { received: 20, passedToManager: 0, convertedToComplaint: 3 },
      serviceRequests: { received: 15, completed: 5, open: 9, convertedToComplaint: 1 },
    });
  });

  it('a period with none is all zeros', () => {
    expect(feedbackFiguresOf([], period)).toMatchObject({
      total: 0,
      byKind: { compliment: 0, comment: 0, resolved_at_first_contact: 0, service_request: 0 },
      byServiceArea: [],
    });
  });

  it('for panels, a count below 5 is "fewer than 5", and nothing gives it back by subtraction', () => {
    const screened = screenedFeedbackFigures(feedbackFiguresOf(rows, period));
    expect(screened.byKind).toEqual({
      cells: [
        { answer: 'compliment', count: 14 },
        { answer: 'comment', count: 6 },
        { answer: 'resolved_at_first_contact', count: 20 },
        { answer: 'service_request', count: 15 },
      ],
      total: 55,
    });
    // Housing: 2 compliments and no comments or concerns (three small counts), 7 service requests.
    expect(screened.byServiceArea[0]).toEqual({
      serviceArea: 'Housing',
      byKind: {
        cells: [
          { answer: 'compliment', count: FEWER_THAN_5 },
          { answer: 'comment', count: FEWER_THAN_5 },
          { answer: 'resolved_at_first_contact', count: FEWER_THAN_5 },
          { answer: 'service_request', count: 7 },
        ],
        total: WITHHELD_COUNT,
      },
    });
  });
});
