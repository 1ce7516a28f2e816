import type { CalendarDate, SelfAssessmentCompliance } from '@complaints/contracts';
import { CODE_SECTIONS, toLondonDate } from '@complaints/domain';
import { longUkDate, type SelfAssessment, type SelfAssessmentEntry } from '@complaints/reporting';
import { toCsv } from '../csv/csv';
import { renderPdf, writeOnEveryPage, type Pdf } from '../pdf/render-pdf';
import { PDF_FONT, PDF_INK, PDF_MUTED } from '../pdf/fonts';
import { writeFlowingText, type FlowingTextStyle } from '../pdf/flowing-text';

/** The form's "Comply" column, in its words. */
export const COMPLY_WORDS: Readonly<Record<SelfAssessmentCompliance, string>> = {
  compliant: 'Yes',
  partly_compliant: 'Partly',
  not_compliant: 'No',
  not_applicable: 'Not applicable',
};
const NOT_ASSESSED = 'Not yet assessed';

/** The columns of the Ombudsman's self-assessment form (the Code's Appendix A), with the product's own two beside. */
export const SELF_ASSESSMENT_CSV_HEADER = [
  'Section',
  'Code provision',
  'Code requirement',
  'Comply',
  'Evidence',
  'Evidence computed from the complaints record',
  'Commentary / explanation',
  'Action planned',
  'Statement version',
  'Stated on',
] as const;

const complyOf = (entry: SelfAssessmentEntry) =>
  entry.statement ? COMPLY_WORDS[entry.statement.compliance] : NOT_ASSESSED;
/** The day the statement speaks from (recordedAt as the manager gave it), not when the store took it. */
const recordedOn = (entry: SelfAssessmentEntry): CalendarDate | null =>
  entry.statement ? toLondonDate(entry.statement.statedAt) : null;

/** One row per provision, in the Code's order, in the form's columns; dates as ISO so spreadsheets sort them. */
export function selfAssessmentCsv(assessment: SelfAssessment): string {
  const rows = Object.values(assessment.provisions).map((entry) => [
    `${entry.section}. ${entry.sectionTitle}`,
    entry.provision,
    entry.requirement,
    complyOf(entry),
    entry.statement?.statement ?? null,
    entry.evidence?.summary ?? null,
    entry.statement?.commentary ?? null,
    entry.statement?.actionsPlanned ?? null,
    entry.statement?.version ?? null,
    recordedOn(entry),
  ]);
  return toCsv(SELF_ASSESSMENT_CSV_HEADER, rows);
}

export interface SelfAssessmentPdfOptions {
  landlordName: string;
  /** The day it was produced: the PDF's creation date, so the same request the same day gives the same file. */
  generatedOn: CalendarDate;
  compress?: boolean;
}

const RULE = '#b1b4b6';
const FOOTER_GAP = 20;

/**
 * The self-assessment as an A4 PDF in the shape of the Ombudsman's form: by section, each
 * provision with its requirement, "Comply", the evidence, the evidence the product computed,
 * commentary and the action planned, then who recorded the statement and when. The DejaVu fonts
 * print any name as recorded; the running footer says "page N of M".
 */
export function selfAssessmentPdf(assessment: SelfAssessment, options: SelfAssessmentPdfOptions): Promise<Buffer> {
  const yearName = `${assessment.year}/${String((assessment.year + 1) % 100).padStart(2, '0')}`;
  return renderPdf(
    {
      title: `Complaint Handling Code self-assessment ${yearName}`,
      subject: `${options.landlordName}: self-assessment against the ${assessment.code}, reporting year 1 April ${assessment.year} to 31 March ${assessment.year + 1}`,
      createdAt: new Date(`${options.generatedOn}T00:00:00Z`),
      ...(options.compress === undefined ? {} : { compress: options.compress }),
    },
    (doc) => new SelfAssessmentLayout(doc, assessment, options, yearName).draw(),
  );
}

class SelfAssessmentLayout {
  private readonly left: number;
  private readonly width: number;

  constructor(
    private readonly doc: Pdf,
    private readonly assessment: SelfAssessment,
    private readonly options: SelfAssessmentPdfOptions,
    private readonly yearName: string,
  ) {
    this.left = doc.page.margins.left;
    this.width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  }

