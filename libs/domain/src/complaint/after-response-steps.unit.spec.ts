import { describe, expect, it } from 'vitest';
import { complaintRules } from './rules';
import { command, events, history } from './testing/fixtures';
import { given } from './testing/given-when-then';

const complete = (actionId: string, completedAt: string) =>
  command('CompleteRemedyAction', { actionId, completedAt, evidence: 'Job 88412 signed off by the surveyor' });

describe('completing a remedy action (Code 6.6, 7.3)', () => {
  it('marks the action completed, also after closure', () => {
    const state = given(history.closed)
      .when(complete('S2-A1', '2026-05-12T14:00:00+01:00'))
      .then([
        {
          type: 'RemedyActionCompleted',
          data: {
            occurredAt: '2026-05-12T14:00:00+01:00',
            actionId: 'S2-A1',
            evidence: 'Job 88412 signed off by the surveyor',
          },
        },
      ]);
    expect(state.status === 'closed' && state.remedyActions).toEqual([
      expect.objectContaining({ actionId: 'S1-A1', completedAt: null }),
      expect.objectContaining({ actionId: 'S2-A1', stage: 2, completedAt: '2026-05-12T14:00:00+01:00' }),
    ]);
  });

  it('needs an action that a response set', () => {
    given(history.closed)
      .when(complete('S2-A9', '2026-05-12T14:00:00+01:00'))
      .thenViolates(complaintRules.remedyActionUnknown);
  });

  it('completes an action once', () => {
    given([...history.closed, events.remedyCompleted('S1-A1', '2026-05-01T10:00:00+01:00')])
      .when(complete('S1-A1', '2026-05-13T14:00:00+01:00'))
      .thenViolates(complaintRules.remedyActionAlreadyCompleted);
  });

  it('is not dated before the response that set it', () => {
    given(history.stage2Responded)
      .when(complete('S2-A1', '2026-04-20T10:00:00+01:00'))
      .thenViolates(complaintRules.occurredBeforePrecedingStep);
  });

  it('may complete a stage 1 action before the stage 2 response', () => {
    given(history.stage2Responded)
      .when(complete('S1-A1', '2026-04-01T10:00:00+01:00'))
      .then([expect.objectContaining({ type: 'RemedyActionCompleted' })]);
  });
});

describe('paying compensation', () => {
  const pay = (paidAt: string) =>
    command('RecordCompensationPayment', { paidAt, amountPence: 5000, kind: 'time_and_trouble', method: 'BACS' });

  it('records the payment, also after closure', () => {
    const state = given(history.closed)
      .when(pay('2026-04-24T10:00:00+01:00'))
      .then([
        {
          type: 'CompensationPaid',
          data: {
            occurredAt: '2026-04-24T10:00:00+01:00',
            amountPence: 5000,
            kind: 'time_and_trouble',
            method: 'BACS',
          },
        },
      ]);
    expect(state).toMatchObject({ compensation: { offeredPence: 20000, paidPence: 5000 } });
  });

  it('needs a stage response first', () => {
    given(history.stage1Acknowledged).when(pay('2026-03-10T10:00:00Z')).thenViolates(complaintRules.needsStageResponse);
  });

  it('is not dated before the first response', () => {
    given(history.stage1Responded)
      .when(pay('2026-03-20T09:00:00Z'))
      .thenViolates(complaintRules.occurredBeforePrecedingStep);
  });
});

