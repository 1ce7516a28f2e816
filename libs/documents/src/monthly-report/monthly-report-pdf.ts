import type { CalendarDate } from '@complaints/contracts';
import { longUkDate, type MonthlyPanelReport } from '@complaints/reporting';
import { renderPdf, type Pdf } from '../pdf/render-pdf';
import { PDF_FONT, PDF_INK, PDF_MUTED } from '../pdf/fonts';
import { writeFlowingText, type FlowingTextStyle } from '../pdf/flowing-text';
import { monthlyReportSections } from './monthly-report-sections';

const INK = PDF_INK;
const MUTED = PDF_MUTED;
const RULE = '#b1b4b6';

export interface MonthlyReportPdfOptions {
  landlordName: string;
  /** "March 2026": the month as the page names it. */
  monthName: string;
  /** The day it was produced: the PDF's creation date, so the same request the same day gives the same file. */
  generatedOn: CalendarDate;
  compress?: boolean;
}

/**
 * The scrutiny panel's monthly report as an A4 PDF: the same sections and words as the page
 * (monthlyReportSections), then the month's lessons. Figures only, and the lessons' screened
 * text: nothing in it names a resident.
 */
export function monthlyReportPdf(report: MonthlyPanelReport, options: MonthlyReportPdfOptions): Promise<Buffer> {
  return renderPdf(
    {
      title: `Complaints monthly report, ${options.monthName}`,
      subject: `${options.landlordName}: complaints handling in ${options.monthName}, for the residents' scrutiny panel`,
      createdAt: new Date(`${options.generatedOn}T00:00:00Z`),
      ...(options.compress === undefined ? {} : { compress: options.compress }),
    },
    (doc) => new MonthlyReportLayout(doc, report, options).draw(),
  );
}

class MonthlyReportLayout {
  private readonly left: number;
  private readonly width: number;

  constructor(
    private readonly doc: Pdf,
    private readonly report: MonthlyPanelReport,
    private readonly options: MonthlyReportPdfOptions,
  ) {
    this.left = doc.page.margins.left;
    this.width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  }

  draw(): void {
    const { report, options } = this;
    this.write(options.landlordName, { size: 10, color: MUTED, gap: 2 });
    this.write(`Complaints monthly report: ${options.monthName}`, { font: PDF_FONT.bold, size: 20, gap: 4 });
    this.write(
      `For the residents' scrutiny panel. ${longUkDate(report.from)} to ${longUkDate(report.to)}, against the Housing Ombudsman's Complaint Handling Code. Figures only: no resident is named. Produced ${longUkDate(options.generatedOn)}.`,
      { size: 9.5, color: MUTED, gap: 8 },
    );
    for (const section of monthlyReportSections(report)) {
      this.heading(section.heading);
      for (const row of section.rows) this.row(row.label, row.value);
    }
    this.heading('Lessons recorded in the month');
    if (report.lessonsRecorded.length === 0) this.write('No lessons were recorded this month.', { color: MUTED });
    for (const lesson of report.lessonsRecorded) {
      this.write(`${longUkDate(lesson.recordedOn)} - ${lesson.serviceArea}`, { font: PDF_FONT.bold, size: 9.5 });
      this.write(lesson.lesson, { size: 9.5, gap: 4 });
    }
  }

  private heading(text: string): void {
    const { doc } = this;
    if (doc.y + 70 > doc.page.height - doc.page.margins.bottom) doc.addPage();
    doc.y += 8;
    this.write(text, { font: PDF_FONT.bold, size: 13, gap: 3 });
  }

  /** A label and its figure side by side, with a thin rule under them, as a table row reads. */
  private row(label: string, value: string): void {
    const { doc } = this;
    const labelWidth = this.width * 0.55;
    const valueWidth = this.width - labelWidth - 8;
    const style = () => doc.font(PDF_FONT.regular).fontSize(10);
    const height = Math.max(
      style().heightOfString(label, { width: labelWidth }),
      style().heightOfString(value, { width: valueWidth }),
    );
    if (doc.y + height + 6 > doc.page.height - doc.page.margins.bottom) doc.addPage();
    const top = doc.y;
    style().fillColor(INK).text(label, this.left, top, { width: labelWidth });
    doc
      .font(PDF_FONT.bold)
      .fontSize(10)
      .text(value, this.left + labelWidth + 8, top, { width: valueWidth });
    const bottom = top + height + 3;
    doc
      .moveTo(this.left, bottom)
      .lineTo(this.left + this.width, bottom)
      .lineWidth(0.5)
      .strokeColor(RULE)
      .stroke();
    doc.y = bottom + 3;
  }

  private write(text: string, style: FlowingTextStyle = {}): void {
    writeFlowingText(this.doc, { left: this.left, width: this.width }, text, style);
  }
}
