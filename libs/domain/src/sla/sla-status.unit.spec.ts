import { describe, expect, it } from 'vitest';
import { createWorkingDayCalendar } from '../calendar';
import { acknowledged, extended, received, responded } from './complaint-history.fixture';
import { computeSla } from './compute-sla';
import { caseSlaStatus, slaStatusAsOf } from './sla-status';

const calendar = createWorkingDayCalendar();
// Received Mon 2 Mar 2026, not yet acknowledged: ack due Mon 9 Mar, response due (provisional) Mon 23 Mar.
const unacknowledged = computeSla([received('2026-03-02')], calendar);

describe('slaStatusAsOf', () => {
  it('Wed 4 Mar 2026: the ack due Mon 9 Mar is 3 WD away (5, 6, 9) → pending, not yet due soon', () => {
    const [stage] = slaStatusAsOf(unacknowledged, '2026-03-04', calendar);
    expect(stage?.acknowledgement).toEqual({
      state: 'pending',
      due: '2026-03-09',
      doneOn: null,
      workingDaysOverdue: 0,
      workingDaysRemaining: 3,
    });
  });

  it('Thu 5 Mar 2026: the ack due Mon 9 Mar is 2 WD away (6, 9) → due soon; the response due 23 Mar is 12 WD away → pending', () => {
    const [stage] = slaStatusAsOf(unacknowledged, '2026-03-05', calendar);
    expect(stage?.acknowledgement).toMatchObject({ state: 'due_soon', workingDaysRemaining: 2 });
    expect(stage?.organisationResponse).toMatchObject({
      state: 'pending',
      due: '2026-03-23',
      workingDaysRemaining: 12,
    });
  });

  it('on the due date itself (Mon 9 Mar 2026) the ack is due soon with 0 WD left, not overdue', () => {
    const [stage] = slaStatusAsOf(unacknowledged, '2026-03-09', calendar);
    expect(stage?.acknowledgement).toMatchObject({ state: 'due_soon', workingDaysRemaining: 0, workingDaysOverdue: 0 });
  });

  it('the due-soon window is configurable: with 3 WD, Wed 4 Mar 2026 is already due soon', () => {
    const [stage] = slaStatusAsOf(unacknowledged, '2026-03-04', calendar, { dueSoonWorkingDays: 3 });
    expect(stage?.acknowledgement.state).toBe('due_soon');
  });

  it('Wed 11 Mar 2026: the ack due Mon 9 Mar is overdue by 2 WD (10, 11); the response due 23 Mar is 8 WD away', () => {
    const [stage] = slaStatusAsOf(unacknowledged, '2026-03-11', calendar);
    expect(stage?.acknowledgement).toMatchObject({ state: 'overdue', workingDaysOverdue: 2, workingDaysRemaining: 0 });
    expect(stage?.organisationResponse).toMatchObject({ state: 'pending', workingDaysRemaining: 8 });
  });

  it('Wed 25 Mar 2026: the unanswered response due Mon 23 Mar is overdue by 2 WD (24, 25)', () => {
    const [stage] = slaStatusAsOf(unacknowledged, '2026-03-25', calendar);
    expect(stage?.organisationResponse).toMatchObject({ state: 'overdue', workingDaysOverdue: 2 });
  });

  it('done on time is met and done after the due date is late, whatever the date asked about', () => {
    // Acked Thu 12 Mar (due 9 Mar: late); answered Fri 20 Mar (due 23 Mar: met).
    const report = computeSla(
      [received('2026-03-02'), acknowledged(1, '2026-03-12'), responded(1, '2026-03-20')],
      calendar,
    );
    const [stage] = slaStatusAsOf(report, '2026-06-01', calendar);
    expect(stage?.acknowledgement).toEqual({
      state: 'late',
      due: '2026-03-09',
      doneOn: '2026-03-12',
      workingDaysOverdue: 0,
      workingDaysRemaining: 0,
    });
    expect(stage?.organisationResponse).toMatchObject({ state: 'met', doneOn: '2026-03-20' });
  });

  it('the response is tracked against the organisation’s target, extensions included: acked 4 Mar 2026 +15 WD → due Fri 10 Apr, so on Thu 2 Apr it is pending with 4 WD left (3, 6 Apr Easter; 7, 8, 9, 10), although the Code target (1 Apr) has passed', () => {
    const report = computeSla(
      [received('2026-03-02'), acknowledged(1, '2026-03-04'), extended(1, '2026-03-12', 15)],
      calendar,
    );
    const [stage] = slaStatusAsOf(report, '2026-04-02', calendar);
    expect(report.stages[0]?.codeResponseDue).toBe('2026-04-01');
    expect(stage?.organisationResponse).toMatchObject({ state: 'pending', due: '2026-04-10', workingDaysRemaining: 4 });
  });
});

