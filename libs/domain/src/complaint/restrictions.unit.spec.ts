import type { Actor, ComplaintEvent, Instant } from '@complaints/contracts';
import { describe, expect, it } from 'vitest';
import { fold } from '../decider';
import { createWorkingDayCalendar } from '../calendar';
import { complaintDecider } from './complaint-decider';
import { followUpsOf } from './follow-ups';
import {
  activeRestrictionsOf,
  addCalendarMonths,
  restrictionsOf,
  restrictionStatusOf,
} from './restrictions/restriction-status';
import { complaintRules } from './rules';
import type { ReceivedComplaint } from './state';
import { admin, command, events, HEADS, history, manager, officer, stageOneHandler } from './testing/fixtures';
import { given } from './testing/given-when-then';

/** "Now" for these tests: 5 March 2026, so a review date must fall after it and by 5 September 2026. */
const NOW: Instant = '2026-03-05T12:00:00Z';
const impose = (
  data: Partial<{
    imposedAt: Instant;
    kind: 'single_point_of_contact' | 'contact_limits' | 'written_contact_only' | 'other';
    reviewDue: string;
    terms: string;
  }> = {},
  actor: Actor = manager,
) =>
  command(
    'ImposeRestriction',
    {
      imposedAt: '2026-03-05T10:00:00Z',
      kind: 'single_point_of_contact',
      reason: 'Forty calls in a week to different staff, some abusive',
      reviewDue: '2026-06-05',
      ...data,
    },
    { now: NOW, actor },
  );
const review = (
  data: Partial<{
    reviewedAt: Instant;
    outcome: 'continued' | 'varied';
    terms: string;
    notes: string;
    nextReviewDue: string;
    restrictionId: string;
  }> = {},
  now: Instant = '2026-06-01T12:00:00+01:00',
  actor: Actor = manager,
) =>
  command(
    'ReviewRestriction',
    {
      reviewedAt: '2026-06-01T10:00:00+01:00',
      restrictionId: 'R1',
      outcome: 'continued',
      nextReviewDue: '2026-09-01',
      ...data,
    },
    { now, actor },
  );
const lift = (
  data: Partial<{ liftedAt: Instant; restrictionId: string }> = {},
  now: Instant = '2026-06-30T12:00:00+01:00',
  actor: Actor = manager,
) =>
  command(
    'LiftRestriction',
    { liftedAt: '2026-06-10T10:00:00+01:00', restrictionId: 'R1', reason: 'Behaviour has improved', ...data },
    { now, actor },
  );

const restricted = [...history.stage1Acknowledged, events.restrictionImposed()];
const stateOf = (history: readonly ComplaintEvent[]) => fold(complaintDecider, history) as ReceivedComplaint;
const auditor: Actor = { id: 'u-300', name: 'Ann Auditor', role: 'auditor' };

describe('imposing a restriction', () => {
  it("is a manager's approval: numbered R1, with the kind, reason, terms, the manager as approver and the review date", () => {
    given(history.stage1Acknowledged)
      .when(impose({ terms: 'Contact the case handler only, by phone on Tuesdays' }))
      .then([
        {
          type: 'RestrictionImposed',
          data: {
            occurredAt: '2026-03-05T10:00:00Z',
            restrictionId: 'R1',
            kind: 'single_point_of_contact',
            reason: 'Forty calls in a week to different staff, some abusive',
            terms: 'Contact the case handler only, by phone on Tuesdays',
            approvedBy: { id: manager.id, name: manager.name },
            reviewDue: '2026-06-05',
          },
        },
      ]);
  });

  it('is refused to anyone but a complaints manager, whatever the route', () => {
    for (const actor of [officer, auditor, admin]) {
      const refusal = given(history.stage1Acknowledged)
        .when(impose({}, actor))
        .thenViolates(complaintRules.restrictionNeedsManager);
      expect(refusal.message).toContain(actor.role.replace(/_/g, ' '));
    }
  });

  it('needs a stated reason: the command has none without one', () => {
    expect(() =>
      command('ImposeRestriction', { imposedAt: NOW, kind: 'other', reason: '   ', reviewDue: '2026-06-05' }),
    ).toThrow();
    expect(() =>
      command('ImposeRestriction', { imposedAt: NOW, kind: 'other', reviewDue: '2026-06-05' } as unknown as Parameters<
        typeof command<'ImposeRestriction'>
      >[1]),
    ).toThrow();
  });

  it('needs a review date after today', () => {
    given(history.stage1Acknowledged)
      .when(impose({ reviewDue: '2026-03-05' }))
      .thenViolates(complaintRules.restrictionReviewNotInFuture);
    given(history.stage1Acknowledged)
      .when(impose({ reviewDue: '2026-03-01' }))
      .thenViolates(complaintRules.restrictionReviewNotInFuture);
    given(history.stage1Acknowledged)
      .when(impose({ reviewDue: '2026-03-06' }))
      .then([expect.objectContaining({ type: 'RestrictionImposed' })]);
  });

  it('needs the review within six months of the imposition', () => {
    given(history.stage1Acknowledged)
      .when(impose({ reviewDue: '2026-09-05' }))
      .then([expect.objectContaining({ type: 'RestrictionImposed' })]);
    const refusal = given(history.stage1Acknowledged)
      .when(impose({ reviewDue: '2026-09-06' }))
      .thenViolates(complaintRules.restrictionReviewTooFar);
    expect(refusal.message).toContain('the latest allowed is 2026-09-05');
  });

  it('is not imposed twice of the same kind while one is in place; another kind, or the same after lifting, is', () => {
    given(restricted).when(impose()).thenViolates(complaintRules.restrictionAlreadyInPlace);
    given(restricted)
      .when(impose({ kind: 'written_contact_only' }))
      .then([
        expect.objectContaining({ type: 'RestrictionImposed', data: expect.objectContaining({ restrictionId: 'R2' }) }),
      ]);
    given([...restricted, events.restrictionLifted('R1', '2026-03-05T11:00:00Z')])
      .when(impose({ imposedAt: '2026-03-05T11:30:00Z' }))
      .then([
        expect.objectContaining({ type: 'RestrictionImposed', data: expect.objectContaining({ restrictionId: 'R2' }) }),
      ]);
  });

  it('is imposed only while the complaint is open', () => {
    given(history.closed)
      .when(impose({ imposedAt: '2026-04-22T10:00:00+01:00' }))
      .thenViolates(complaintRules.ended);
  });
});

