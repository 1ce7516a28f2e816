import { describe, expect, it } from 'vitest';
import { complaintRules } from './rules';
import { at, command, events, history, manager } from './testing/fixtures';
import { given } from './testing/given-when-then';

const close = (closedAt: string, lessonsNotApplicableReason?: string) =>
  command(
    'CloseComplaint',
    {
      closedAt,
      outcome: 'Partially upheld; fan fitted',
      ...(lessonsNotApplicableReason ? { lessonsNotApplicableReason } : {}),
    },
    { actor: manager },
  );

describe('closing a complaint', () => {
  it('records who closed it and how many lessons were recorded', () => {
    const state = given([
      ...history.stage1Responded,
      events.lessonRecorded('L1', '2026-03-21T09:00:00Z'),
      events.lessonRecorded('L2', '2026-03-21T09:05:00Z'),
    ])
      .when(close('2026-03-23T10:00:00Z'))
      .then([
        {
          type: 'ComplaintClosed',
          data: {
            occurredAt: '2026-03-23T10:00:00Z',
            outcome: 'Partially upheld; fan fitted',
            closedBy: { id: manager.id, name: manager.name },
            lessonsRecorded: 2,
          },
        },
      ]);
    expect(state).toMatchObject({
      status: 'closed',
      endedAt: '2026-03-23T10:00:00Z',
      closure: { lessonsRecorded: 2, closedBy: { id: 'u-207' } },
    });
  });

  it('accepts a stated reason instead of lessons', () => {
    given(history.stage1Responded)
      .when(close('2026-03-23T10:00:00Z', 'Isolated contractor error already addressed through the contract'))
      .then([
        {
          type: 'ComplaintClosed',
          data: {
            occurredAt: '2026-03-23T10:00:00Z',
            outcome: 'Partially upheld; fan fitted',
            closedBy: { id: manager.id, name: manager.name },
            lessonsRecorded: 0,
            lessonsNotApplicableReason: 'Isolated contractor error already addressed through the contract',
          },
        },
      ]);
  });

  it('needs lessons or a reason for none', () => {
    given(history.stage1Responded)
      .when(close('2026-03-23T10:00:00Z'))
      .thenViolates(complaintRules.closureNeedsLessonsOrReason);
    const blank = close('2026-03-23T10:00:00Z', 'x');
    given(history.stage1Responded)
      .when({ ...blank, data: { ...blank.data, lessonsNotApplicableReason: '  ' } })
      .thenViolates(complaintRules.closureNeedsLessonsOrReason);
  });

  it('needs the response of the current stage', () => {
    given(history.stage1Acknowledged)
      .when(close('2026-03-23T10:00:00Z', 'None'))
      .thenViolates(complaintRules.closureNeedsResponse);
    // Escalated: the stage 1 response is no longer the final one.
    given(history.stage2Acknowledged)
      .when(close('2026-04-01T10:00:00+01:00', 'None'))
      .thenViolates(complaintRules.closureNeedsResponse);
  });

  it('is not dated before the final response', () => {
    given(history.stage2Responded)
      .when(close('2026-04-20T14:59:00+01:00', 'None'))
      .thenViolates(complaintRules.occurredBeforePrecedingStep);
  });

  it('is refused when the complaint has already ended', () => {
    given(history.closed).when(close('2026-04-22T10:00:00+01:00', 'None')).thenViolates(complaintRules.ended);
    given(history.refused).when(close('2026-04-22T10:00:00+01:00', 'None')).thenViolates(complaintRules.ended);
  });

  it('closes after stage 2 with the lesson recorded before', () => {
    given([...history.stage2Responded, events.lessonRecorded()])
      .when(
        command(
          'CloseComplaint',
          { closedAt: at.closed, outcome: 'Upheld at stage 2; fan to be fitted and compensation paid' },
          { actor: manager },
        ),
      )
      .then([events.closed()]);
  });
});