describe('caseSlaStatus: the one answer to "is this case overdue against the Code?"', () => {
  // Received Mon 12 Oct 2026, acknowledged Tue 13 Oct, +30 WD agreed Tue 20 Oct: the Code counts 10
  // of them (due Tue 10 Nov, 20 WD after 13 Oct); the organisation's own target is Tue 8 Dec.
  const beyondLimit = computeSla(
    [received('2026-10-12'), acknowledged(1, '2026-10-13'), extended(1, '2026-10-20', 30)],
    calendar,
  );

  it('an extension beyond the Code limit does not hide the breach: on Tue 1 Dec 2026 the case is overdue against the Code by 15 WD, though pending against its own target', () => {
    expect(beyondLimit.stages[0]).toMatchObject({ codeResponseDue: '2026-11-10', responseDue: '2026-12-08' });
    const status = caseSlaStatus(beyondLimit, { open: true, stage: 1 }, '2026-12-01', calendar);
    expect(status.overdueAgainstCode).toBe(true);
    expect(status.overdueAgainstOrganisationTarget).toBe(false);
    expect(status.current?.codeResponse).toMatchObject({ state: 'overdue', due: '2026-11-10', workingDaysOverdue: 15 });
    expect(status.current?.organisationResponse).toMatchObject({
      state: 'pending',
      due: '2026-12-08',
      workingDaysRemaining: 5,
    });
    expect(status.current?.codeResponseDatePassed).toBe(true);
  });

  it('on the Code date itself (Tue 10 Nov 2026) it is not yet overdue', () => {
    expect(caseSlaStatus(beyondLimit, { open: true, stage: 1 }, '2026-11-10', calendar).overdueAgainstCode).toBe(false);
  });

  it('an overdue acknowledgement makes the case overdue against the Code', () => {
    const status = caseSlaStatus(unacknowledged, { open: true, stage: 1 }, '2026-03-10', calendar);
    expect(status).toMatchObject({ overdueAgainstCode: true, overdueAgainstOrganisationTarget: true });
    expect(status.current?.codeResponseDatePassed).toBe(false);
  });

  it('an ended case is never overdue, though its stages keep what they missed', () => {
    const status = caseSlaStatus(beyondLimit, { open: false, stage: 1 }, '2026-12-01', calendar);
    expect(status).toMatchObject({ current: null, overdueAgainstCode: false, overdueAgainstOrganisationTarget: false });
    expect(status.stages[0]?.codeResponse.state).toBe('overdue');
  });

  it('a response after the Code date but before the own target is met for the organisation and late for the Code: the two never share one word', () => {
    const answered = computeSla(
      [
        received('2026-10-12'),
        acknowledged(1, '2026-10-13'),
        extended(1, '2026-10-20', 30),
        responded(1, '2026-12-01'),
      ],
      calendar,
    );
    const [stage] = slaStatusAsOf(answered, '2026-12-02', calendar);
    expect(stage?.codeResponse.state).toBe('late');
    expect(stage?.organisationResponse.state).toBe('met');
    expect(answered.stages[0]?.withinCodeTimescales).toBe(false);
  });
});
