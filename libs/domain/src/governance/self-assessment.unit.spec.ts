import { currentEvents, type Actor, type ComplaintEvent, type SelfAssessmentCommand } from '@complaints/contracts';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { fold, isRuleViolation } from '../decider';
import { CODE_PROVISIONS, CODE_SECTIONS, codeProvision } from './complaint-handling-code';
import { reportingYearOf } from '../measures/reporting-year';
import { selfAssessmentDecider, selfAssessmentRules, type SelfAssessmentRule } from './self-assessment';

const manager: Actor = { id: 'u-207', name: 'Daniel Okafor', role: 'complaints_manager' };
const officer: Actor = { id: 'u-101', name: 'Priya Shah', role: 'complaints_officer' };
const NOW = '2026-03-20T10:00:00Z';

function record(
  data: Partial<SelfAssessmentCommand['data']> = {},
  context: Partial<Pick<SelfAssessmentCommand, 'year' | 'now' | 'actor' | 'publishedAt'>> = {},
): SelfAssessmentCommand {
  return {
    type: 'RecordSelfAssessmentStatement',
    year: 2025,
    now: NOW,
    actor: manager,
    publishedAt: null,
    ...context,
    data: {
      provision: '6.2',
      compliance: 'compliant',
      statement: 'Policy section 4.1: acknowledged within five working days.',
      ...data,
    },
  };
}

function given(history: readonly ComplaintEvent[]) {
  return {
    when(command: SelfAssessmentCommand) {
      const outcome = selfAssessmentDecider.decide(command, fold(selfAssessmentDecider, history));
      return {
        then(expected: readonly ComplaintEvent[]) {
          if (isRuleViolation(outcome)) expect.fail(`refused by ${outcome.rule}: ${outcome.message}`);
          expect(outcome).toEqual(expected);
          for (const event of outcome) {
            const schema: z.ZodType = currentEvents[event.type].schema;
            expect(schema.safeParse(event.data).error).toBeUndefined();
          }
          return fold(selfAssessmentDecider, [...history, ...outcome]);
        },
        thenViolates(rule: SelfAssessmentRule) {
          if (!isRuleViolation(outcome)) expect.fail(`expected ${rule.id}, got ${JSON.stringify(outcome)}`);
          expect(outcome.rule).toBe(rule.id);
          expect(outcome.message.startsWith(rule.message)).toBe(true);
        },
      };
    },
  };
}

const statement62 = (
  version: number,
  overrides: Partial<Extract<ComplaintEvent, { type: 'SelfAssessmentStatementRecorded' }>['data']> = {},
): ComplaintEvent => ({
  type: 'SelfAssessmentStatementRecorded',
  data: {
    occurredAt: NOW,
    year: 2025,
    provision: '6.2',
    compliance: 'compliant',
    statement: 'Policy section 4.1: acknowledged within five working days.',
    version,
    recordedBy: { id: manager.id, name: manager.name },
    ...overrides,
  },
});

