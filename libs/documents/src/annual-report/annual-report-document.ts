import type { CalendarDate, Instant } from '@complaints/contracts';
import { toLondonDate } from '@complaints/domain';
import { longUkDate, type EnquiryFigures, type PeriodFigures } from '@complaints/reporting';
import { atAGlance, figureSections, n } from './figure-sections';
import {
  asSentence,
  reportDocumentHtml,
  reportDocumentPdf,
  type ReportDocument,
  type ReportSection,
} from './report-document';

/** A lesson as panels and the public may read it: screened text, no complaint, no owner (queryPanelLessons). */
export interface ReportLesson {
  recordedOn: CalendarDate;
  serviceArea: string;
  lesson: string;
  improvementAction: string | null;
}

/** Feedback that is not a complaint, counted by kind (Code 1.4; the feedback record). */
export interface FeedbackCountsInput {
  byKind: readonly {
    kind: 'compliment' | 'comment' | 'resolved_at_first_contact' | 'service_request' | (string & {});
    count: number;
  }[];
  /** Concerns resolved at first contact or service requests later raised as formal complaints. */
  turnedIntoComplaints?: number;
}

/** The self-assessment against the Code (Code 8.1), in summary: how many provisions stand where, and those not met. */
export interface SelfAssessmentSummaryInput {
  provisionsAssessed: number;
  byCompliance: readonly { compliance: string; count: number }[];
  /** Provisions not (fully) met: what the Code asks, how far it is met, and what the landlord says and is doing about it. */
  notMet: readonly { provision: string; compliance: string; requirement: string; commentary: string }[];
}

/** Improvement actions promised after complaints and marked done in the year (ImprovementActionCompleted). */
export interface ImprovementsMadeInput {
  completed: readonly { serviceArea: string; completedOn: CalendarDate; whatChanged: string }[];
  /** Still open at the year's end, and of those past their due date. */
  outstanding?: number;
  overdue?: number;
}

export interface GoverningBodyResponseInput {
  body: string;
  response: string;
  respondedAt: Instant;
}

/** The annual report's figures (annualReportFromFacts' JSON). */
export type AnnualFigures = PeriodFigures & { year: number; enquiries: EnquiryFigures };

export interface AnnualReportInput {
  organisation: string;
  figures: AnnualFigures;
  /** The reporting year's lessons, screened (newest first as the register gives them). */
  lessons: readonly ReportLesson[];
  governingBodyResponse: GoverningBodyResponseInput | null;
  publishedAt: Instant | null;
  generatedOn: CalendarDate;
  feedback?: FeedbackCountsInput;
  selfAssessment?: SelfAssessmentSummaryInput;
  improvementsMade?: ImprovementsMadeInput;
}

/** At most this many lessons are printed in full; the rest are counted (the lessons register has them all). */
export const MAX_LESSONS_PRINTED = 40;

const FEEDBACK_WORDS: Readonly<Record<string, string>> = {
  compliment: 'Compliments',
  comment: 'Comments and suggestions',
  resolved_at_first_contact: 'Concerns resolved at first contact',
  service_request: 'Service requests',
};

const yearName = (year: number) => `${year} to ${year + 1}`;

/**
 * The annual complaints performance and service-improvement report (Code 8.1) as a document:
 * the year's figures, the Ombudsman's findings and orders, the lessons learned and the service
 * changes made, and the governing body's response (Code 8.2). Feedback counts, the
 * self-assessment and improvements made are sections of their own, printed when given. Until
 * it is published the title says it is a draft.
 */
