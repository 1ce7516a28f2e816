import { describe, expect, it } from 'vitest';
import { complaintRules } from './rules';
import { at, command, events, history } from './testing/fixtures';
import { given } from './testing/given-when-then';

const escalate = (requestedAt: string, reason?: string) =>
  command('EscalateComplaint', { requestedAt, ...(reason ? { reason } : {}) });

describe('escalating to stage 2 (Code 5.1-5.3, 6.11-6.12)', () => {
  it('moves the complaint to stage 2, which nobody handles until acknowledged', () => {
    const state = given(history.stage1Responded)
      .when(escalate(at.escalated, 'The mould is back'))
      .then([{ type: 'ComplaintEscalated', data: { occurredAt: at.escalated, reason: 'The mould is back' } }]);
    expect(state).toMatchObject({
      status: 'open',
      stage: 2,
      handler: null,
      stage2: {
        startedAt: at.escalated,
        escalation: {
          requestedAt: at.escalated,
          reason: 'The mould is back',
          reviewRequestWindow: null,
          reopenedClosure: null,
        },
        acknowledgedAt: null,
      },
    });
  });

  it('needs no reason from the resident (Code 6.12)', () => {
    given(history.stage1Responded)
      .when(escalate(at.escalated))
      .then([{ type: 'ComplaintEscalated', data: { occurredAt: at.escalated } }]);
  });

  it('only follows the stage 1 response', () => {
    given(history.stage1Acknowledged)
      .when(escalate('2026-03-10T10:00:00Z'))
      .thenViolates(complaintRules.escalationNeedsStageOneResponse);
  });

  it('is not dated before the stage 1 response', () => {
    given(history.stage1Responded)
      .when(escalate('2026-03-20T16:29:00Z'))
      .thenViolates(complaintRules.occurredBeforePrecedingStep);
  });

  it('happens once: there is no stage 3', () => {
    given(history.escalated).when(escalate('2026-03-25T10:00:00Z')).thenViolates(complaintRules.noStageBeyondTwo);
    given(history.stage2Responded)
      .when(escalate('2026-04-21T10:00:00+01:00'))
      .thenViolates(complaintRules.noStageBeyondTwo);
  });

  it('is refused after a withdrawal or a refusal of the complaint', () => {
    given([...history.stage1Responded, events.withdrawn('2026-03-21T10:00:00Z')])
      .when(escalate(at.escalated))
      .thenViolates(complaintRules.ended);
    given(history.refused).when(escalate('2026-03-04T10:00:00Z')).thenViolates(complaintRules.ended);
  });

  it('is refused after a stage 2 closure: there is no stage 3', () => {
    given(history.closed).when(escalate('2026-04-22T10:00:00+01:00')).thenViolates(complaintRules.noStageBeyondTwo);
  });
});

describe('escalating after a stage 1 closure (Code 6.10-6.11, issue 11 defect 4)', () => {
  const requestedAt = '2026-03-30T10:00:00+01:00';

  it('reopens the complaint at stage 2 from the request date, keeping the closure on the record', () => {
    const state = given(history.closedAtStageOne)
      .when(escalate(requestedAt, 'Still not fixed'))
      .then([{ type: 'ComplaintEscalated', data: { occurredAt: requestedAt, reason: 'Still not fixed' } }]);
    expect(state).toMatchObject({
      status: 'open',
      stage: 2,
      endedAt: null,
      closure: null,
      stage1: { respondedAt: at.stage1Responded },
      stage2: {
        startedAt: requestedAt,
        escalation: {
          requestedAt,
          reopenedClosure: {
            closedAt: '2026-03-23T10:00:00Z',
            outcome: 'Upheld at stage 2; fan to be fitted and compensation paid',
          },
        },
      },
    });
  });

  it('then needs the stage 2 response before it can close again', () => {
    const reopened = [...history.closedAtStageOne, events.escalated(requestedAt)];
    given(reopened)
      .when(command('CloseComplaint', { closedAt: '2026-03-31T10:00:00+01:00', outcome: 'Closed' }))
      .thenViolates(complaintRules.closureNeedsResponse);
  });

  describe("the organisation's review-request window", () => {
    const withWindow = (at: string, reviewRequestWindowDays: number) =>
      command('EscalateComplaint', { requestedAt: at, reviewRequestWindowDays });

    it('flags a request after the window, and accepts it', () => {
      // Stage 1 answered on 20 March; a 5-day window ends on 25 March.
      given(history.closedAtStageOne)
        .when(withWindow(requestedAt, 5))
        .then([
          {
            type: 'ComplaintEscalated',
            data: {
              occurredAt: requestedAt,
              reviewRequestWindow: { calendarDays: 5, lastDay: '2026-03-25', late: true },
            },
          },
        ]);
    });

    it('records a request within the window as not late', () => {
      given(history.stage1Responded)
        .when(withWindow('2026-03-25T22:30:00Z', 5))
        .then([
          {
            type: 'ComplaintEscalated',
            data: {
              occurredAt: '2026-03-25T22:30:00Z',
              reviewRequestWindow: { calendarDays: 5, lastDay: '2026-03-25', late: false },
            },
          },
        ]);
    });
  });
});

