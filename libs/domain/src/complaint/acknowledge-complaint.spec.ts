import { describe, expect, it } from 'vitest';
import { complaintRules } from './rules';
import { at, command, events, HEADS, history, otherOfficer, stageOneHandler, stageTwoHandler } from './testing/fixtures';
import { given } from './testing/given-when-then';

const acknowledge = (acknowledgedAt: string, handler = stageOneHandler, extra: { headsOfComplaint?: string[]; outcomesSought?: string[] } = {}) =>
  command('AcknowledgeComplaint', { acknowledgedAt, handler, method: 'letter', ...extra });

describe('acknowledging stage 1', () => {
  it('names the handler and defines the complaint (Code 5.6)', () => {
    const state = given(history.received)
      .when(acknowledge(at.stage1Acknowledged, stageOneHandler, { headsOfComplaint: HEADS, outcomesSought: ['Permanent repair of the damp'] }))
      .then([
        {
          type: 'ComplaintAcknowledged',
          data: {
            occurredAt: at.stage1Acknowledged,
            stage: 1,
            handler: stageOneHandler,
            method: 'letter',
            headsOfComplaint: HEADS,
            outcomesSought: ['Permanent repair of the damp'],
          },
        },
      ]);
    expect(state).toMatchObject({ handler: stageOneHandler, stage1: { acknowledgedAt: at.stage1Acknowledged, headsOfComplaint: HEADS } });
  });

  it('acknowledges each stage once', () => {
    given(history.stage1Acknowledged).when(acknowledge('2026-03-05T10:00:00Z')).thenViolates(complaintRules.stageAlreadyAcknowledged);
  });

  it('must name the handler', () => {
    given(history.received)
      .when({ ...acknowledge(at.stage1Acknowledged), data: { acknowledgedAt: at.stage1Acknowledged, handler: { id: 'u-101', name: ' ' } } })
      .thenViolates(complaintRules.handlerRequired);
  });
});

describe('acknowledging stage 2', () => {
  it('is a new stage: the stage 1 acknowledgement does not count for it', () => {
    given(history.escalated)
      .when(acknowledge(at.stage2Acknowledged, stageTwoHandler, { headsOfComplaint: ['The fan was never fitted'] }))
      .then([
        {
          type: 'ComplaintAcknowledged',
          data: {
            occurredAt: at.stage2Acknowledged,
            stage: 2,
            handler: stageTwoHandler,
            method: 'letter',
            headsOfComplaint: ['The fan was never fitted'],
            outcomesSought: [],
          },
        },
      ]);
  });

  it('inherits the stage 1 heads of complaint when none are given', () => {
    const state = given(history.escalated)
      .when(acknowledge(at.stage2Acknowledged, stageTwoHandler))
      .then([
        {
          type: 'ComplaintAcknowledged',
          data: { occurredAt: at.stage2Acknowledged, stage: 2, handler: stageTwoHandler, method: 'letter', headsOfComplaint: HEADS, outcomesSought: [] },
        },
      ]);
    expect(state).toMatchObject({ stage: 2, handler: stageTwoHandler, stage2: { headsOfComplaint: HEADS } });
  });

  it('must be by a different person from the stage 1 handler (Code 6.13)', () => {
    given(history.escalated).when(acknowledge(at.stage2Acknowledged, stageOneHandler)).thenViolates(complaintRules.stageTwoHandlerMustDiffer);
  });

  it('compares people by id: a renamed record of the stage 1 handler is still them', () => {
    given(history.escalated)
      .when(acknowledge(at.stage2Acknowledged, { id: stageOneHandler.id, name: 'P. Shah (Complaints Lead)' }))
      .thenViolates(complaintRules.stageTwoHandlerMustDiffer);
  });

  it('excludes whoever held stage 1 before a reassignment too', () => {
    given([...history.stage1Acknowledged, events.assigned(1, otherOfficer, '2026-03-09T09:00:00Z'), events.responded(1), events.escalated()])
      .when(acknowledge(at.stage2Acknowledged, stageOneHandler))
      .thenViolates(complaintRules.stageTwoHandlerMustDiffer);
  });

  it('is not dated before the escalation request', () => {
    given(history.escalated).when(acknowledge('2026-03-24T10:59:00Z', stageTwoHandler)).thenViolates(complaintRules.occurredBeforePrecedingStep);
  });

  it('is acknowledged once', () => {
    given(history.stage2Acknowledged).when(acknowledge('2026-03-27T09:30:00Z', otherOfficer)).thenViolates(complaintRules.stageAlreadyAcknowledged);
  });
});
