import type { ComplaintEvent, Instant } from '@complaints/contracts';
import { describe, expect, it } from 'vitest';
import { createWorkingDayCalendar } from '../calendar/working-day-calendar';
import { fold } from '../decider';
import { circumstancesFollowUpsOf } from './circumstances/follow-ups';
import { nextUpdateDueOf } from './circumstances/keeping-informed';
import { circumstancesEvents as ce } from './circumstances/testing/circumstances-fixtures';
import { complaintDecider } from './complaint-decider';
import { complaintRules } from './rules';
import { command, history, officer } from './testing/fixtures';
import { given } from './testing/given-when-then';

const calendar = createWorkingDayCalendar();
const stateOf = (list: readonly ComplaintEvent[]) => fold(complaintDecider, list);
const contact = (
  occurredAt: Instant,
  direction: 'inbound' | 'outbound' = 'outbound',
  reached = true,
): ComplaintEvent => ({
  type: 'ContactLogged',
  data: { occurredAt, direction, channel: 'phone', reached },
});
const agreeInterval = (workingDays: number, agreedAt: Instant = '2026-03-04T10:00:00Z') =>
  command('AgreeUpdateInterval', { agreedAt, workingDays }, { now: '2026-06-30T12:00:00Z', actor: officer });

describe('agreeing an update interval', () => {
  it('records the working days and who agreed it', () => {
    given(history.received)
      .when(agreeInterval(5))
      .then([
        {
          type: 'UpdateIntervalAgreed',
          data: { occurredAt: '2026-03-04T10:00:00Z', workingDays: 5, agreedBy: 'u-101' },
        },
      ]);
  });

  it('only while the complaint is open', () => {
    given(history.closed).when(agreeInterval(5, '2026-05-01T10:00:00+01:00')).thenViolates(complaintRules.ended);
  });
});

describe('the next update due', () => {
  // Wednesday 4 March 2026; Good Friday is 3 April and Easter Monday 6 April 2026.
  const agreed = [...history.received, ce.updateIntervalAgreed(5, '2026-03-04T10:00:00Z')];

  it('is none without an agreed interval', () => {
    expect(nextUpdateDueOf(stateOf([...history.received, contact('2026-03-05T10:00:00Z')]), calendar)).toBeNull();
  });

  it('counts the working days from the agreement when no update has reached the resident since', () => {
    expect(nextUpdateDueOf(stateOf(agreed), calendar)).toBe('2026-03-11');
  });

  it('counts from the last outbound contact that reached the resident, skipping bank holidays', () => {
    expect(nextUpdateDueOf(stateOf([...agreed, contact('2026-03-31T10:00:00+01:00')]), calendar)).toBe('2026-04-09');
  });

  it('ignores inbound contacts and failed attempts, and contacts before the agreement', () => {
    expect(
      nextUpdateDueOf(
        stateOf([
          ...agreed,
          contact('2026-03-06T10:00:00Z', 'inbound'),
          contact('2026-03-09T10:00:00Z', 'outbound', false),
        ]),
        calendar,
      ),
    ).toBe('2026-03-11');
    const earlierContact = [
      ...history.received,
      contact('2026-03-03T10:00:00Z'),
      ce.updateIntervalAgreed(5, '2026-03-04T10:00:00Z'),
    ];
    expect(nextUpdateDueOf(stateOf(earlierContact), calendar)).toBe('2026-03-11');
  });

  it('counts a letter sent from the record as an update', () => {
    const acknowledged = [...history.stage1Acknowledged, ce.updateIntervalAgreed(5, '2026-03-04T10:00:00Z')];
    const letter: ComplaintEvent = {
      type: 'LetterSent',
      data: {
        occurredAt: '2026-03-09T10:00:00Z',
        letter: 'acknowledgement-1',
        channel: 'email',
        recipient: 'resident',
        sentBy: { id: officer.id, name: officer.name },
      },
    };
    // Monday 9 March + 5 working days: Monday 16 March (without the letter: Wednesday 11 March).
    expect(nextUpdateDueOf(stateOf(acknowledged), calendar)).toBe('2026-03-11');
    expect(nextUpdateDueOf(stateOf([...acknowledged, letter]), calendar)).toBe('2026-03-16');
  });

  it('is none once the complaint has ended', () => {
    const closed = [
      ...history.received,
      ce.updateIntervalAgreed(5, '2026-03-04T10:00:00Z'),
      ...history.closed.slice(1),
    ];
    expect(nextUpdateDueOf(stateOf(closed), calendar)).toBeNull();
  });
});

describe('circumstances follow-ups', () => {
  it('lists each adjustment in place by its review date and the next update, while the complaint is open', () => {
    const state = stateOf([
      ...history.received,
      ce.adjustmentAgreed('RA1', 'large_print', '2026-03-03T11:00:00Z', '2026-04-03'),
      ce.adjustmentAgreed('RA2', 'interpreter', '2026-03-03T11:00:00Z', '2026-05-01'),
      ce.adjustmentEnded('RA2'),
      ce.updateIntervalAgreed(5, '2026-03-04T10:00:00Z'),
    ]);
    expect(circumstancesFollowUpsOf(state, calendar)).toEqual([
      { reason: 'adjustment_review', due: '2026-04-03', ref: 'RA1' },
      { reason: 'update', due: '2026-03-11', ref: null },
    ]);
    const closed = stateOf([...history.received, ce.adjustmentAgreed('RA1'), ...history.closed.slice(1)]);
    expect(circumstancesFollowUpsOf(closed, calendar)).toEqual([]);
  });
});
