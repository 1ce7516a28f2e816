import type { ComplaintEvent } from '@complaints/contracts';
import { describe, it } from 'vitest';
import { complaintRules } from './rules';
import { at, command, HEADS, history, officer, recorder, stageOneHandler } from './testing/fixtures';
import { given } from './testing/given-when-then';

const acknowledgeAt = (acknowledgedAt: string, now?: string) =>
  command(
    'AcknowledgeComplaint',
    { acknowledgedAt, handler: stageOneHandler, method: 'letter', headsOfComplaint: HEADS },
    now ? { now } : {},
  );

const acknowledged = (occurredAt: string): ComplaintEvent => ({
  type: 'ComplaintAcknowledged',
  data: {
    occurredAt,
    stage: 1,
    handler: stageOneHandler,
    method: 'letter',
    headsOfComplaint: HEADS,
    outcomesSought: [],
    recordedBy: recorder(officer),
  },
});

describe('nothing is recorded as occurring in the future', () => {
  it('refuses a step dated a second after now', () => {
    given(history.received)
      .when(acknowledgeAt('2026-03-04T10:00:01Z', '2026-03-04T10:00:00Z'))
      .thenViolates(complaintRules.occurredInFuture);
  });

  it('accepts a step dated exactly now', () => {
    given(history.received)
      .when(acknowledgeAt('2026-03-04T10:00:00Z', '2026-03-04T10:00:00Z'))
      .then([acknowledged('2026-03-04T10:00:00Z')]);
  });

  it('compares instants, not strings: 10:30 BST is 09:30 UTC, before now', () => {
    given(history.received)
      .when(acknowledgeAt('2026-04-01T10:30:00+01:00', '2026-04-01T10:00:00Z'))
      .then([acknowledged('2026-04-01T10:30:00+01:00')]);
  });
});

describe('nothing is recorded as occurring before the complaint was received', () => {
  it('refuses a step dated before receipt, even when its string sorts later', () => {
    // 10:00+01:00 is 09:00Z, a quarter of an hour before the complaint arrived at 09:15Z.
    given(history.received)
      .when(acknowledgeAt('2026-03-02T10:00:00+01:00'))
      .thenViolates(complaintRules.occurredBeforeReceipt);
  });

  it('applies to every kind of step, e.g. a logged contact', () => {
    given(history.received)
      .when(
        command('LogContact', { at: '2026-03-01T17:00:00Z', direction: 'inbound', channel: 'phone', reached: true }),
      )
      .thenViolates(complaintRules.occurredBeforeReceipt);
  });

  it('accepts a step dated at the moment of receipt', () => {
    given(history.received)
      .when(command('LogContact', { at: at.received, direction: 'outbound', channel: 'phone', reached: false }))
      .then([
        {
          type: 'ContactLogged',
          data: { occurredAt: at.received, direction: 'outbound', channel: 'phone', reached: false },
        },
      ]);
  });
});