describe('the self-assessment against the Code', () => {
  it("records a manager's first statement for a provision as version 1, dated now by default", () => {
    given([])
      .when(record())
      .then([statement62(1)]);
  });

  it('keeps the time given, the commentary and the actions planned', () => {
    given([])
      .when(
        record({
          recordedAt: '2026-03-19T09:00:00Z',
          compliance: 'partly_compliant',
          commentary: 'Late in the summer.',
          actionsPlanned: 'Daily triage from May 2026.',
        }),
      )
      .then([
        statement62(1, {
          occurredAt: '2026-03-19T09:00:00Z',
          compliance: 'partly_compliant',
          commentary: 'Late in the summer.',
          actionsPlanned: 'Daily triage from May 2026.',
        }),
      ]);
  });

  it('supersedes the older statement: a newer one for the same provision is the next version, the older stays in the stream', () => {
    const state = given([statement62(1)])
      .when(
        record({
          compliance: 'not_compliant',
          statement: 'Acknowledged late in 30% of cases.',
          actionsPlanned: 'Recruit two officers by June.',
        }),
      )
      .then([
        statement62(2, {
          compliance: 'not_compliant',
          statement: 'Acknowledged late in 30% of cases.',
          actionsPlanned: 'Recruit two officers by June.',
        }),
      ]);
    expect(state.latest['6.2']?.version).toBe(2);
    expect(state.latest['6.2']?.compliance).toBe('not_compliant');
  });

  it('numbers versions per provision', () => {
    given([statement62(1), statement62(2, { statement: 'Second words.' })])
      .when(record({ provision: '5.6', statement: 'Heads of complaint are required at acknowledgement.' }))
      .then([statement62(1, { provision: '5.6', statement: 'Heads of complaint are required at acknowledgement.' })]);
  });

  it('appends nothing when the same statement is recorded again', () => {
    given([statement62(1)])
      .when(record())
      .then([]);
  });

  it('refuses a provision the Code does not have', () => {
    given([])
      .when(record({ provision: '6.99' }))
      .thenViolates(selfAssessmentRules.unknownProvision);
    given([])
      .when(record({ provision: '1.1' }))
      .thenViolates(selfAssessmentRules.unknownProvision);
  });

  it('refuses anyone but a complaints manager', () => {
    given([])
      .when(record({}, { actor: officer }))
      .thenViolates(selfAssessmentRules.needsManager);
  });

  it('refuses a year before the statutory Code and a year not yet begun', () => {
    given([])
      .when(record({}, { year: 2023 }))
      .thenViolates(selfAssessmentRules.yearOutOfRange);
    // On 20 March 2026 the reporting year in progress is 2025 (1 April 2025 to 31 March 2026).
    given([])
      .when(record({}, { year: 2026 }))
      .thenViolates(selfAssessmentRules.yearOutOfRange);
    given([])
      .when(record({}, { year: 2026, now: '2026-04-01T08:00:00Z' }))
      .then([statement62(1, { year: 2026, occurredAt: '2026-04-01T08:00:00Z' })]);
  });

  it('refuses a statement dated in the future', () => {
    given([])
      .when(record({ recordedAt: '2026-03-21T10:00:00Z' }))
      .thenViolates(selfAssessmentRules.occurredInFuture);
  });

  it('needs the actions planned for a provision not met or met in part, not for one met or not applicable', () => {
    given([])
      .when(record({ compliance: 'not_compliant' }))
      .thenViolates(selfAssessmentRules.actionsPlannedRequired);
    given([])
      .when(record({ compliance: 'partly_compliant' }))
      .thenViolates(selfAssessmentRules.actionsPlannedRequired);
    given([])
      .when(
        record({ provision: '5.5', compliance: 'not_applicable', statement: 'No third party handles our complaints.' }),
      )
      .then([
        statement62(1, {
          provision: '5.5',
          compliance: 'not_applicable',
          statement: 'No third party handles our complaints.',
        }),
      ]);
  });

  it("refuses any statement once the year's report, and the self-assessment with it, is published", () => {
    given([statement62(1)])
      .when(record({ statement: 'Changed after publication.' }, { publishedAt: '2026-03-01T09:00:00Z' }))
      .thenViolates(selfAssessmentRules.published);
    given([])
      .when(record({ provision: '6.3' }, { publishedAt: '2026-03-01T09:00:00Z' }))
      .thenViolates(selfAssessmentRules.published);
  });

  it('refuses a statement dated before its reporting year began (London), takes one on its first day', () => {
    given([])
      .when(record({ recordedAt: '2020-01-01T00:00:00Z' }))
      .thenViolates(selfAssessmentRules.datedBeforeYear);
    given([])
      .when(record({ recordedAt: '2025-03-31T22:59:59Z' }))
      .thenViolates(selfAssessmentRules.datedBeforeYear);
    given([])
      .when(record({ recordedAt: '2025-03-31T23:00:00Z' }))
      .then([statement62(1, { occurredAt: '2025-03-31T23:00:00Z' })]);
  });

  it("refuses a statement of another year on a year's record", () => {
    given([statement62(1)])
      .when(record({}, { year: 2024 }))
      .thenViolates(selfAssessmentRules.wrongYear);
  });
});

describe('the reporting year of a date', () => {
  it('starts on 1 April (the decider takes the London date of an instant: see dated-before-year above)', () => {
    expect(reportingYearOf('2026-03-31')).toBe(2025);
    expect(reportingYearOf('2026-04-01')).toBe(2026);
    expect(reportingYearOf('2026-01-15')).toBe(2025);
  });
});

describe('the catalogue of the Code', () => {
  it('has every section, provisions numbered within their section and in order, each once', () => {
    expect(CODE_SECTIONS.map((s) => s.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const numbers = CODE_PROVISIONS.map((p) => p.provision);
    expect(new Set(numbers).size).toBe(numbers.length);
    for (const section of CODE_SECTIONS) {
      const paragraphs = CODE_PROVISIONS.filter((p) => p.section === section.number).map((p) =>
        Number(p.provision.split('.')[1]),
      );
      expect(paragraphs.length).toBeGreaterThan(0);
      // Consecutive from the first (1.1, the introduction, is not on the form).
      expect(paragraphs).toEqual(paragraphs.map((_, i) => paragraphs[0]! + i));
    }
  });

  it('holds the provisions the product measures, with their requirements', () => {
    expect(codeProvision('6.2')?.requirement).toMatch(
      /acknowledged, defined and logged at stage 1 within five working days/,
    );
    expect(codeProvision('6.3')?.requirement).toMatch(/within 10 working days of acknowledging/);
    expect(codeProvision('5.6')?.requirement).toMatch(
      /understanding of the complaint and the outcomes the resident is seeking/,
    );
    expect(codeProvision('6.14')?.requirement).toMatch(/within 20 working days/);
    expect(codeProvision('9.9')).toBeUndefined();
  });
});
