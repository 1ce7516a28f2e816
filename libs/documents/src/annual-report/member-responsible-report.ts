import type { CalendarDate } from '@complaints/contracts';
import { longUkDate, type EnquiryFigures, type PeriodFigures } from '@complaints/reporting';
import { lessonThemes, themeWhen, type ReportLesson } from './annual-report-document';
import { atAGlance, figureSections } from './figure-sections';
import {
  asSentence,
  reportDocumentHtml,
  reportDocumentPdf,
  type ReportDocument,
  type ReportSection,
} from './report-document';

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
  const summary = atAGlance(figures);
  const lessons: ReportSection = {
    heading: 'Lessons recorded in the quarter',
    ...(input.lessons.length === 0 ? { paragraphs: ['No lessons were recorded in the quarter.'] } : {}),
    entries: lessonThemes(input.lessons).map((theme) => ({
      title: `${theme.serviceArea} · ${themeWhen(theme)}`,
      text: theme.improvementAction ? `${asSentence(theme.lesson)} Action: ${theme.improvementAction}` : theme.lesson,
    })),
  };
  return {
    organisation: input.organisation,
    title: `Complaints report to the Member Responsible for Complaints: ${input.quarter}`,
    standfirst: `${period} (quarter ${input.quarter.slice(-1)} of the reporting year ${input.quarter.slice(0, 4)}), against the Housing Ombudsman’s Complaint Handling Code. Figures only: no resident is named. Produced ${longUkDate(input.generatedOn)}.`,
    footer: `${input.organisation} · Report to the Member Responsible for Complaints · ${input.quarter}`,
    sections: [
      { ...summary, heading: 'The quarter at a glance' },
      ...figureSections(figures, input.enquiries),
      lessons,
    ],
  };
}

export function memberResponsiblePdf(
  input: MemberResponsibleReportInput,
  options: { compress?: boolean } = {},
): Promise<Buffer> {
  return reportDocumentPdf(memberResponsibleDocument(input), { generatedOn: input.generatedOn, ...options });
}

export function memberResponsibleHtml(input: MemberResponsibleReportInput): string {
  return reportDocumentHtml(memberResponsibleDocument(input));
}
