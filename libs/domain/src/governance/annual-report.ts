import type { AnnualReportCommand, ComplaintEvent, Instant } from '@complaints/contracts';
import { RuleViolation, type Decider } from '../decider';
import { toLondonDate } from '../calendar';
import { reportingYear } from '../measures';

/**
 * The annual complaints performance and service-improvement report of one reporting year
 * (Code 8.1, 8.2; docs/annual-report.md), stream `governance-annual-report-<year>`: the
 * governing body's response is recorded (and may be recorded again, the latest standing) until
 * the report is published; it is published only with a response, only once its year has ended,
 * and once.
 */
export interface AnnualReportState {
  year: number | null;
  response: { body: string; response: string; respondedAt: Instant; recordedBy: string } | null;
  /** Every response recorded, oldest first: the record keeps each version. */
  responses: number;
  publishedAt: Instant | null;
}

export const annualReportRules = {
  wrongYear: { id: 'annual-report-wrong-year', message: 'This record is the annual report of another reporting year.' },
  inFuture: { id: 'occurred-in-future', message: 'The time given is later than now.' },
  responseRequired: {
    id: 'governing-body-response-required',
    message:
      "The report is published together with the governing body's response (Code 8.2): record the response first.",
  },
  yearNotEnded: {
    id: 'reporting-year-not-ended',
    message: 'The reporting year has not ended yet, so its annual report cannot be published.',
  },
  alreadyPublished: {
    id: 'annual-report-already-published',
    message:
      'The annual report of this year has been published: what was published, with its response, can no longer change.',
  },
  responseBeforeYearStart: {
    id: 'response-before-reporting-year',
    message: "The governing body's response cannot be dated before the reporting year it answers began.",
  },
} as const;
export type AnnualReportRule = (typeof annualReportRules)[keyof typeof annualReportRules];

const violation = (rule: AnnualReportRule, detail?: string) =>
  new RuleViolation(rule.id, detail ? `${rule.message} ${detail}` : rule.message);
const later = (a: Instant, b: Instant) => Date.parse(a) > Date.parse(b);

export const annualReportDecider: Decider<AnnualReportCommand, ComplaintEvent, AnnualReportState> = {
  initialState: () => ({ year: null, response: null, responses: 0, publishedAt: null }),

  decide(command, state) {
    if (state.year !== null && state.year !== command.year)
      return violation(annualReportRules.wrongYear, `It is ${state.year}'s.`);
    if (state.publishedAt !== null)
      return violation(annualReportRules.alreadyPublished, `Published ${state.publishedAt}.`);
    const period = reportingYear(command.year);
    switch (command.type) {
      case 'RecordGoverningBodyResponse': {
        const { respondedAt, body, response } = command.data;
        if (later(respondedAt, command.now))
          return violation(annualReportRules.inFuture, `respondedAt ${respondedAt} is after ${command.now}.`);
        if (toLondonDate(respondedAt) < period.from)
          return violation(annualReportRules.responseBeforeYearStart, `The year began ${period.from}.`);
        return [
          {
            type: 'GoverningBodyResponseRecorded',
            data: { occurredAt: respondedAt, year: command.year, body, response, recordedBy: command.actor.id },
          },
        ];
      }
      case 'PublishAnnualReport': {
        const { publishedAt } = command.data;
        if (later(publishedAt, command.now))
          return violation(annualReportRules.inFuture, `publishedAt ${publishedAt} is after ${command.now}.`);
        if (toLondonDate(publishedAt) <= period.to)
          return violation(annualReportRules.yearNotEnded, `It ends ${period.to}.`);
        if (state.response === null) return violation(annualReportRules.responseRequired);
        return [
          {
            type: 'AnnualReportPublished',
            data: { occurredAt: publishedAt, year: command.year, publishedBy: command.actor.id },
          },
        ];
      }
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'GoverningBodyResponseRecorded':
        return {
          ...state,
          year: event.data.year,
          response: {
            body: event.data.body,
            response: event.data.response,
            respondedAt: event.data.occurredAt,
            recordedBy: event.data.recordedBy,
          },
          responses: state.responses + 1,
        };
      case 'AnnualReportPublished':
        return { ...state, year: event.data.year, publishedAt: event.data.occurredAt };
      default:
        return state;
    }
  },
};

/** The stream id (within the governance category) of a reporting year's annual report. */
export const annualReportId = (year: number) => `annual-report-${year}`;