describe('recording satisfaction', () => {
  const survey = (recordedAt: string, stage?: 1 | 2) =>
    command('RecordSatisfaction', {
      recordedAt,
      ...(stage ? { stage } : {}),
      withHandling: 'fairly_dissatisfied',
      withOutcome: 'fairly_satisfied',
      comment: 'Took too long',
    });

  it('records handling and outcome separately, for the latest stage answered by default', () => {
    const state = given(history.closed)
      .when(survey('2026-05-05T10:00:00+01:00'))
      .then([
        {
          type: 'SatisfactionRecorded',
          data: {
            occurredAt: '2026-05-05T10:00:00+01:00',
            stage: 2,
            withHandling: 'fairly_dissatisfied',
            withOutcome: 'fairly_satisfied',
            comment: 'Took too long',
          },
        },
      ]);
    expect(state).toMatchObject({
      stage2: { satisfaction: { withHandling: 'fairly_dissatisfied', withOutcome: 'fairly_satisfied' } },
    });
  });

  describe('one record per stage, both kept (issue 11, 11b)', () => {
    it('keeps the stage 1 survey when stage 2 is surveyed', () => {
      const afterStageOne = [
        ...history.stage1Responded,
        events.satisfactionRecorded('2026-03-23T10:00:00Z', 1),
        events.escalated(),
        events.acknowledged(2),
        events.responded(2),
      ];
      const state = given(afterStageOne)
        .when(survey('2026-04-22T10:00:00+01:00'))
        .then([expect.objectContaining({ data: expect.objectContaining({ stage: 2 }) })]);
      expect(state).toMatchObject({
        stage1: { satisfaction: { recordedAt: '2026-03-23T10:00:00Z', withHandling: 'fairly_satisfied' } },
        stage2: { satisfaction: { recordedAt: '2026-04-22T10:00:00+01:00', withHandling: 'fairly_dissatisfied' } },
      });
    });

    it('refuses a second survey of the same stage rather than replacing the first', () => {
      given([...history.closed, events.satisfactionRecorded('2026-05-01T10:00:00+01:00', 2)])
        .when(survey('2026-05-05T10:00:00+01:00'))
        .thenViolates(complaintRules.satisfactionAlreadyRecorded);
    });

    it('can survey stage 1 after the stage 2 response, naming the stage', () => {
      given(history.closed)
        .when(survey('2026-05-05T10:00:00+01:00', 1))
        .then([expect.objectContaining({ data: expect.objectContaining({ stage: 1 }) })]);
    });

    it('needs that stage to have been answered', () => {
      given(history.stage2Acknowledged)
        .when(survey('2026-04-01T10:00:00+01:00', 2))
        .thenViolates(complaintRules.needsStageResponse);
    });

    it('folds a v1 survey (no stage) into the latest stage answered when it was recorded', () => {
      const state = given([
        ...history.stage1Responded,
        events.satisfactionRecorded('2026-03-23T10:00:00Z'),
        events.escalated(),
      ])
        .when(survey('2026-03-25T10:00:00Z', 1))
        .thenViolates(complaintRules.satisfactionAlreadyRecorded);
      expect(state.message).toContain('Stage 1');
    });
  });

  it('needs a stage response first', () => {
    given(history.received).when(survey('2026-03-10T10:00:00Z')).thenViolates(complaintRules.needsStageResponse);
  });

  it('is not dated before the first response', () => {
    given(history.stage1Responded)
      .when(survey('2026-03-19T10:00:00Z'))
      .thenViolates(complaintRules.occurredBeforePrecedingStep);
  });
});

describe('lessons and contacts', () => {
  it('numbers lessons in order, before and after closure', () => {
    given(history.closed)
      .when(
        command('RecordLesson', {
          recordedAt: '2026-04-28T10:00:00+01:00',
          lesson: 'Missed appointments were not reported to the resident',
          owner: 'Repairs scheduling manager',
        }),
      )
      .then([
        {
          type: 'LessonRecorded',
          data: {
            occurredAt: '2026-04-28T10:00:00+01:00',
            lessonId: 'L2',
            lesson: 'Missed appointments were not reported to the resident',
            owner: 'Repairs scheduling manager',
          },
        },
      ]);
  });

  describe('contacts after the end of the complaint (Code 6.6, issue 11 defect 9)', () => {
    const callBack = (at: string) =>
      command('LogContact', {
        at,
        direction: 'outbound',
        channel: 'phone',
        reached: true,
        summary: 'Called back about the outcome',
      });
    const logged = (occurredAt: string) =>
      [
        {
          type: 'ContactLogged',
          data: {
            occurredAt,
            direction: 'outbound',
            channel: 'phone',
            reached: true,
            summary: 'Called back about the outcome',
          },
        },
      ] as const;

    it('logs a call-back after closure', () => {
      const state = given(history.closed)
        .when(callBack('2026-04-28T10:00:00+01:00'))
        .then(logged('2026-04-28T10:00:00+01:00'));
      expect(state).toMatchObject({ status: 'closed', contacts: [{ at: '2026-04-28T10:00:00+01:00', reached: true }] });
    });

    it('logs a contact after a withdrawal or a refusal too', () => {
      given(history.withdrawn).when(callBack('2026-03-09T10:00:00Z')).then(logged('2026-03-09T10:00:00Z'));
      given(history.refused).when(callBack('2026-03-09T10:00:00Z')).then(logged('2026-03-09T10:00:00Z'));
    });
  });

  it('logs a failed contact attempt while open', () => {
    const state = given(history.stage1Acknowledged)
      .when(
        command('LogContact', {
          at: '2026-03-05T11:00:00Z',
          direction: 'outbound',
          channel: 'phone',
          reached: false,
          summary: 'No answer, voicemail left',
        }),
      )
      .then([
        {
          type: 'ContactLogged',
          data: {
            occurredAt: '2026-03-05T11:00:00Z',
            direction: 'outbound',
            channel: 'phone',
            reached: false,
            summary: 'No answer, voicemail left',
          },
        },
      ]);
    expect(state).toMatchObject({ contacts: [{ at: '2026-03-05T11:00:00Z', reached: false }] });
  });
});
