import type { SqlQueryable } from '@complaints/adapter-postgres';
import type { CalendarDate } from '@complaints/contracts';
import { annualReportDecider, annualReportId, fold, reportingYear, type AnnualReportState } from '@complaints/domain';
import type { ComplaintEventStore } from '@complaints/event-store';
import { queryPanelLessons, WITHHELD, type PanelLessonEntry, type ReadModelSeal } from '@complaints/projections';
import { annualReportFromFacts } from '../period/annual-report-from-facts';
import { enquiryFiguresFromFacts } from '../period/enquiry-figures-from-facts';
import { periodFiguresFromFacts } from '../period/period-figures-from-facts';
import { feedbackFigures } from '../feedback/feedback-figures';
import { improvementsOfYear, quarterOf } from '../lessons/action-plans';
import { yearSelfAssessment } from '../self-assessment/year-self-assessment';

/** A reporting year's annual report record (governance stream `annual-report-<year>`) folded: the response, whether published. */
export async function annualReportRecord(
  governance: ComplaintEventStore,
  year: number,
): Promise<AnnualReportState & { revision: number }> {
  const { envelopes, revision } = await governance.load(annualReportId(year));
  return {
    ...fold(
      annualReportDecider,
      envelopes.map((e) => e.event),
    ),
    revision,
  };
}

/** The lessons of a period as panels read them (screened), without those whose text was withheld after an erasure. */
export async function screenedLessons(
  sql: SqlQueryable,
  seal: ReadModelSeal,
  from: CalendarDate | undefined,
  to: CalendarDate,
): Promise<PanelLessonEntry[]> {
  return (await queryPanelLessons(sql, seal, { ...(from !== undefined ? { from } : {}), to })).filter(
    (lesson) => lesson.lesson !== WITHHELD,
  );
}

/**
 * What the annual report document is made of (Code 8.1): the year's figures
 * (annualReportFromFacts), its lessons as screened for panels, the feedback that was not a
 * complaint, the self-assessment against the Code as published (screened, no staff names), the
 * improvements made in the year and those still overdue (from the panel's register: screened
 * text, no owner), and the governance record (the governing body's response, publication).
 * `asOf`: today, for the actions' status in a year not yet over. The caller waits for the read
 * models to catch up first.
 */
export async function annualReportContents(
  sql: SqlQueryable,
  seal: ReadModelSeal,
  governance: ComplaintEventStore,
  year: number,
  asOf: CalendarDate,
) {
  const period = reportingYear(year);
  const [figures, lessons, record, feedback, selfAssessment, everyLessonToTheYearEnd] = await Promise.all([
    annualReportFromFacts(sql, year),
    screenedLessons(sql, seal, period.from, period.to),
    annualReportRecord(governance, year),
    feedbackFigures(sql, { from: period.from, to: period.to }),
    yearSelfAssessment(sql, governance, year, 'panel'),
    screenedLessons(sql, seal, undefined, period.to),
  ]);
  return {
    figures,
    lessons,
    record,
    feedback,
    selfAssessment,
    improvements: improvementsOfYear(everyLessonToTheYearEnd, year, asOf),
  };
}
export type AnnualReportContents = Awaited<ReturnType<typeof annualReportContents>>;

/**
 * The periodic report to the Member Responsible for Complaints (Code 9.x): the quarter's
 * figures, enquiries and screened lessons. Aggregates only.
 */
export async function memberResponsibleReport(sql: SqlQueryable, seal: ReadModelSeal, quarter: string) {
  const dates = quarterOf(quarter);
  if (!dates) throw new RangeError(`Not a quarter: ${quarter}`);
  const range = { from: dates.from, to: dates.to };
  const [figures, enquiries, lessons] = await Promise.all([
    periodFiguresFromFacts(sql, range),
    enquiryFiguresFromFacts(sql, range),
    screenedLessons(sql, seal, range.from, range.to),
  ]);
  return {
    quarter,
    ...figures,
    enquiries,
    lessonsRecorded: lessons.map((l) => ({
      recordedOn: l.recordedOn,
      serviceArea: l.serviceArea,
      lesson: l.lesson,
      improvementAction: l.improvementAction,
    })),
  };
}
export type MemberResponsibleReport = Awaited<ReturnType<typeof memberResponsibleReport>>;
