import { monthlyReportSections } from '@complaints/documents';
import type { MonthlyPanelReport } from '@complaints/reporting';
import { addMonths, monthName } from './panel-months';

export interface PanelMonthlyInput {
  report: MonthlyPanelReport | null;
  monthInput: string;
  monthError?: string | undefined;
  /** The latest month that has ended: no "next month" link beyond it. */
  latestMonth: string;
}

/** The monthly report page: the same sections and words as its PDF (monthlyReportSections). */
export function panelMonthlyContext(input: PanelMonthlyInput) {
  const { report } = input;
  const next = report ? addMonths(report.month, 1) : null;
  return {
    monthInput: input.monthInput,
    monthError: input.monthError,
    errorSummary: input.monthError ? [{ text: input.monthError, href: '#month' }] : [],
    report: report && {
      month: report.month,
      monthName: monthName(report.month),
      from: report.from,
      to: report.to,
      sections: monthlyReportSections(report).map((section, index) => ({
        heading: section.heading,
        id: `section-${index + 1}`,
        rows: section.rows.map((row) => [{ text: row.label }, { text: row.value }]),
      })),
      lessons: report.lessonsRecorded,
      pdfHref: `/panel/monthly.pdf?month=${report.month}`,
      previous: { month: addMonths(report.month, -1), name: monthName(addMonths(report.month, -1)) },
      next: next && next <= input.latestMonth ? { month: next, name: monthName(next) } : null,
    },
  };
}