describe('reviewing a restriction', () => {
  it('records the manager, the outcome and the next review, which moves the review date', () => {
    const state = given(restricted)
      .when(review({ notes: 'Calls now weekly' }))
      .then([
        {
          type: 'RestrictionReviewed',
          data: {
            occurredAt: '2026-06-01T10:00:00+01:00',
            restrictionId: 'R1',
            outcome: 'continued',
            notes: 'Calls now weekly',
            reviewedBy: { id: manager.id, name: manager.name },
            nextReviewDue: '2026-09-01',
          },
        },
      ]);
    expect((state as ReceivedComplaint).restrictions[0]?.reviewDue).toBe('2026-09-01');
  });

  it("is a manager's, like the imposition", () => {
    given(restricted)
      .when(review({}, undefined, officer))
      .thenViolates(complaintRules.restrictionNeedsManager);
  });

  it('varies the terms only when it states them', () => {
    given(restricted)
      .when(review({ outcome: 'varied' }))
      .thenViolates(complaintRules.restrictionVariedNeedsTerms);
    given(restricted)
      .when(review({ outcome: 'varied', terms: 'Email only, answered weekly' }))
      .then([
        expect.objectContaining({
          data: expect.objectContaining({ outcome: 'varied', terms: 'Email only, answered weekly' }),
        }),
      ]);
  });

  it('sets a next review after today and within six months of the review', () => {
    given(restricted)
      .when(review({ nextReviewDue: '2026-06-01' }))
      .thenViolates(complaintRules.restrictionReviewNotInFuture);
    given(restricted)
      .when(review({ nextReviewDue: '2026-12-02' }))
      .thenViolates(complaintRules.restrictionReviewTooFar);
    given(restricted)
      .when(review({ nextReviewDue: '2026-12-01' }))
      .then([expect.objectContaining({ type: 'RestrictionReviewed' })]);
  });

  it('is about a restriction in place: not an unknown or a lifted one', () => {
    given(restricted)
      .when(review({ restrictionId: 'R9' }))
      .thenViolates(complaintRules.restrictionNotInPlace);
    given([...restricted, events.restrictionLifted('R1', '2026-05-01T10:00:00+01:00')])
      .when(review())
      .thenViolates(complaintRules.restrictionNotInPlace);
  });

  it('is not dated before the restriction was imposed', () => {
    given(restricted)
      .when(review({ reviewedAt: '2026-03-05T09:00:00Z' }))
      .thenViolates(complaintRules.occurredBeforePrecedingStep);
  });

  it('may come after the review date has passed (the lapsed restriction then applies again), and after the complaint ended', () => {
    const lapsed = [...history.closed, events.restrictionImposed()];
    const late = review(
      { reviewedAt: '2026-06-20T10:00:00+01:00', nextReviewDue: '2026-09-20' },
      '2026-06-20T12:00:00+01:00',
    );
    expect(restrictionStatusOf(stateOf(lapsed).restrictions[0]!, '2026-06-20')).toBe('review_overdue');
    const after = given(lapsed)
      .when(late)
      .then([expect.objectContaining({ type: 'RestrictionReviewed' })]);
    expect(activeRestrictionsOf(after, '2026-06-20').map((r) => r.restrictionId)).toEqual(['R1']);
  });
});