  draw(): void {
    const { assessment, options } = this;
    const { summary } = assessment;
    this.write(options.landlordName, { size: 10, color: PDF_MUTED, gap: 2 });
    this.write(`Complaint Handling Code self-assessment ${this.yearName}`, { font: PDF_FONT.bold, size: 20, gap: 4 });
    this.write(
      `Against the ${assessment.code}, for the reporting year 1 April ${assessment.year} to 31 March ${assessment.year + 1}. ` +
        `${summary.withStatement} of ${summary.provisions} provisions assessed: ${summary.byCompliance.compliant} met, ${summary.byCompliance.partly_compliant} met in part, ` +
        `${summary.byCompliance.not_compliant} not met, ${summary.byCompliance.not_applicable} not applicable. ` +
        `The evidence computed from the complaints record counts the year's complaints; it names none. Produced ${longUkDate(options.generatedOn)}.`,
      { size: 9.5, color: PDF_MUTED, gap: 6 },
    );
    for (const section of CODE_SECTIONS) {
      const entries = Object.values(assessment.provisions).filter((entry) => entry.section === section.number);
      if (entries.length === 0) continue;
      this.heading(`Section ${section.number}: ${section.title}`);
      for (const entry of entries) this.provision(entry);
    }
    this.footers();
  }

  private provision(entry: SelfAssessmentEntry): void {
    const { doc } = this;
    // Keep a provision's head with at least a few lines of it.
    if (doc.y + 90 > doc.page.height - doc.page.margins.bottom) doc.addPage();
    const top = doc.y;
    doc.font(PDF_FONT.bold).fontSize(10).fillColor(PDF_INK).text(entry.provision, this.left, top, { width: 34 });
    doc
      .font(PDF_FONT.regular)
      .fontSize(9.5)
      .fillColor(PDF_INK)
      .text(entry.requirement, this.left + 38, top, { width: this.width - 38, lineGap: 1.5 });
    doc.y += 3;
    this.field('Comply', complyOf(entry), true);
    this.field('Evidence', entry.statement?.statement ?? '(no statement recorded yet)');
    if (entry.evidence) this.field('From the record', entry.evidence.summary);
    if (entry.statement?.commentary) this.field('Commentary', entry.statement.commentary);
    if (entry.statement?.actionsPlanned) this.field('Action planned', entry.statement.actionsPlanned);
    if (entry.statement) {
      const by = entry.statement.recordedBy ? ` by ${entry.statement.recordedBy.name}` : '';
      const superseded = entry.superseded.length > 0 ? `, superseding ${entry.superseded.length} earlier` : '';
      writeFlowingText(
        doc,
        { left: this.left + 38, width: this.width - 38 },
        `Statement version ${entry.statement.version}, made ${longUkDate(toLondonDate(entry.statement.statedAt))}${by}${superseded}.`,
        { size: 8, color: PDF_MUTED },
      );
    }
    const bottom = doc.y + 4;
    doc
      .moveTo(this.left, bottom)
      .lineTo(this.left + this.width, bottom)
      .lineWidth(0.5)
      .strokeColor(RULE)
      .stroke();
    doc.y = bottom + 6;
  }

  /** A label in the margin column and its text beside it. */
  private field(label: string, text: string, bold = false): void {
    const { doc } = this;
    const labelWidth = 92;
    const textLeft = this.left + 38 + labelWidth;
    const textWidth = this.width - 38 - labelWidth;
    const height = doc.font(PDF_FONT.regular).fontSize(9).heightOfString(text, { width: textWidth, lineGap: 1.5 });
    if (doc.y + Math.min(height, 40) > doc.page.height - doc.page.margins.bottom) doc.addPage();
    const top = doc.y;
    doc
      .font(PDF_FONT.regular)
      .fontSize(8.5)
      .fillColor(PDF_MUTED)
      .text(label, this.left + 38, top, { width: labelWidth - 4 });
    doc
      .font(bold ? PDF_FONT.bold : PDF_FONT.regular)
      .fontSize(9)
      .fillColor(PDF_INK)
      .text(text, textLeft, top, { width: textWidth, lineGap: 1.5 });
    doc.y += 2;
  }

  private heading(text: string): void {
    const { doc } = this;
    if (doc.y + 110 > doc.page.height - doc.page.margins.bottom) doc.addPage();
    doc.y += 8;
    this.write(text, { font: PDF_FONT.bold, size: 13, gap: 5 });
  }

  private footers(): void {
    const { doc } = this;
    const left = `${this.options.landlordName} · Complaint Handling Code self-assessment ${this.yearName}`;
    writeOnEveryPage(doc, (page, count, bottom) => {
      const y = doc.page.height - bottom + FOOTER_GAP;
      doc
        .save()
        .moveTo(this.left, y - 6)
        .lineTo(this.left + this.width, y - 6)
        .lineWidth(0.5)
        .strokeColor(RULE)
        .stroke()
        .restore();
      doc.font(PDF_FONT.regular).fontSize(8).fillColor(PDF_MUTED);
      doc.text(left, this.left, y, { width: this.width - 80, lineBreak: false });
      doc.text(`Page ${page} of ${count}`, this.left + this.width - 80, y, {
        width: 80,
        align: 'right',
        lineBreak: false,
      });
    });
  }

  private write(text: string, style: FlowingTextStyle = {}): void {
    writeFlowingText(this.doc, { left: this.left, width: this.width }, text, style);
  }
}
