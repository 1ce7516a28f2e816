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
      .then([
        { type: 'ComplaintWithdrawn', data: { occurredAt: '2026-03-06T12:00:00Z', reason: 'The repair was done' } },
      ]);
    expect(state).toMatchObject({
      status: 'withdrawn',
      endedAt: '2026-03-06T12:00:00Z',
      withdrawal: { reason: 'The repair was done' },
    });
  });

  it('is possible during stage 2 and without a reason', () => {
    given(history.stage2Acknowledged)
      .when(command('WithdrawComplaint', { withdrawnAt: '2026-04-02T12:00:00+01:00' }))
      .then([{ type: 'ComplaintWithdrawn', data: { occurredAt: '2026-04-02T12:00:00+01:00' } }]);
  });

  it('is refused once the complaint has ended', () => {
    given(history.withdrawn)
      .when(command('WithdrawComplaint', { withdrawnAt: '2026-03-07T12:00:00Z' }))
      .thenViolates(complaintRules.ended);
  });
});

describe('refusal', () => {
  const refuse = (refusedAt: string, extra: { ombudsmanReferralRightGiven?: boolean; issueKnownSince?: string } = {}) =>
    command('RefuseComplaint', {
      refusedAt,
      ground: 'older_than_12_months',
      explanation: 'The events complained of happened in 2023 and were not raised within 12 months',
      ...extra,
    });
  /** Received on 2 March 2026 about an issue known since June 2023. */
  const lateComplaint = [events.received({ issueKnownSince: '2023-06-01' })];

  it('ends the complaint before any response, giving the Ombudsman referral right by default', () => {
    const state = given(lateComplaint)
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
    given([...lateComplaint, events.acknowledged(1)])
      .when(
        command('RefuseComplaint', {
          refusedAt: '2026-03-05T15:00:00Z',
          ground: 'legal_proceedings',
          explanation: 'A disrepair claim about the same damp has been issued',
          ombudsmanReferralRightGiven: true,
        }),
      )
      .then([expect.objectContaining({ type: 'ComplaintRefused' })]);
  });

  it('cannot rest on the complaint’s age once discretion was exercised to accept it', () => {
    given([
      ...lateComplaint,
      events.acknowledged(1, { discretionExercised: 'Considered first: the resident may have a good reason' }),
    ])
      .when(refuse('2026-03-05T15:00:00Z'))
      .thenViolates(complaintRules.refusalGroundNotSupported);
  });

  describe('is true to the facts it relies on (issue 11 defect 6)', () => {
    it('refuses "more than 12 months old" when the issue became known less than 12 months before receipt', () => {
      // The fixture's issue was known from 10 November 2025, under four months before receipt.
      const refusal = given(history.received)
        .when(refuse('2026-03-03T15:00:00Z'))
        .thenViolates(complaintRules.refusalGroundNotSupported);
      expect(refusal.message).toContain('became known 2025-11-10');
      given([events.received({ issueKnownSince: '2025-03-03' })])
        .when(refuse('2026-03-03T15:00:00Z'))
        .thenViolates(complaintRules.refusalGroundNotSupported);
    });

    it('accepts it from exactly 12 months before receipt', () => {
      given([events.received({ issueKnownSince: '2025-03-02' })])
        .when(refuse('2026-03-03T15:00:00Z'))
        .then([expect.objectContaining({ type: 'ComplaintRefused' })]);
    });

    it('needs a date: one stated by the refusal when the receipt recorded none, kept on the event', () => {
      const undated = [events.received({ issueKnownSince: undefined })];
      given(undated).when(refuse('2026-03-03T15:00:00Z')).thenViolates(complaintRules.refusalNeedsIssueDate);
      given(undated)
        .when(refuse('2026-03-03T15:00:00Z', { issueKnownSince: '2025-09-01' }))
        .thenViolates(complaintRules.refusalGroundNotSupported);
      const state = given(undated)
        .when(refuse('2026-03-03T15:00:00Z', { issueKnownSince: '2024-09-01' }))
        .then([
          {
            type: 'ComplaintRefused',
            data: {
              occurredAt: '2026-03-03T15:00:00Z',
              ground: 'older_than_12_months',
              explanation: 'The events complained of happened in 2023 and were not raised within 12 months',
              ombudsmanReferralRightGiven: true,
              issueKnownSince: '2024-09-01',
            },
          },
        ]);
      expect(state).toMatchObject({ refusal: { issueKnownSince: '2024-09-01' } });
    });

    it('cannot contradict the date recorded at receipt', () => {
      given(history.received)
        .when(refuse('2026-03-03T15:00:00Z', { issueKnownSince: '2024-01-01' }))
        .thenViolates(complaintRules.refusalGroundNotSupported);
    });

    it('must give the Ombudsman referral right (Code 2.4)', () => {
      given(lateComplaint)
        .when(refuse('2026-03-03T15:00:00Z', { ombudsmanReferralRightGiven: false }))
        .thenViolates(complaintRules.ombudsmanReferralRightRequired);
      given(history.received)
        .when(
          command('RefuseComplaint', {
            refusedAt: '2026-03-03T15:00:00Z',
            ground: 'legal_proceedings',
            explanation: 'Before the county court',
            ombudsmanReferralRightGiven: false,
          }),
        )
        .thenViolates(complaintRules.ombudsmanReferralRightRequired);
    });

    it('checks no date for the other grounds', () => {
      given(history.received)
        .when(
          command('RefuseComplaint', {
            refusedAt: '2026-03-03T15:00:00Z',
            ground: 'legal_proceedings',
            explanation: 'Before the county court',
          }),
        )
        .then([expect.objectContaining({ type: 'ComplaintRefused' })]);
    });
  });

  it('is refused once a stage response has been issued', () => {
    given(history.stage1Responded)
      .when(refuse('2026-03-21T15:00:00Z'))
      .thenViolates(complaintRules.refusalAfterResponse);
    given(history.stage2Acknowledged)
      .when(refuse('2026-03-30T15:00:00+01:00'))
      .thenViolates(complaintRules.refusalAfterResponse);
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
    command('CloseComplaint', { closedAt: after, outcome: 'Closed', lessonsNotApplicableReason: 'None' }),
    command('WithdrawComplaint', { withdrawnAt: after }),
    command('RefuseComplaint', { refusedAt: after, ground: 'other', explanation: 'x' }),
  ];

  it.each(refusedSteps.map((c) => [c.type, c] as const))('refuses %s with the complaint-ended rule', (_type, step) => {
    const refusal = given(history.closed).when(step).thenViolates(complaintRules.ended);
    expect(refusal.message).toContain(`It was closed ${at.closed}.`);
  });

  it('applies the ended rule before any other check (here: a date in the future)', () => {
    given(history.closed)
      .when(
        command(
          'AgreeExtension',
          { agreedAt: '2027-01-01T00:00:00Z', additionalWorkingDays: 5, reason: 'Survey' },
          { now: '2026-05-01T00:00:00Z' },
        ),
      )
      .thenViolates(complaintRules.ended);
  });

  it('still takes contacts, lessons, remedy completions, payments, satisfaction, Ombudsman steps, legal holds, erasure and (after stage 1) escalation', () => {
    expect([...commandsAllowedOnceEnded].sort()).toEqual(
      [
        'ApproveRetentionErasure',
        'AnswerEnquiry',
        // A letter or photo that arrives after the closure belongs to the record too.
        'AttachDocument',
        'CompleteRemedyAction',
        // Closing a complaint does not end an organisational action.
        'PlanImprovementAction',
        'CompleteImprovementAction',
        'LiftRestriction',
        'ReceiveEnquiry',
        'ReviewRestriction',
        'LiftLegalHold',
        'PlaceLegalHold',
        'ErasePersonalData',
        'EscalateComplaint',
        'LogContact',
        'RefuseEscalation',
        'RecordCompensationPayment',
        'RecordEqualityMonitoring',
        'RecordLesson',
        'RecordLetterSent',
        'RecordOmbudsmanDetermination',
        'RecordOmbudsmanOrderCompliance',
        'RecordOmbudsmanReferral',
        'RecordSatisfaction',
        // Contacts after closure need the representative's authority too.
        'RecordRepresentativeAuthority',
        'WithdrawRepresentativeAuthority',
      ].sort(),
    );
    given([...history.closed, events.referred(), events.determined(), events.orderComplied()])
      .when(command('ErasePersonalData', { erasedAt: '2026-06-20T10:00:00+01:00', reason: 'Retention period ended' }))
      .then([expect.objectContaining({ type: 'PersonalDataErased' })]);
  });
});
