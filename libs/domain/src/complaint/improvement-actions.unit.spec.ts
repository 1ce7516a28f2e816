import type { ComplaintEvent } from '@complaints/contracts';
import { describe, expect, it } from 'vitest';
import { fold } from '../decider';
import { createWorkingDayCalendar } from '../calendar';
import { complaintDecider } from './complaint-decider';
import { followUpsOf } from './follow-ups';
import { improvementActionStatusOf } from './improvement-actions/improvement-actions';
import { complaintRules } from './rules';
import { command, events, history } from './testing/fixtures';
import { given } from './testing/given-when-then';

const plan = (plannedAt: string, dueBy = '2026-09-30', lessonId = 'L1') =>
  command('PlanImprovementAction', { plannedAt, lessonId, owner: 'Repairs Manager', dueBy });
const complete = (completedAt: string, fields: { documentId?: string; lessonId?: string } = {}) =>
  command('CompleteImprovementAction', {
    completedAt,
    lessonId: fields.lessonId ?? 'L1',
    whatChanged: 'Second mould reports now book a damp survey automatically',
    evidence: 'Job scheduling rule DS-2 live since 1 June',
    ...(fields.documentId ? { documentId: fields.documentId } : {}),
  });
const lessonWithoutAction = (lessonId: string, occurredAt: string): ComplaintEvent => ({
  type: 'LessonRecorded',
  data: { occurredAt, lessonId, lesson: 'Letters went out late' },
});

describe('recording a lesson with an improvement action', () => {
  const record = (fields: Record<string, string>) =>
    command('RecordLesson', { recordedAt: '2026-04-21T09:00:00+01:00', lesson: 'Mould washes were no fix', ...fields });

  it('may leave the owner and due date to be planned later', () => {
    given(history.stage2Responded)
      .when(record({ improvementAction: 'Damp survey on any second mould report' }))
      .then([
        {
          type: 'LessonRecorded',
          data: {
            occurredAt: '2026-04-21T09:00:00+01:00',
            lessonId: 'L1',
            lesson: 'Mould washes were no fix',
            improvementAction: 'Damp survey on any second mould report',
          },
        },
      ]);
  });

  it("refuses a due date without an improvement action (an owner alone is the lesson's, as before)", () => {
    given(history.stage2Responded)
      .when(record({ owner: 'Head of Repairs' }))
      .then([expect.objectContaining({ type: 'LessonRecorded' })]);
    given(history.stage2Responded)
      .when(record({ dueBy: '2026-07-31' }))
      .thenViolates(complaintRules.lessonDueWithoutImprovementAction);
  });

  it('refuses a due date before the day the lesson is recorded', () => {
    given(history.stage2Responded)
      .when(record({ improvementAction: 'Damp survey', dueBy: '2026-04-20' }))
      .thenViolates(complaintRules.improvementActionDueBeforePlanned);
    given(history.stage2Responded)
      .when(record({ improvementAction: 'Damp survey', dueBy: '2026-04-21' }))
      .then([expect.objectContaining({ type: 'LessonRecorded' })]);
  });
});

describe('planning an improvement action (owner and due date)', () => {
  it('gives the action its owner and due date, also after closure', () => {
    const state = given(history.closed)
      .when(plan('2026-05-01T10:00:00+01:00'))
      .then([
        {
          type: 'ImprovementActionPlanned',
          data: {
            occurredAt: '2026-05-01T10:00:00+01:00',
            lessonId: 'L1',
            owner: 'Repairs Manager',
            dueBy: '2026-09-30',
          },
        },
      ]);
    expect(state.status === 'closed' && state.lessons[0]).toMatchObject({
      owner: 'Repairs Manager',
      dueBy: '2026-09-30',
      plannedAt: '2026-05-01T10:00:00+01:00',
    });
  });

  it('may plan it again (a new owner or date) until it is made', () => {
    given([...history.closed, events.improvementActionPlanned()])
      .when(plan('2026-05-20T10:00:00+01:00', '2026-12-31'))
      .then([
        expect.objectContaining({
          type: 'ImprovementActionPlanned',
          data: expect.objectContaining({ dueBy: '2026-12-31' }),
        }),
      ]);
    given([...history.closed, events.improvementActionCompleted()])
      .when(plan('2026-06-10T10:00:00+01:00'))
      .thenViolates(complaintRules.improvementActionAlreadyCompleted);
  });

  it('needs a lesson of this complaint that has an improvement action', () => {
    given(history.closed)
      .when(plan('2026-05-01T10:00:00+01:00', '2026-09-30', 'L9'))
      .thenViolates(complaintRules.lessonUnknown);
    given([...history.closed, lessonWithoutAction('L2', '2026-04-22T10:00:00+01:00')])
      .when(plan('2026-05-01T10:00:00+01:00', '2026-09-30', 'L2'))
      .thenViolates(complaintRules.lessonHasNoImprovementAction);
  });

  it('is not dated before the lesson (nor before the plan it replaces), nor due before the day it is planned', () => {
    given(history.closed)
      .when(plan('2026-04-21T08:00:00+01:00'))
      .thenViolates(complaintRules.occurredBeforePrecedingStep);
    given([...history.closed, events.improvementActionPlanned('L1', '2026-05-01T10:00:00+01:00')])
      .when(plan('2026-04-30T10:00:00+01:00'))
      .thenViolates(complaintRules.occurredBeforePrecedingStep);
    given(history.closed)
      .when(plan('2026-05-01T10:00:00+01:00', '2026-04-30'))
      .thenViolates(complaintRules.improvementActionDueBeforePlanned);
  });
});

