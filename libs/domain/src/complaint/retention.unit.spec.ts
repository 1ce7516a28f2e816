import type { ComplaintEvent, Instant } from '@complaints/contracts';
import { describe, expect, it } from 'vitest';
import { fold } from '../decider';
import { complaintDecider } from './complaint-decider';
import { retentionDueOn, retentionStatusOf } from './retention/retention-schedule';
import { complaintRules } from './rules';
import { admin, command, DATA_SUBJECT_ID, events, history } from './testing/fixtures';
import { given } from './testing/given-when-then';
import type { ReceivedComplaint } from './state';

/** The closed case ended 21 April 2026 (London): under 6 years its erasure is due on 21 April 2032. */
const LATER: Instant = '2040-01-01T00:00:00Z';
const approve = (approvedAt: Instant, retentionYears = 6) =>
  command('ApproveRetentionErasure', { approvedAt, retentionYears }, { now: LATER, actor: admin });
const placeHold = (placedAt: Instant = '2027-02-01T10:00:00Z') =>
  command('PlaceLegalHold', { placedAt, category: 'litigation' }, { now: LATER, actor: admin });
const liftHold = (holdId: string, liftedAt: Instant = '2028-02-01T10:00:00Z') =>
  command('LiftLegalHold', { liftedAt, holdId }, { now: LATER, actor: admin });
const erase = (erasedAt: Instant) =>
  command(
    'ErasePersonalData',
    { erasedAt, reason: 'Erasure request under UK GDPR art. 17' },
    { now: LATER, actor: admin },
  );

const stateOf = (events: readonly ComplaintEvent[]) => fold(complaintDecider, events) as ReceivedComplaint;

describe('legal holds', () => {
  it('records the category and who placed it, numbered within the complaint, on an ended complaint or an open one', () => {
    given(history.closed)
      .when(placeHold())
      .then([
        {
          type: 'LegalHoldPlaced',
          data: { occurredAt: '2027-02-01T10:00:00Z', holdId: 'LH1', category: 'litigation', placedBy: 'u-900' },
        },
      ]);
    given(history.stage1Acknowledged)
      .when(placeHold('2026-03-05T10:00:00Z'))
      .then([expect.objectContaining({ type: 'LegalHoldPlaced' })]);
  });

  it('never reuses a number: a hold placed after one was lifted is the next one', () => {
    given([...history.closed, events.legalHoldPlaced('LH1'), events.legalHoldLifted('LH1')])
      .when(placeHold('2028-03-01T10:00:00Z'))
      .then([
        {
          type: 'LegalHoldPlaced',
          data: { occurredAt: '2028-03-01T10:00:00Z', holdId: 'LH2', category: 'litigation', placedBy: 'u-900' },
        },
      ]);
  });

  it('cannot be placed once the personal data is erased', () => {
    given([...history.closed, events.personalDataErased('2032-05-01T10:00:00+01:00')])
      .when(placeHold('2032-06-01T10:00:00+01:00'))
      .thenViolates(complaintRules.legalHoldOnErasedComplaint);
  });

  it('is lifted by its id, by whoever lifts it, once', () => {
    const held = [...history.closed, events.legalHoldPlaced('LH1')];
    given(held)
      .when(liftHold('LH1'))
      .then([
        { type: 'LegalHoldLifted', data: { occurredAt: '2028-02-01T10:00:00Z', holdId: 'LH1', liftedBy: 'u-900' } },
      ]);
    given([...held, events.legalHoldLifted('LH1')])
      .when(liftHold('LH1', '2028-03-01T10:00:00Z'))
      .thenViolates(complaintRules.legalHoldNotInPlace);
    given(held).when(liftHold('LH7')).thenViolates(complaintRules.legalHoldNotInPlace);
  });

  it('is not lifted before it was placed', () => {
    given([...history.closed, events.legalHoldPlaced('LH1', '2027-02-01T10:00:00Z')])
      .when(liftHold('LH1', '2027-01-31T10:00:00Z'))
      .thenViolates(complaintRules.occurredBeforePrecedingStep);
  });

  it('also stops an erasure on request (art. 17(3)(e): the data is needed for a legal claim)', () => {
    given([...history.closed, events.legalHoldPlaced('LH1')])
      .when(erase('2027-03-01T10:00:00Z'))
      .thenViolates(complaintRules.erasureUnderLegalHold);
  });
});