export function annualReportDocument(input: AnnualReportInput): ReportDocument {
  const { figures } = input;
  const period = `${longUkDate(figures.period.from)} to ${longUkDate(figures.period.to)}`;
  const status = input.publishedAt
    ? `Published ${longUkDate(toLondonDate(input.publishedAt))}.`
    : 'Draft: not yet published (it is published with the governing body’s response).';
  const sections: ReportSection[] = [
    {
      heading: 'About this report',
      paragraphs: [
        `The Housing Ombudsman’s Complaint Handling Code (section 8) asks every landlord to publish, each year, a report on its complaints handling performance and on the service improvements complaints led to, with its self-assessment against the Code and its governing body’s response. This is ${input.organisation}’s report for the reporting year ${period}.`,
        'It counts complaints and their steps on the day each step happened, from the case records kept as they were made. It gives figures only: no resident is named, and the lessons quoted have had names and contact details taken out.',
      ],
    },
    atAGlance(figures),
    ...figureSections(figures, figures.enquiries),
  ];
  if (input.feedback) sections.push(feedbackSection(input.feedback));
  sections.push(lessonsSection(input.lessons, figures));
  if (input.improvementsMade) sections.push(improvementsSection(input.improvementsMade));
  if (input.selfAssessment) sections.push(selfAssessmentSection(input.selfAssessment));
  sections.push(responseSection(input.governingBodyResponse));
  return {
    organisation: input.organisation,
    title: `${input.publishedAt ? '' : 'Draft: '}Annual complaints performance and service improvement report ${yearName(figures.year)}`,
    standfirst: `${period}. Against the Housing Ombudsman’s Complaint Handling Code (2024). ${status} Produced ${longUkDate(input.generatedOn)}.`,
    footer: `${input.organisation} · Complaints annual report ${yearName(figures.year)}${input.publishedAt ? '' : ' · DRAFT'}`,
    sections,
  };
}

function feedbackSection(feedback: FeedbackCountsInput): ReportSection {
  return {
    heading: 'Other feedback from residents',
    paragraphs: [
      'Not every expression of feedback is a complaint (Code 1.4): these are recorded, shared and reviewed too.',
    ],
    rows: [
      ...feedback.byKind.map((k) => ({ label: FEEDBACK_WORDS[k.kind] ?? k.kind, value: n(k.count) })),
      ...(feedback.turnedIntoComplaints === undefined
        ? []
        : [{ label: 'Later raised as formal complaints', value: n(feedback.turnedIntoComplaints) }]),
    ],
  };
}

/** Lessons with the same words in the same service area (the same lesson learned from several complaints), as one entry. */
export function lessonThemes(lessons: readonly ReportLesson[]) {
  const themes = new Map<
    string,
    { serviceArea: string; lesson: string; improvementAction: string | null; dates: CalendarDate[] }
  >();
  for (const l of lessons) {
    const key = JSON.stringify([l.serviceArea, l.lesson, l.improvementAction]);
    const theme = themes.get(key) ?? {
      serviceArea: l.serviceArea,
      lesson: l.lesson,
      improvementAction: l.improvementAction,
      dates: [],
    };
    theme.dates.push(l.recordedOn);
    themes.set(key, theme);
  }
  return [...themes.values()]
    .map((t) => {
      const dates = [...t.dates].sort();
      return { ...t, dates, first: dates[0] ?? '', last: dates.at(-1) ?? '' };
    })
    .sort(
      (a, b) =>
        a.serviceArea.localeCompare(b.serviceArea) || b.dates.length - a.dates.length || a.first.localeCompare(b.first),
    );
}

/** "1 May 2025", or "from 3 complaints, 1 May 2025 to 1 September 2025". */
export function themeWhen(theme: { dates: readonly CalendarDate[]; first: CalendarDate; last: CalendarDate }): string {
  return theme.dates.length === 1
    ? longUkDate(theme.first)
    : `from ${n(theme.dates.length)} complaints, ${longUkDate(theme.first)} to ${longUkDate(theme.last)}`;
}

function lessonsSection(lessons: readonly ReportLesson[], figures: AnnualFigures): ReportSection {
  const themes = lessonThemes(lessons);
  const printed = themes.slice(0, MAX_LESSONS_PRINTED);
  const rest = themes.length - printed.length;
  return {
    heading: 'What we learned and what we changed',
    paragraphs: [
      lessons.length === 0
        ? 'No lessons were recorded in the year.'
        : `${n(figures.lessons.recorded)} lessons were recorded from complaints in the year, ${n(figures.lessons.withImprovementAction)} of them with an action to improve the service. The same lesson learned from several complaints is shown once, by service area.`,
    ],
    entries: printed.map((theme) => ({
      title: `${theme.serviceArea} · ${themeWhen(theme)}`,
      text: theme.improvementAction
        ? `${asSentence(theme.lesson)} What we are changing: ${theme.improvementAction}`
        : theme.lesson,
    })),
    ...(rest > 0 ? { note: `And ${n(rest)} more, in the lessons register the residents’ scrutiny panel reads.` } : {}),
  };
}

