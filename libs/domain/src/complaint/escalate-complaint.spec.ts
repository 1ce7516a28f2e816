import { describe, expect, it } from 'vitest';
import { complaintRules } from './rules';
import { at, command, history } from './testing/fixtures';
import { given } from './testing/given-when-then';

const escalate = (requestedAt: string, reason?: string) => command('EscalateComplaint', { requestedAt, ...(reason ? { reason } : {}) });

describe('escalating to stage 2 (Code 5.1-5.3, 6.11-6.12)', () => {
  it('moves the complaint to stage 2, which nobody handles until acknowledged', () => {
    const state = given(history.stage1Responded)
      .when(escalate(at.escalated, 'The mould is back'))
      .then([{ type: 'ComplaintEscalated', data: { occurredAt: at.escalated, reason: 'The mould is back' } }]);
    expect(state).toMatchObject({
      status: 'open',
      stage: 2,
      handler: null,
      stage2: { startedAt: at.escalated, escalation: { requestedAt: at.escalated, reason: 'The mould is back' }, acknowledgedAt: null },
    });
  });

  it('needs no reason from the resident (Code 6.12)', () => {
    given(history.stage1Responded).when(escalate(at.escalated)).then([{ type: 'ComplaintEscalated', data: { occurredAt: at.escalated } }]);
  });

  it('only follows the stage 1 response', () => {
    given(history.stage1Acknowledged).when(escalate('2026-03-10T10:00:00Z')).thenViolates(complaintRules.escalationNeedsStageOneResponse);
  });

  it('is not dated before the stage 1 response', () => {
    given(history.stage1Responded).when(escalate('2026-03-20T16:29:00Z')).thenViolates(complaintRules.occurredBeforePrecedingStep);
  });

  it('happens once: there is no stage 3', () => {
    given(history.escalated).when(escalate('2026-03-25T10:00:00Z')).thenViolates(complaintRules.noStageBeyondTwo);
    given(history.stage2Responded).when(escalate('2026-04-21T10:00:00+01:00')).thenViolates(complaintRules.noStageBeyondTwo);
  });
});
