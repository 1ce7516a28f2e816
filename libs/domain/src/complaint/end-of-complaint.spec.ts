import type { ComplaintCommand } from '@complaints/contracts';
import { describe, expect, it } from 'vitest';
import { commandsAllowedOnceEnded } from './handlers';
import { complaintRules } from './rules';
import { at, command, events, history, stageTwoHandler } from './testing/fixtures';
import { given } from './testing/given-when-then';

describe('withdrawal', () => {
  it('ends the complaint at any open point', () => {
    const state = given(history.stage1Acknowledged)
      .when(command('WithdrawComplaint', { withdrawnAt: '2026-03-06T12:00:00Z', reason: 'The repair was done' }))
      .then([{ type: 'ComplaintWithdrawn', data: { occurredAt: '2026-03-06T12:00:00Z', reason: 'The repair was done' } }]);
    expect(state).toMatchObject({ status: 'withdrawn', endedAt: '2026-03-06T12:00:00Z', withdrawal: { reason: 'The repair was done' } });
  });

  it('is possible during stage 2 and without a reason', () => {
    given(history.stage2Acknowledged)
      .when(command('WithdrawComplaint', { withdrawnAt: '2026-04-02T12:00:00+01:00' }))
      .then([{ type: 'ComplaintWithdrawn', data: { occurredAt: '2026-04-02T12:00:00+01:00' } }]);
  });

  it('is refused once the complaint has ended', () => {
    given(history.withdrawn).when(command('WithdrawComplaint', { withdrawnAt: '2026-03-07T12:00:00Z' })).thenViolates(complaintRules.ended);
  });
});

describe('refusal', () => {
  const refuse = (refusedAt: string) =>
    command('RefuseComplaint', {
      refusedAt,
      ground: 'older_than_12_months',
      explanation: 'The events complained of happened in 2023 and were not raised within 12 months',
    });

  it('ends the complaint before any response, giving the Ombudsman referral right by default', () => {
    const state = given(history.received)
      .when(refuse('2026-03-03T15:00:00Z'))
      .then([
        {
          type: 'ComplaintRefused',
          data: {
            occurredAt: '2026-03-03T15:00:00Z',
            ground: 'older_than_12_months',
            explanation: 'The events complained of happened in 2023 and were not raised within 12 months',
            ombudsmanReferralRightGiven: true,
          },
        },
      ]);
    expect(state).toMatchObject({ status: 'refused', refusal: { ground: 'older_than_12_months' } });
  });

  it('is possible after acknowledgement but before the response', () => {
    given(history.stage1Acknowledged).when(refuse('2026-03-05T15:00:00Z')).then([expect.objectContaining({ type: 'ComplaintRefused' })]);
  });

  it('is refused once a stage response has been issued', () => {
    given(history.stage1Responded).when(refuse('2026-03-21T15:00:00Z')).thenViolates(complaintRules.refusalAfterResponse);
    given(history.stage2Acknowledged).when(refuse('2026-03-30T15:00:00+01:00')).thenViolates(complaintRules.refusalAfterResponse);
  });

  it('is refused once the complaint has ended', () => {
    given(history.refused).when(refuse('2026-03-04T15:00:00Z')).thenViolates(complaintRules.ended);
    given(history.withdrawn).when(refuse('2026-03-07T15:00:00Z')).thenViolates(complaintRules.ended);
  });
});

describe('after the complaint has ended', () => {
  const after = '2026-04-22T10:00:00+01:00';
  const refusedSteps: ComplaintCommand[] = [
    command('AcknowledgeComplaint', { acknowledgedAt: after, handler: stageTwoHandler }),
    command('AssignHandler', { assignedAt: after, handler: stageTwoHandler, reason: 'Cover' }),
    command('AgreeExtension', { agreedAt: after, additionalWorkingDays: 5, reason: 'Survey' }),
    command('IssueStageResponse', { respondedAt: after, decisions: [{ head: 'x', outcome: 'upheld', reasons: 'y' }] }),
    command('EscalateComplaint', { requestedAt: after }),
    command('CloseComplaint', { closedAt: after, outcome: 'Closed', lessonsNotApplicableReason: 'None' }),
    command('WithdrawComplaint', { withdrawnAt: after }),
    command('RefuseComplaint', { refusedAt: after, ground: 'other', explanation: 'x' }),
    command('LogContact', { at: after, direction: 'inbound', channel: 'phone', reached: true }),
  ];

  it.each(refusedSteps.map((c) => [c.type, c] as const))('refuses %s with the complaint-ended rule', (_type, step) => {
    const refusal = given(history.closed).when(step).thenViolates(complaintRules.ended);
    expect(refusal.message).toContain(`It was closed ${at.closed}.`);
  });

  it('applies the ended rule before any other check (here: a date in the future)', () => {
    given(history.closed)
      .when(command('EscalateComplaint', { requestedAt: '2027-01-01T00:00:00Z' }, { now: '2026-05-01T00:00:00Z' }))
      .thenViolates(complaintRules.ended);
  });

  it('still takes lessons, remedy completions, payments, satisfaction, Ombudsman steps and erasure', () => {
    expect([...commandsAllowedOnceEnded].sort()).toEqual(
      [
        'CompleteRemedyAction',
        'ErasePersonalData',
        'RecordCompensationPayment',
        'RecordLesson',
        'RecordOmbudsmanDetermination',
        'RecordOmbudsmanOrderCompliance',
        'RecordOmbudsmanReferral',
        'RecordSatisfaction',
      ].sort(),
    );
    given([...history.closed, events.referred(), events.determined(), events.orderComplied()])
      .when(command('ErasePersonalData', { erasedAt: '2026-06-20T10:00:00+01:00', reason: 'Retention period ended' }))
      .then([expect.objectContaining({ type: 'PersonalDataErased' })]);
  });
});
