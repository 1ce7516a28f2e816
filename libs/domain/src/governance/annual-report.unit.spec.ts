import { currentEvents, type AnnualReportCommand, type ComplaintEvent } from '@complaints/contracts';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { fold, isRuleViolation } from '../decider';
import { annualReportDecider, annualReportId, annualReportRules, type AnnualReportRule } from './annual-report';

const manager = { id: 'u-42', name: 'Morgan Manager', role: 'complaints_manager' as const };
const NOW = '2026-07-01T12:00:00Z';

const respond = (respondedAt = '2026-06-18T18:00:00+01:00', year = 2025, now = NOW): AnnualReportCommand => ({
  type: 'RecordGoverningBodyResponse',
  year,
  now,
  actor: manager,
  data: {
    body: 'Board',
    response: 'The Board accepts the report and asks for quarterly updates on repairs complaints.',
    respondedAt,
  },
});
const publish = (publishedAt = '2026-06-30T09:00:00+01:00', year = 2025, now = NOW): AnnualReportCommand => ({
  type: 'PublishAnnualReport',
  year,
  now,
  actor: manager,
  data: { publishedAt },
});
const responded = (
  respondedAt = '2026-06-18T18:00:00+01:00',
  response = 'The Board accepts the report.',
): ComplaintEvent => ({
  type: 'GoverningBodyResponseRecorded',
  data: { occurredAt: respondedAt, year: 2025, body: 'Board', response, recordedBy: 'u-42' },
});
const published: ComplaintEvent = {
  type: 'AnnualReportPublished',
  data: { occurredAt: '2026-06-30T09:00:00+01:00', year: 2025, publishedBy: 'u-42' },
};

function given(history: readonly ComplaintEvent[]) {
  return {
    when(command: AnnualReportCommand) {
      const outcome = annualReportDecider.decide(command, fold(annualReportDecider, history));
      return {
        then(expected: readonly ComplaintEvent[]) {
          if (isRuleViolation(outcome)) expect.fail(`expected events, but ${outcome.rule} refused: ${outcome.message}`);
          expect(outcome).toEqual(expected);
          for (const event of outcome)
            expect((currentEvents[event.type].schema as z.ZodType).safeParse(event.data).error).toBeUndefined();
          return fold(annualReportDecider, [...history, ...outcome]);
        },
        thenViolates(rule: AnnualReportRule) {
          if (!isRuleViolation(outcome)) expect.fail(`expected ${rule.id}, but it emitted ${JSON.stringify(outcome)}`);
          expect(outcome.rule).toBe(rule.id);
          expect(outcome.message.startsWith(rule.message)).toBe(true);
        },
      };
    },
  };
}

describe("the governing body's response", () => {
  it('is recorded with the body, its words, when it was given and who recorded it', () => {
    const state = given([])
      .when(respond())
      .then([
        {
          type: 'GoverningBodyResponseRecorded',
          data: {
            occurredAt: '2026-06-18T18:00:00+01:00',
            year: 2025,
            body: 'Board',
            response: 'The Board accepts the report and asks for quarterly updates on repairs complaints.',
            recordedBy: 'u-42',
          },
        },
      ]);
    expect(state.response?.body).toBe('Board');
  });

  it('may be recorded again before publication; the latest stands', () => {
    const state = given([responded()])
      .when(respond('2026-06-25T18:00:00+01:00'))
      .then([expect.objectContaining({ type: 'GoverningBodyResponseRecorded' })]);
    expect(state.responses).toBe(2);
    expect(state.response?.respondedAt).toBe('2026-06-25T18:00:00+01:00');
  });

  it('cannot be dated in the future, nor before its reporting year began', () => {
    given([]).when(respond('2026-07-02T09:00:00Z')).thenViolates(annualReportRules.inFuture);
    given([]).when(respond('2025-03-31T22:00:00Z')).thenViolates(annualReportRules.responseBeforeYearStart);
    // 23:30 on 31 March in London is still before the year (it begins on 1 April, London date).
    given([]).when(respond('2025-03-31T23:30:00+01:00')).thenViolates(annualReportRules.responseBeforeYearStart);
  });

  it('cannot change once the report is published', () => {
    given([responded(), published]).when(respond()).thenViolates(annualReportRules.alreadyPublished);
  });

  it('belongs to the stream of its own year only', () => {
    given([responded()]).when(respond('2026-06-18T18:00:00+01:00', 2024)).thenViolates(annualReportRules.wrongYear);
    expect(annualReportId(2025)).toBe('annual-report-2025');
  });
});

describe('publication', () => {
  it("is refused without the governing body's response (Code 8.2: published together)", () => {
    given([]).when(publish()).thenViolates(annualReportRules.responseRequired);
  });

  it('is recorded once a response stands', () => {
    const state = given([responded()])
      .when(publish())
      .then([
        {
          type: 'AnnualReportPublished',
          data: { occurredAt: '2026-06-30T09:00:00+01:00', year: 2025, publishedBy: 'u-42' },
        },
      ]);
    expect(state.publishedAt).toBe('2026-06-30T09:00:00+01:00');
  });

  it('waits for the reporting year to end (London date after 31 March)', () => {
    given([responded('2026-03-01T10:00:00Z')])
      .when(publish('2026-03-31T22:30:00Z', 2025, '2026-04-02T00:00:00Z'))
      .thenViolates(annualReportRules.yearNotEnded);
    // 31 March 23:30 UTC is 1 April 00:30 in London (BST): the year has ended.
    given([responded('2026-03-01T10:00:00Z')])
      .when(publish('2026-03-31T23:30:00Z', 2025, '2026-04-02T00:00:00Z'))
      .then([expect.objectContaining({ type: 'AnnualReportPublished' })]);
  });

  it('cannot be in the future, and happens once', () => {
    given([responded()]).when(publish('2026-07-02T09:00:00Z')).thenViolates(annualReportRules.inFuture);
    given([responded(), published]).when(publish()).thenViolates(annualReportRules.alreadyPublished);
  });
});
