import { describe, expect, it } from 'vitest';
import type { ComplaintEvent } from '@complaints/contracts';
import { complaintRules } from './rules';
import type { ComplaintState, ReceivedComplaint } from './state';
import { at, command, history } from './testing/fixtures';
import { given } from './testing/given-when-then';

const extend = (agreedAt: string, reason = 'Waiting for the damp surveyor report') =>
  command('AgreeExtension', {
    agreedAt,
    additionalWorkingDays: 5,
    reason,
    residentInformed: true,
    ombudsmanDetailsGiven: true,
  });

const extensionEvent = (days: number): ComplaintEvent => ({
  type: 'ExtensionAgreed',
  data: {
    occurredAt: at.stage1Extended,
    stage: 1,
    additionalWorkingDays: days,
    reason: 'Waiting for the damp surveyor report',
    residentInformed: true,
    ombudsmanDetailsGiven: true,
  },
});

const isOpen = (state: ComplaintState): state is ReceivedComplaint => state.status === 'open';

describe('agreeing an extension (Code 6.4-6.5)', () => {
  it('extends the current stage, with its reason', () => {
    const state = given(history.stage1Acknowledged)
      .when(extend(at.stage1Extended))
      .then([
        {
          type: 'ExtensionAgreed',
          data: {
            occurredAt: at.stage1Extended,
            stage: 1,
            additionalWorkingDays: 5,
            reason: 'Waiting for the damp surveyor report',
            residentInformed: true,
            ombudsmanDetailsGiven: true,
          },
        },
      ]);
    expect(state.status === 'open' && state.stage1.extensions).toEqual([
      {
        workingDays: 5,
        reason: 'Waiting for the damp surveyor report',
        at: at.stage1Extended,
        residentInformed: true,
        ombudsmanDetailsGiven: true,
        goodReason: null,
      },
    ]);
  });

  it('is refused unless the resident was told, with the Ombudsman’s details (Code 6.4-6.5); the flags default to false when the officer does not say', () => {
    given(history.stage1Acknowledged)
      .when(
        command('AgreeExtension', {
          agreedAt: at.stage1Extended,
          additionalWorkingDays: 10,
          reason: 'Contractor survey booked',
        }),
      )
      .thenViolates(complaintRules.extensionNeedsResidentInformed);
    const violation = given(history.stage1Acknowledged)
      .when(
        command('AgreeExtension', {
          agreedAt: at.stage1Extended,
          additionalWorkingDays: 10,
          reason: 'Contractor survey booked',
          residentInformed: true,
          ombudsmanDetailsGiven: false,
        }),
      )
      .thenViolates(complaintRules.extensionNeedsResidentInformed);
    expect(violation.message).toContain('ombudsmanDetailsGiven');
  });

  it('up to the Code’s limit needs no good reason: 5 + 5 at stage 1', () => {
    given([...history.stage1Acknowledged, extensionEvent(5)])
      .when(extend(at.stage1Extended))
      .then([extensionEvent(5)]);
  });

  it('beyond the Code’s limit needs a good reason recorded (Code 6.4): 5 + 6 at stage 1 is refused without one, recorded with one', () => {
    const past = [...history.stage1Acknowledged, extensionEvent(5)];
    const beyond = command('AgreeExtension', {
      agreedAt: at.stage1Extended,
      additionalWorkingDays: 6,
      reason: 'Specialist damp survey',
      residentInformed: true,
      ombudsmanDetailsGiven: true,
    });
    const violation = given(past).when(beyond).thenViolates(complaintRules.extensionBeyondLimitNeedsGoodReason);
    expect(violation.message).toContain('11 working days');
    given(past)
      .when({ ...beyond, data: { ...beyond.data, goodReason: '   ' } })
      .thenViolates(complaintRules.extensionBeyondLimitNeedsGoodReason);
    const state = given(past)
      .when({
        ...beyond,
        data: { ...beyond.data, goodReason: 'The only damp specialist has a four-week waiting list' },
      })
      .then([
        {
          type: 'ExtensionAgreed',
          data: {
            occurredAt: at.stage1Extended,
            stage: 1,
            additionalWorkingDays: 6,
            reason: 'Specialist damp survey',
            residentInformed: true,
            ombudsmanDetailsGiven: true,
            goodReason: 'The only damp specialist has a four-week waiting list',
          },
        },
      ]);
    expect(isOpen(state) && state.stage1.extensions[1]?.goodReason).toBe(
      'The only damp specialist has a four-week waiting list',
    );
  });

  it('is refused after that stage’s response', () => {
    given(history.stage1Responded)
      .when(extend('2026-03-21T10:00:00Z'))
      .thenViolates(complaintRules.extensionAfterResponse);
    given(history.stage2Responded)
      .when(extend('2026-04-20T16:00:00+01:00'))
      .thenViolates(complaintRules.extensionAfterResponse);
  });

  it('applies to stage 2 once escalated, even though stage 1 was answered', () => {
    given(history.stage2Acknowledged)
      .when(extend('2026-04-01T09:00:00+01:00'))
      .then([
        {
          type: 'ExtensionAgreed',
          data: {
            occurredAt: '2026-04-01T09:00:00+01:00',
            stage: 2,
            additionalWorkingDays: 5,
            reason: 'Waiting for the damp surveyor report',
            residentInformed: true,
            ombudsmanDetailsGiven: true,
          },
        },
      ]);
  });

  it('is not dated before the escalation request of stage 2', () => {
    given(history.escalated)
      .when(extend('2026-03-24T10:00:00Z'))
      .thenViolates(complaintRules.occurredBeforePrecedingStep);
  });

  it('states its reason, even in a command built without the schema', () => {
    const silent = extend(at.stage1Extended);
    given(history.stage1Acknowledged)
      .when({ ...silent, data: { ...silent.data, reason: '   ' } })
      .thenViolates(complaintRules.extensionNeedsReason);
  });

  it('needs the complaint to be open', () => {
    given(history.withdrawn).when(extend('2026-03-09T10:00:00Z')).thenViolates(complaintRules.ended);
  });
});