function improvementThemes(completed: ImprovementsMadeInput['completed']) {
  const themes = new Map<string, { serviceArea: string; whatChanged: string; dates: CalendarDate[] }>();
  for (const c of completed) {
    const key = `${c.serviceArea}\u0000${c.whatChanged}`;
    const theme = themes.get(key) ?? { serviceArea: c.serviceArea, whatChanged: c.whatChanged, dates: [] };
    theme.dates.push(c.completedOn);
    themes.set(key, theme);
  }
  return [...themes.values()]
    .map((t) => {
      const dates = [...t.dates].sort();
      return { ...t, dates, first: dates[0] as CalendarDate, last: dates.at(-1) as CalendarDate };
    })
    .sort((a, b) => a.serviceArea.localeCompare(b.serviceArea) || b.last.localeCompare(a.last));
}

function improvementsSection(made: ImprovementsMadeInput): ReportSection {
  return {
    heading: 'Improvements made',
    paragraphs: [
      made.completed.length === 0
        ? 'No improvement action promised after a complaint was completed in the year.'
        : `${n(made.completed.length)} improvement actions promised after complaints were completed in the year:`,
    ],
    // The same change made after several complaints in one service area is printed once, with how many and when.
    entries: improvementThemes(made.completed).map((t) => ({
      title: `${t.serviceArea} · ${t.dates.length === 1 ? `done ${longUkDate(t.first)}` : `done after ${n(t.dates.length)} complaints, ${longUkDate(t.first)} to ${longUkDate(t.last)}`}`,
      text: t.whatChanged,
    })),
    ...(made.outstanding === undefined
      ? {}
      : {
          note: `${n(made.outstanding)} still open at the end of the year${made.overdue === undefined ? '' : `, ${n(made.overdue)} of them past their due date`}.`,
        }),
  };
}

const COMPLIANCE_WORDS: Readonly<Record<string, string>> = {
  compliant: 'Compliant',
  partly_compliant: 'Partly compliant',
  not_compliant: 'Not compliant',
  not_applicable: 'Not applicable',
};

function selfAssessmentSection(summary: SelfAssessmentSummaryInput): ReportSection {
  if (summary.provisionsAssessed === 0) {
    return {
      heading: 'Self-assessment against the Complaint Handling Code',
      paragraphs: [
        'The self-assessment against the Code for this year has not been recorded yet. The Code (8.1) asks for it to be published with this report.',
      ],
    };
  }
  return {
    heading: 'Self-assessment against the Complaint Handling Code',
    paragraphs: [
      `We assessed ourselves against ${n(summary.provisionsAssessed)} provisions of the Code. The full self-assessment is published with this report.`,
    ],
    rows: summary.byCompliance.map((c) => ({
      label: COMPLIANCE_WORDS[c.compliance] ?? c.compliance,
      value: n(c.count),
    })),
    entries: summary.notMet.map((p) => ({
      title: `Provision ${p.provision}, ${(COMPLIANCE_WORDS[p.compliance] ?? p.compliance).toLowerCase()}: ${p.requirement}`,
      text: p.commentary,
    })),
  };
}

function responseSection(response: GoverningBodyResponseInput | null): ReportSection {
  if (!response) {
    return {
      heading: 'The governing body’s response',
      paragraphs: [
        'Not yet recorded. The Code (8.2) asks for this report to be published together with the governing body’s response; it cannot be published before.',
      ],
    };
  }
  return {
    heading: `The response of the ${response.body}`,
    paragraphs: [
      ...response.response
        .split(/\n\s*\n/)
        .map((p) => p.trim())
        .filter((p) => p.length > 0),
    ],
    note: `Given ${longUkDate(toLondonDate(response.respondedAt))}.`,
  };
}

export function annualReportPdf(input: AnnualReportInput, options: { compress?: boolean } = {}): Promise<Buffer> {
  return reportDocumentPdf(annualReportDocument(input), { generatedOn: input.generatedOn, ...options });
}

export function annualReportHtml(input: AnnualReportInput): string {
  return reportDocumentHtml(annualReportDocument(input));
}
