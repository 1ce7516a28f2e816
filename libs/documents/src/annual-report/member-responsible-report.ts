import type { CalendarDate } from '@complaints/contracts';
import { longUkDate, type EnquiryFigures, type PeriodFigures } from '@complaints/reporting';
import type { ReportLesson } from './annual-report-document';
import { FINDING_WORDS, figureSections, n } from './figure-sections';
import { reportDocumentHtml, reportDocumentPdf, type ReportDocument, type ReportSection } from './report-document';

export interface MemberResponsibleReportInput {
  organisation: string;
  /** "2025-Q3": a quarter of the reporting year (Q1 April to June). */
  quarter: string;
  figures: PeriodFigures;
  enquiries: EnquiryFigures;
  lessons: readonly ReportLesson[];
  generatedOn: CalendarDate;
}

/**
 * The periodic report to the Member Responsible for Complaints (Code 9.x): the quarter's
 * volumes, timeliness against the Code, the Ombudsman's activity and the lessons recorded, so
 * the member can hold the landlord to account for complaint handling. Aggregates and screened
 * lessons only.
 */
export function memberResponsibleDocument(input: MemberResponsibleReportInput): ReportDocument {
  const { figures } = input;
  const period = `${longUkDate(figures.period.from)} to ${longUkDate(figures.period.to)}`;
  const { ombudsman, timeliness } = figures;
  const found = (Object.keys(FINDING_WORDS) as (keyof typeof FINDING_WORDS)[]).filter((f) => (ombudsman.findings[f] ?? 0) > 0);
  const summary: ReportSection = {
    heading: 'The quarter at a glance',
    paragraphs: [
      `${n(figures.volumes.received)} complaints were received and ${n(figures.volumes.closed)} closed. ` +
        `Stage 1 answers within the Code’s timescales: ${timeliness.stage1.responded === 0 ? 'none answered' : `${n(timeliness.stage1.withinCodeTimescales)} of ${n(timeliness.stage1.responded)}`}; ` +
        `stage 2: ${timeliness.stage2.responded === 0 ? 'none answered' : `${n(timeliness.stage2.withinCodeTimescales)} of ${n(timeliness.stage2.responded)}`}. ` +
        `The Ombudsman was asked to look at ${n(ombudsman.referrals)} and determined ${n(ombudsman.determinations)}${found.length === 0 ? '' : ` (${found.map((f) => `${FINDING_WORDS[f].toLowerCase()}: ${n(ombudsman.findings[f] ?? 0)}`).join('; ')})`}.`,
    ],
  };
  const lessons: ReportSection = {
    heading: 'Lessons recorded in the quarter',
    ...(input.lessons.length === 0 ? { paragraphs: ['No lessons were recorded in the quarter.'] } : {}),
    entries: input.lessons.map((lesson) => ({
      title: `${lesson.serviceArea} · ${longUkDate(lesson.recordedOn)}`,
      text: lesson.improvementAction ? `${lesson.lesson} Action: ${lesson.improvementAction}` : lesson.lesson,
    })),
  };
  return {
    organisation: input.organisation,
    title: `Complaints report to the Member Responsible for Complaints: ${input.quarter}`,
    standfirst: `${period} (quarter ${input.quarter.slice(-1)} of the reporting year ${input.quarter.slice(0, 4)}), against the Housing Ombudsman’s Complaint Handling Code. Figures only: no resident is named. Produced ${longUkDate(input.generatedOn)}.`,
    footer: `${input.organisation} · Report to the Member Responsible for Complaints · ${input.quarter}`,
    sections: [summary, ...figureSections(figures, input.enquiries), lessons],
  };
}

export function memberResponsiblePdf(input: MemberResponsibleReportInput, options: { compress?: boolean } = {}): Promise<Buffer> {
  return reportDocumentPdf(memberResponsibleDocument(input), { generatedOn: input.generatedOn, ...options });
}

export function memberResponsibleHtml(input: MemberResponsibleReportInput): string {
  return reportDocumentHtml(memberResponsibleDocument(input));
}