describe('completing an improvement action', () => {
  it('records what changed and the evidence, also after closure', () => {
    const state = given(history.closed)
      .when(complete('2026-06-01T10:00:00+01:00'))
      .then([
        {
          type: 'ImprovementActionCompleted',
          data: {
            occurredAt: '2026-06-01T10:00:00+01:00',
            lessonId: 'L1',
            whatChanged: 'Second mould reports now book a damp survey automatically',
            evidence: 'Job scheduling rule DS-2 live since 1 June',
          },
        },
      ]);
    expect(state.status === 'closed' && state.lessons[0]?.completion?.completedAt).toBe('2026-06-01T10:00:00+01:00');
  });

  it('is completed once', () => {
    given([...history.closed, events.improvementActionCompleted()])
      .when(complete('2026-06-10T10:00:00+01:00'))
      .thenViolates(complaintRules.improvementActionAlreadyCompleted);
  });

  it('needs a lesson with an improvement action', () => {
    given(history.closed)
      .when(complete('2026-06-01T10:00:00+01:00', { lessonId: 'L2' }))
      .thenViolates(complaintRules.lessonUnknown);
    given([...history.closed, lessonWithoutAction('L2', '2026-04-22T10:00:00+01:00')])
      .when(complete('2026-06-01T10:00:00+01:00', { lessonId: 'L2' }))
      .thenViolates(complaintRules.lessonHasNoImprovementAction);
  });

  it('is not dated before the lesson, nor before its latest plan', () => {
    given(history.closed)
      .when(complete('2026-04-21T08:59:00+01:00'))
      .thenViolates(complaintRules.occurredBeforePrecedingStep);
    given([...history.closed, events.improvementActionPlanned('L1', '2026-05-01T10:00:00+01:00')])
      .when(complete('2026-04-30T10:00:00+01:00'))
      .thenViolates(complaintRules.occurredBeforePrecedingStep);
  });

  it('may name a document attached to the complaint by then as its evidence', () => {
    const attached = [...history.closed, events.documentAttached('D1', '2026-05-30T10:00:00+01:00')];
    given(attached)
      .when(complete('2026-06-01T10:00:00+01:00', { documentId: 'D1' }))
      .then([
        expect.objectContaining({
          type: 'ImprovementActionCompleted',
          data: expect.objectContaining({ documentId: 'D1' }),
        }),
      ]);
    given(attached)
      .when(complete('2026-06-01T10:00:00+01:00', { documentId: 'D2' }))
      .thenViolates(complaintRules.improvementActionEvidenceDocumentUnknown);
    given(attached)
      .when(complete('2026-05-29T10:00:00+01:00', { documentId: 'D1' }))
      .thenViolates(complaintRules.improvementActionEvidenceDocumentUnknown);
  });
});

describe('improvement actions as follow-ups and their status', () => {
  const calendar = createWorkingDayCalendar();
  const followUps = (history: readonly ComplaintEvent[]) =>
    followUpsOf(fold(complaintDecider, history), calendar).filter((f) => f.reason === 'improvement_action');

  it('is a follow-up due on its due date while not made, on a closed complaint too', () => {
    expect(followUps(history.closed)).toEqual([{ reason: 'improvement_action', due: '2026-07-31', ref: 'L1' }]);
    expect(
      followUps([...history.closed, events.improvementActionPlanned('L1', '2026-05-01T10:00:00+01:00', '2026-09-30')]),
    ).toEqual([{ reason: 'improvement_action', due: '2026-09-30', ref: 'L1' }]);
    expect(followUps([...history.closed, events.improvementActionCompleted()])).toEqual([]);
    expect(followUps([...history.closed, lessonWithoutAction('L2', '2026-04-22T10:00:00+01:00')])).toHaveLength(1);
  });

  it('counts a lesson recorded with a due date and no action (before the due-date rule) as having one: listed, and it can be completed', () => {
    const legacy: ComplaintEvent = {
      type: 'LessonRecorded',
      data: {
        occurredAt: '2026-04-22T10:00:00+01:00',
        lessonId: 'L2',
        lesson: 'Letters went out late',
        dueBy: '2026-05-29',
      },
    };
    expect(followUps([...history.closed, legacy])).toContainEqual({
      reason: 'improvement_action',
      due: '2026-05-29',
      ref: 'L2',
    });
    given([...history.closed, legacy])
      .when(complete('2026-06-01T10:00:00+01:00', { lessonId: 'L2' }))
      .then([expect.objectContaining({ type: 'ImprovementActionCompleted' })]);
  });

  it('is planned, overdue after its due date, made from the day it is recorded as made', () => {
    const action = { hasImprovementAction: true, dueBy: '2026-07-31', madeOn: null };
    expect(improvementActionStatusOf(action, '2026-07-31')).toBe('planned');
    expect(improvementActionStatusOf(action, '2026-08-01')).toBe('overdue');
    expect(improvementActionStatusOf({ ...action, madeOn: '2026-08-05' }, '2026-08-04')).toBe('overdue');
    expect(improvementActionStatusOf({ ...action, madeOn: '2026-08-05' }, '2026-08-05')).toBe('made');
    expect(improvementActionStatusOf({ ...action, dueBy: null }, '2030-01-01')).toBe('planned');
    expect(
      improvementActionStatusOf({ hasImprovementAction: false, dueBy: null, madeOn: null }, '2026-08-01'),
    ).toBeNull();
  });
});