describe('a request for stage 2 after erasure', () => {
  it('cannot reopen the complaint: its review would need the personal data that was erased', () => {
    const erased = [...history.closedAtStageOne, events.personalDataErased('2026-04-01T10:00:00+01:00')];
    given(erased).when(escalate('2026-04-02T10:00:00+01:00')).thenViolates(complaintRules.erasedComplaintCannotReopen);
  });
});

describe('refusing to escalate (Code 5.11, issue 11 defect 4)', () => {
  const refuseEscalation = (
    refusedAt: string,
    extra: Partial<{
      requestedAt: string;
      ground: 'older_than_12_months' | 'legal_proceedings';
      ombudsmanReferralRightGiven: boolean;
    }> = {},
  ) =>
    command('RefuseEscalation', {
      refusedAt,
      requestedAt: at.escalated,
      ground: 'legal_proceedings',
      explanation: 'The resident has issued a disrepair claim about the same damp',
      ...extra,
    });

  it('is a recorded decision with a ground, an explanation and the Ombudsman referral right', () => {
    const state = given(history.closedAtStageOne)
      .when(refuseEscalation('2026-03-26T10:00:00Z'))
      .then([events.escalationRefused('2026-03-26T10:00:00Z')]);
    expect(state).toMatchObject({
      status: 'closed',
      stage: 1,
      escalationRefusals: [
        {
          refusedAt: '2026-03-26T10:00:00Z',
          requestedAt: at.escalated,
          ground: 'legal_proceedings',
          ombudsmanReferralRightGiven: true,
        },
      ],
    });
  });

  it('must give the Ombudsman referral right', () => {
    given(history.stage1Responded)
      .when(refuseEscalation('2026-03-26T10:00:00Z', { ombudsmanReferralRightGiven: false }))
      .thenViolates(complaintRules.ombudsmanReferralRightRequired);
  });

  it('must be true to the facts, as a refusal of the complaint', () => {
    given(history.stage1Responded)
      .when(refuseEscalation('2026-03-26T10:00:00Z', { ground: 'older_than_12_months' }))
      .thenViolates(complaintRules.refusalGroundNotSupported);
  });

  it('cannot rest on the complaint’s age once stage 1 accepted and answered it, even when the issue was known years before', () => {
    const late = history.closedAtStageOne.map((e) =>
      e.type === 'ComplaintReceived' ? { ...e, data: { ...e.data, issueKnownSince: '2023-06-01' } } : e,
    );
    const refusal = given(late)
      .when(refuseEscalation('2026-03-26T10:00:00Z', { ground: 'older_than_12_months' }))
      .thenViolates(complaintRules.refusalGroundNotSupported);
    expect(refusal.message).toContain('accepted and answered at stage 1');
  });

  it('answering a request dated before the stage 1 response is a dating error, not an earlier refusal', () => {
    const refused = [...history.closedAtStageOne, events.escalationRefused('2026-03-26T10:00:00Z')];
    given(refused)
      .when(refuseEscalation('2026-03-27T10:00:00Z', { requestedAt: '2026-03-10T10:00:00Z' }))
      .thenViolates(complaintRules.occurredBeforePrecedingStep);
  });

  it('answers only a request that could have escalated the complaint', () => {
    given(history.stage1Acknowledged)
      .when(refuseEscalation('2026-03-10T10:00:00Z', { requestedAt: '2026-03-09T10:00:00Z' }))
      .thenViolates(complaintRules.escalationNeedsStageOneResponse);
    given(history.escalated)
      .when(refuseEscalation('2026-03-26T10:00:00Z'))
      .thenViolates(complaintRules.noStageBeyondTwo);
    given(history.stage1Responded)
      .when(refuseEscalation('2026-03-24T10:00:00Z', { requestedAt: '2026-03-24T12:00:00Z' }))
      .thenViolates(complaintRules.occurredBeforePrecedingStep);
  });

  it('leaves that request, and any made before the decision, unable to escalate the complaint', () => {
    const refused = [...history.closedAtStageOne, events.escalationRefused('2026-03-26T10:00:00Z')];
    given(refused).when(escalate(at.escalated)).thenViolates(complaintRules.escalationAlreadyRefused);
    given(refused).when(escalate('2026-03-25T10:00:00Z')).thenViolates(complaintRules.escalationAlreadyRefused);
    given(refused).when(refuseEscalation('2026-03-27T10:00:00Z')).thenViolates(complaintRules.escalationAlreadyRefused);
  });

  it('does not stop a new request made after the decision', () => {
    const refused = [...history.closedAtStageOne, events.escalationRefused('2026-03-26T10:00:00Z')];
    given(refused)
      .when(escalate('2026-04-07T10:00:00+01:00'))
      .then([{ type: 'ComplaintEscalated', data: { occurredAt: '2026-04-07T10:00:00+01:00' } }]);
  });
});