describe('erasure on retention grounds', () => {
  it("records the admin's approval (who, when, under which schedule) and erases in the same write, once due", () => {
    const state = given(history.closed)
      .when(approve('2032-04-21T09:00:00+01:00'))
      .then([
        {
          type: 'RetentionErasureApproved',
          data: {
            occurredAt: '2032-04-21T09:00:00+01:00',
            approvedBy: 'u-900',
            retentionYears: 6,
            retentionFrom: '2026-04-21',
            dueOn: '2032-04-21',
          },
        },
        {
          type: 'PersonalDataErased',
          data: {
            occurredAt: '2032-04-21T09:00:00+01:00',
            dataSubjectId: DATA_SUBJECT_ID,
            basis: 'retention_schedule',
          },
        },
      ]);
    expect(state).toMatchObject({ personalDataErased: { erasedAt: '2032-04-21T09:00:00+01:00' } });
  });

  it('is refused the day before it is due, naming the due date', () => {
    const refusal = given(history.closed)
      .when(approve('2032-04-20T23:00:00+01:00'))
      .thenViolates(complaintRules.retentionPeriodNotOver);
    expect(refusal.message).toContain('due on 2032-04-21');
  });

  it('follows the configured schedule', () => {
    given(history.closed)
      .when(approve('2029-04-21T09:00:00+01:00', 3))
      .then([
        expect.objectContaining({ type: 'RetentionErasureApproved' }),
        expect.objectContaining({ type: 'PersonalDataErased' }),
      ]);
    given(history.closed)
      .when(approve('2032-04-21T09:00:00+01:00', 7))
      .thenViolates(complaintRules.retentionPeriodNotOver);
  });

  it('is refused while a legal hold is in place, and goes ahead once it is lifted', () => {
    const held = [...history.closed, events.legalHoldPlaced('LH1')];
    const refusal = given(held)
      .when(approve('2033-01-01T10:00:00Z'))
      .thenViolates(complaintRules.erasureUnderLegalHold);
    expect(refusal.message).toContain('LH1 (litigation)');
    given([...held, events.legalHoldLifted('LH1')])
      .when(approve('2033-01-01T10:00:00Z'))
      .then([
        expect.objectContaining({ type: 'RetentionErasureApproved' }),
        expect.objectContaining({ type: 'PersonalDataErased' }),
      ]);
  });

  it('is refused while an Ombudsman case is open: referred and undetermined, or an order not complied with', () => {
    given([...history.closed, events.referred()])
      .when(approve('2033-01-01T10:00:00Z'))
      .thenViolates(complaintRules.erasureUnderLegalHold);
    given([...history.closed, events.referred(), events.determined()])
      .when(approve('2033-01-01T10:00:00Z'))
      .thenViolates(complaintRules.erasureUnderLegalHold);
  });

  it('runs from the close of the Ombudsman case when that came after the end of the complaint', () => {
    // The last order was complied with on 15 June 2026: due 15 June 2032, not 21 April.
    const ombudsmanClosed = [
      ...history.closed,
      events.referred(),
      events.determined(),
      events.orderComplied('O1', '2026-06-15T10:00:00+01:00'),
    ];
    given(ombudsmanClosed)
      .when(approve('2032-06-14T10:00:00+01:00'))
      .thenViolates(complaintRules.retentionPeriodNotOver);
    given(ombudsmanClosed)
      .when(approve('2032-06-15T10:00:00+01:00'))
      .then([
        expect.objectContaining({
          type: 'RetentionErasureApproved',
          data: expect.objectContaining({ retentionFrom: '2026-06-15', dueOn: '2032-06-15' }),
        }),
        expect.objectContaining({ type: 'PersonalDataErased' }),
      ]);
  });

  it('waits for the end of the complaint, and happens once', () => {
    given(history.stage1Responded)
      .when(approve('2033-01-01T10:00:00Z'))
      .thenViolates(complaintRules.erasureNeedsEndedComplaint);
    given([...history.closed, events.personalDataErased('2032-05-01T10:00:00+01:00')])
      .when(approve('2033-01-01T10:00:00Z'))
      .thenViolates(complaintRules.personalDataAlreadyErased);
  });

  it('counts from a withdrawal or a refusal too', () => {
    given(history.withdrawn)
      .when(approve('2032-03-06T10:00:00Z'))
      .then([
        expect.objectContaining({
          type: 'RetentionErasureApproved',
          data: expect.objectContaining({ retentionFrom: '2026-03-06' }),
        }),
        expect.objectContaining({ type: 'PersonalDataErased' }),
      ]);
    given(history.refused).when(approve('2032-03-02T10:00:00Z')).thenViolates(complaintRules.retentionPeriodNotOver);
  });
});

describe('the retention schedule', () => {
  it("ends when the complaint ends, at every point of the case's life (the record and the state never disagree)", () => {
    const lives: ComplaintEvent[][] = [
      history.received,
      history.stage1Responded,
      history.closedAtStageOne,
      [...history.closedAtStageOne, events.escalated('2026-03-25T10:00:00Z')],
      history.closed,
      history.withdrawn,
      history.refused,
    ];
    for (const life of lives) {
      const state = stateOf(life);
      expect(state.retention.endedAt).toBe(state.endedAt);
    }
  });

  it('takes the London date of the end: a closure late on a summer evening (UTC) ends on the next London day', () => {
    const state = stateOf([...history.stage2Responded, events.lessonRecorded(), events.closed('2026-06-30T23:30:00Z')]);
    expect(retentionStatusOf(state.retention, '2032-07-01', 6)).toMatchObject({
      status: 'due',
      retentionFrom: '2026-07-01',
      dueOn: '2032-07-01',
    });
    expect(retentionStatusOf(state.retention, '2032-06-30', 6)).toMatchObject({ status: 'not_due' });
  });

  it('counts from the final end when a stage 1 closure was reopened by a request for stage 2', () => {
    const reopened = stateOf([...history.closedAtStageOne, events.escalated('2026-03-25T10:00:00Z')]);
    expect(retentionStatusOf(reopened.retention, '2040-01-01', 6)).toMatchObject({ status: 'open' });
  });

  it('lists a due case that a hold keeps as held, with the hold', () => {
    const state = stateOf([...history.closed, events.referred()]);
    expect(retentionStatusOf(state.retention, '2033-01-01', 6)).toMatchObject({
      status: 'held',
      holds: [{ kind: 'ombudsman_case', ombudsmanReference: '202612345', outstandingOrders: [] }],
    });
  });

  it('makes 29 February due on 28 February in a year without one', () => {
    expect(retentionDueOn('2024-02-29', 6)).toBe('2030-02-28');
    expect(retentionDueOn('2024-02-29', 4)).toBe('2028-02-29');
    expect(retentionDueOn('2026-04-21', 6)).toBe('2032-04-21');
  });
});
