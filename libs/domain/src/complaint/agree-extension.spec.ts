import { describe, expect, it } from 'vitest';
import { complaintRules } from './rules';
import { at, command, history } from './testing/fixtures';
import { given } from './testing/given-when-then';

const extend = (agreedAt: string, reason = 'Waiting for the damp surveyor report') =>
  command('AgreeExtension', { agreedAt, additionalWorkingDays: 5, reason, residentInformed: true, ombudsmanDetailsGiven: true });

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
      { workingDays: 5, reason: 'Waiting for the damp surveyor report', at: at.stage1Extended, residentInformed: true, ombudsmanDetailsGiven: true },
    ]);
  });

  it('defaults the notice flags to false when the officer does not say', () => {
    given(history.stage1Acknowledged)
      .when(command('AgreeExtension', { agreedAt: at.stage1Extended, additionalWorkingDays: 10, reason: 'Contractor survey booked' }))
      .then([
        {
          type: 'ExtensionAgreed',
          data: {
            occurredAt: at.stage1Extended,
            stage: 1,
            additionalWorkingDays: 10,
            reason: 'Contractor survey booked',
            residentInformed: false,
            ombudsmanDetailsGiven: false,
          },
        },
      ]);
  });

  it('is refused after that stage’s response', () => {
    given(history.stage1Responded).when(extend('2026-03-21T10:00:00Z')).thenViolates(complaintRules.extensionAfterResponse);
    given(history.stage2Responded).when(extend('2026-04-20T16:00:00+01:00')).thenViolates(complaintRules.extensionAfterResponse);
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
    given(history.escalated).when(extend('2026-03-24T10:00:00Z')).thenViolates(complaintRules.occurredBeforePrecedingStep);
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