describe('lifting a restriction', () => {
  it('records who lifted it and why, once', () => {
    given(restricted)
      .when(lift())
      .then([
        {
          type: 'RestrictionLifted',
          data: {
            occurredAt: '2026-06-10T10:00:00+01:00',
            restrictionId: 'R1',
            reason: 'Behaviour has improved',
            liftedBy: { id: manager.id, name: manager.name },
          },
        },
      ]);
    given([...restricted, events.restrictionLifted()])
      .when(lift({ liftedAt: '2026-06-11T10:00:00+01:00' }))
      .thenViolates(complaintRules.restrictionNotInPlace);
  });

  it("is a manager's", () => {
    given(restricted)
      .when(lift({}, undefined, officer))
      .thenViolates(complaintRules.restrictionNeedsManager);
  });

  it('is allowed once the review date has passed, and after the complaint has ended', () => {
    given([...history.closed, events.restrictionImposed()])
      .when(lift())
      .then([expect.objectContaining({ type: 'RestrictionLifted' })]);
  });

  it('is not dated before the restriction was imposed', () => {
    given(restricted)
      .when(lift({ liftedAt: '2026-03-04T10:00:00Z' }))
      .thenViolates(complaintRules.occurredBeforePrecedingStep);
  });
});

describe('where a restriction stands', () => {
  it('applies up to and on its review date, lapses the day after unless reviewed, and not at all once lifted', () => {
    const state = stateOf(restricted);
    expect(restrictionsOf(state, '2026-06-05').map((r) => r.status)).toEqual(['active']);
    expect(restrictionsOf(state, '2026-06-06').map((r) => r.status)).toEqual(['review_overdue']);
    expect(activeRestrictionsOf(state, '2026-06-06')).toEqual([]);
    expect(
      activeRestrictionsOf(stateOf([...restricted, events.restrictionReviewed()]), '2026-06-06').map(
        (r) => r.reviewDue,
      ),
    ).toEqual(['2026-09-01']);
    expect(
      restrictionsOf(stateOf([...restricted, events.restrictionLifted()]), '2026-06-01').map((r) => r.status),
    ).toEqual(['lifted']);
    expect(activeRestrictionsOf({ status: 'not_received' }, '2026-06-01')).toEqual([]);
  });

  it('is a follow-up due on its review date while in place (lapsed too), and none once lifted', () => {
    const calendar = createWorkingDayCalendar();
    const two = [
      ...restricted,
      {
        ...events.restrictionImposed('R2', '2026-03-06T10:00:00Z', '2026-05-01'),
        data: {
          ...events.restrictionImposed('R2', '2026-03-06T10:00:00Z', '2026-05-01').data,
          kind: 'written_contact_only',
        },
      } as ComplaintEvent,
    ];
    expect(followUpsOf(stateOf(two), calendar).filter((f) => f.reason === 'restriction_review')).toEqual([
      { reason: 'restriction_review', due: '2026-06-05', ref: 'R1' },
      { reason: 'restriction_review', due: '2026-05-01', ref: 'R2' },
    ]);
    expect(
      followUpsOf(stateOf([...two, events.restrictionReviewed('R2', '2026-05-20T10:00:00+01:00')]), calendar).find(
        (f) => f.ref === 'R2',
      )?.due,
    ).toBe('2026-09-01');
    expect(
      followUpsOf(stateOf([...restricted, events.restrictionLifted()]), calendar).filter(
        (f) => f.reason === 'restriction_review',
      ),
    ).toEqual([]);
  });

  it("counts six months by the calendar, to the month's last day when shorter", () => {
    expect(addCalendarMonths('2026-03-05', 6)).toBe('2026-09-05');
    expect(addCalendarMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addCalendarMonths('2027-08-31', 6)).toBe('2028-02-29');
    expect(addCalendarMonths('2026-10-15', 6)).toBe('2027-04-15');
  });
});

describe('a restriction never stops the complaints procedure', () => {
  // The Code: a restriction on contact must not prevent access to the complaints procedure.
  it('lets every step of the complaint go ahead while one is in place', () => {
    const received = [...history.received, events.restrictionImposed('R1', '2026-03-02T10:00:00Z')];
    given(received)
      .when(
        command('AcknowledgeComplaint', {
          acknowledgedAt: '2026-03-04T10:00:00Z',
          handler: stageOneHandler,
          method: 'letter',
          headsOfComplaint: HEADS,
        }),
      )
      .then([expect.objectContaining({ type: 'ComplaintAcknowledged' })]);
    given([...restricted, events.responded(1)])
      .when(
        command('EscalateComplaint', {
          requestedAt: '2026-03-24T11:00:00Z',
          reason: 'Not happy with the stage 1 answer',
        }),
      )
      .then([expect.objectContaining({ type: 'ComplaintEscalated' })]);
    given(restricted)
      .when(
        command('LogContact', {
          at: '2026-03-06T10:00:00Z',
          direction: 'inbound',
          channel: 'phone',
          reached: true,
          summary: 'Called about the repair',
        }),
      )
      .then([expect.objectContaining({ type: 'ContactLogged' })]);
  });
});
