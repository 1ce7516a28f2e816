import { describe, expect, it } from 'vitest';
import { complaintRules } from './rules';
import { at, command, events, history, manager, otherOfficer, recorder, stageOneHandler } from './testing/fixtures';
import { given } from './testing/given-when-then';

const reassign = (assignedAt: string, handler = otherOfficer) =>
  command('AssignHandler', { assignedAt, handler, reason: 'Original handler on long-term leave' }, { actor: manager });

describe('reassigning a complaint', () => {
  it('hands the current stage to a new handler', () => {
    const state = given(history.stage1Acknowledged)
      .when(reassign('2026-03-09T09:00:00Z'))
      .then([
        {
          type: 'ComplaintAssigned',
          data: {
            occurredAt: '2026-03-09T09:00:00Z',
            stage: 1,
            handler: otherOfficer,
            reason: 'Original handler on long-term leave',
            recordedBy: recorder(manager),
          },
        },
      ]);
    expect(state).toMatchObject({
      handler: otherOfficer,
      stage1: { handler: otherOfficer, handlers: [stageOneHandler, otherOfficer] },
    });
  });

  it('needs the current stage to be acknowledged first', () => {
    given(history.received).when(reassign('2026-03-03T09:00:00Z')).thenViolates(complaintRules.stageNotAcknowledged);
    given(history.escalated).when(reassign('2026-03-25T09:00:00Z')).thenViolates(complaintRules.stageNotAcknowledged);
  });

  it('is not dated before the acknowledgement it follows', () => {
    given(history.stage1Acknowledged)
      .when(reassign('2026-03-03T09:00:00Z'))
      .thenViolates(complaintRules.occurredBeforePrecedingStep);
  });

  it('must name the new handler, even in a command built without the schema', () => {
    const unnamed = reassign('2026-03-09T09:00:00Z');
    given(history.stage1Acknowledged)
      .when({ ...unnamed, data: { ...unnamed.data, handler: { id: ' ', name: 'Tom Reid' } } })
      .thenViolates(complaintRules.handlerRequired);
  });

  it('cannot hand stage 2 to anyone who handled stage 1 (Code 6.13)', () => {
    given(history.stage2Acknowledged)
      .when(reassign('2026-04-01T09:00:00+01:00', stageOneHandler))
      .thenViolates(complaintRules.stageTwoHandlerMustDiffer);
  });

  it('cannot hand stage 2 to whoever answered stage 1 without handling it (issue 11 defect 5)', () => {
    const answeredByTom = [
      ...history.stage1Acknowledged,
      events.responded(1, { recordedBy: recorder(otherOfficer) }),
      events.escalated(),
      events.acknowledged(2),
    ];
    given(answeredByTom)
      .when(reassign('2026-04-01T09:00:00+01:00', otherOfficer))
      .thenViolates(complaintRules.stageTwoHandlerMustDiffer);
  });

  it('cannot be recorded at stage 2 by someone who acted on stage 1, even naming an independent reviewer (Code 6.13)', () => {
    // Priya handled and answered stage 1; choosing who reviews her decision is acting on stage 2.
    given(history.stage2Acknowledged)
      .when(
        command('AssignHandler', { assignedAt: '2026-04-01T09:00:00+01:00', handler: otherOfficer, reason: 'Cover' }),
      )
      .thenViolates(complaintRules.stageTwoRecorderMustBeIndependent);
  });

  it('records who reassigned it: they acted on the stage', () => {
    const state = given(history.stage1Acknowledged).when(reassign('2026-03-09T09:00:00Z')).then([expect.anything()]);
    expect(state).toMatchObject({ stage1: { participants: [stageOneHandler.id, otherOfficer.id, manager.id] } });
  });

  it('can hand stage 2 to another reviewer', () => {
    given(history.stage2Acknowledged)
      .when(reassign('2026-04-01T09:00:00+01:00', otherOfficer))
      .then([
        {
          type: 'ComplaintAssigned',
          data: {
            occurredAt: '2026-04-01T09:00:00+01:00',
            stage: 2,
            handler: otherOfficer,
            reason: 'Original handler on long-term leave',
            recordedBy: recorder(manager),
          },
        },
      ]);
  });

  it('is refused once the complaint has ended', () => {
    given(history.closed).when(reassign('2026-04-22T09:00:00+01:00')).thenViolates(complaintRules.ended);
  });

  it('accepts a reassignment dated at the acknowledgement itself', () => {
    given(history.stage1Acknowledged)
      .when(reassign(at.stage1Acknowledged))
      .then([
        {
          type: 'ComplaintAssigned',
          data: {
            occurredAt: at.stage1Acknowledged,
            stage: 1,
            handler: otherOfficer,
            reason: 'Original handler on long-term leave',
            recordedBy: recorder(manager),
          },
        },
      ]);
  });
});
