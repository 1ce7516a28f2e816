import type { ComplaintEvent, EventOfType, SelfAssessmentCommand } from '@complaints/contracts';
import { RuleViolation, type Decider } from '../decider';
import { toLondonDate } from '../calendar';
import { codeProvision } from './complaint-handling-code';
import { reportingYearOf } from '../measures/reporting-year';

/**
 * The self-assessment of one reporting year against the Complaint Handling Code (Code 8.1): a
 * governance record, stream `self-assessment-<year>`, holding the landlord's statements, one
 * provision at a time. A newer statement for a provision supersedes the older one (its version
 * is one more); the older ones stay in the stream, so the history of what was said is kept.
 */
export const selfAssessmentRules = {
  needsManager: {
    id: 'self-assessment-needs-manager',
    message: 'Only a complaints manager records the self-assessment against the Code.',
  },
  unknownProvision: {
    id: 'self-assessment-unknown-provision',
    message: 'The Complaint Handling Code has no such provision (docs/complaint-handling-code.md lists them).',
  },
  yearOutOfRange: {
    id: 'self-assessment-year-out-of-range',
    message:
      'A self-assessment is of a reporting year from 2024 (the statutory Code took effect on 1 April 2024) up to the one in progress.',
  },
  occurredInFuture: {
    id: 'occurred-in-future',
    message: 'A step cannot be recorded as happening in the future.',
  },
  actionsPlannedRequired: {
    id: 'self-assessment-actions-planned-required',
    message:
      'A provision not met, or met only in part, needs the actions planned to comply and their timescales (actionsPlanned).',
  },
  wrongYear: {
    id: 'self-assessment-wrong-year',
    message: "A statement belongs to its own year's self-assessment.",
  },
  datedBeforeYear: {
    id: 'self-assessment-dated-before-year',
    message: 'A statement about a reporting year cannot be dated before that year began (1 April).',
  },
  published: {
    id: 'self-assessment-published',
    message:
      "The year's self-assessment was published with its annual complaints report (Code 8.2): the published record cannot change. Record what has changed in the next year's self-assessment.",
  },
} as const;
export type SelfAssessmentRule = (typeof selfAssessmentRules)[keyof typeof selfAssessmentRules];

/** The first reporting year of the statutory Code (in force from 1 April 2024). */
export const FIRST_CODE_YEAR = 2024;

export type SelfAssessmentStatement = EventOfType<'SelfAssessmentStatementRecorded'>['data'];

export interface SelfAssessmentState {
  year: number | null;
  /** The latest statement of each provision that has one. */
  latest: Readonly<Record<string, SelfAssessmentStatement>>;
}

const violation = (rule: SelfAssessmentRule, detail?: string) =>
  new RuleViolation(rule.id, detail ? `${rule.message} ${detail}` : rule.message);

/** The reporting year (from 1 April) that the London date of an instant falls in. */
const reportingYearAt = (instant: string): number => reportingYearOf(toLondonDate(instant));

function decide(command: SelfAssessmentCommand, state: SelfAssessmentState): readonly ComplaintEvent[] | RuleViolation {
  const { data, year, now, actor } = command;
  if (actor.role !== 'complaints_manager') return violation(selfAssessmentRules.needsManager);
  if (state.year !== null && state.year !== year)
    return violation(selfAssessmentRules.wrongYear, `This record is ${state.year}'s.`);
  const current = reportingYearAt(now);
  if (!Number.isInteger(year) || year < FIRST_CODE_YEAR || year > current) {
    return violation(selfAssessmentRules.yearOutOfRange, `${year} is not between ${FIRST_CODE_YEAR} and ${current}.`);
  }
  if (command.publishedAt !== null)
    return violation(selfAssessmentRules.published, `It was published at ${command.publishedAt}.`);
  const occurredAt = data.recordedAt ?? now;
  if (Date.parse(occurredAt) > Date.parse(now))
    return violation(selfAssessmentRules.occurredInFuture, `It is dated ${occurredAt}, after now (${now}).`);
  if (reportingYearAt(occurredAt) < year)
    return violation(selfAssessmentRules.datedBeforeYear, `It is dated ${occurredAt}, before 1 April ${year}.`);
  if (!codeProvision(data.provision))
    return violation(selfAssessmentRules.unknownProvision, `${data.provision} is not one of them.`);
  if ((data.compliance === 'partly_compliant' || data.compliance === 'not_compliant') && !data.actionsPlanned) {
    return violation(selfAssessmentRules.actionsPlannedRequired);
  }
  const previous = state.latest[data.provision];
  const said = {
    compliance: data.compliance,
    statement: data.statement,
    commentary: data.commentary,
    actionsPlanned: data.actionsPlanned,
  };
  // The same words again are no new statement: nothing to supersede, nothing appended.
  if (previous && sameStatement(previous, said)) return [];
  return [
    {
      type: 'SelfAssessmentStatementRecorded',
      data: {
        occurredAt,
        year,
        provision: data.provision,
        compliance: data.compliance,
        statement: data.statement,
        ...(data.commentary !== undefined ? { commentary: data.commentary } : {}),
        ...(data.actionsPlanned !== undefined ? { actionsPlanned: data.actionsPlanned } : {}),
        version: (previous?.version ?? 0) + 1,
        recordedBy: { id: actor.id, name: actor.name },
      },
    },
  ];
}

function sameStatement(
  previous: SelfAssessmentStatement,
  said: Pick<SelfAssessmentStatement, 'compliance' | 'statement' | 'commentary' | 'actionsPlanned'>,
): boolean {
  return (
    previous.compliance === said.compliance &&
    previous.statement === said.statement &&
    previous.commentary === said.commentary &&
    previous.actionsPlanned === said.actionsPlanned
  );
}

function evolve(state: SelfAssessmentState, event: ComplaintEvent): SelfAssessmentState {
  if (event.type !== 'SelfAssessmentStatementRecorded') return state;
  return { year: event.data.year, latest: { ...state.latest, [event.data.provision]: event.data } };
}

export const selfAssessmentDecider: Decider<SelfAssessmentCommand, ComplaintEvent, SelfAssessmentState> = {
  decide,
  evolve,
  initialState: () => ({ year: null, latest: {} }),
};

/** The governance stream's own id (its category is 'governance'). */
export function selfAssessmentRecordId(year: number): string {
  return `self-assessment-${year}`;
}
