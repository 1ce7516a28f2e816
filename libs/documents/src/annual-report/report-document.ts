import type { CalendarDate } from '@complaints/contracts';
import { PDF_FONT, PDF_INK, PDF_MUTED } from '../pdf/fonts';
import { writeFlowingText, type FlowingTextStyle } from '../pdf/flowing-text';
import { renderPdf, writeOnEveryPage, type Pdf } from '../pdf/render-pdf';

/**
 * A governance report (the annual complaints performance and service-improvement report, the
 * Member Responsible for Complaints' report) as content: sections of figures in words, of
 * paragraphs and of titled entries. One model, two renderings (A4 PDF, printable HTML), so the
 * two never say different things.
 */
export interface ReportDocument {
  /** The landlord, printed above the title. */
  organisation: string;
  title: string;
  /** One paragraph under the title: what the report covers and for whom. */
  standfirst: string;
  /** The running footer of every PDF page. */
  footer: string;
  sections: ReportSection[];
}

export interface ReportSection {
  heading: string;
  /** Paragraphs before the table. */
  paragraphs?: string[];
  rows?: { label: string; value: string }[];
  /** Titled entries (a lesson, an improvement, a provision): a bold title, then the text. */
  entries?: { title: string; text: string }[];
  /** A muted line after the section (a note on what a figure counts, or why it is empty). */
  note?: string;
}

export interface ReportDocumentOptions {
  /** The PDF's creation date (the day it was produced), not the wall clock: the same day gives the same file. */
  generatedOn: CalendarDate;
  compress?: boolean;
}

const RULE = '#b1b4b6';

/** Staff's words as a sentence (a full stop added where they end without one), so the next sentence does not run into them. */
export function asSentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?…)"”’]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

export function reportDocumentPdf(report: ReportDocument, options: ReportDocumentOptions): Promise<Buffer> {
  return renderPdf(
    {
      title: report.title,
      subject: `${report.organisation}: ${report.title}`,
      createdAt: new Date(`${options.generatedOn}T00:00:00Z`),
      ...(options.compress === undefined ? {} : { compress: options.compress }),
    },
    (doc) => new ReportLayout(doc, report).draw(),
  );
}

class ReportLayout {
  private readonly left: number;
  private readonly width: number;

  constructor(
    private readonly doc: Pdf,
    private readonly report: ReportDocument,
  ) {
    this.left = doc.page.margins.left;
    this.width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  }

  draw(): void {
    const { report } = this;
    this.write(report.organisation, { size: 10, color: PDF_MUTED, gap: 2 });
    this.write(report.title, { font: PDF_FONT.bold, size: 19, gap: 4 });
    this.write(report.standfirst, { size: 9.5, color: PDF_MUTED, gap: 6 });
    for (const section of report.sections) {
      // A section of words (a response, a summary) is read whole: started on a new page rather than split, when it fits on one.
      if (!section.rows?.length) this.keepTogether(this.heightOf(section));
      this.heading(section.heading);
      for (const paragraph of section.paragraphs ?? []) this.write(paragraph, { size: 10, gap: 4 });
      for (const row of section.rows ?? []) this.row(row.label, row.value);
      for (const entry of section.entries ?? []) {
        this.keepTogether(40);
        this.write(entry.title, { font: PDF_FONT.bold, size: 9.5 });
        this.write(entry.text, { size: 9.5, gap: 5 });
      }
      if (section.note) {
        this.doc.y += 2;
        this.write(section.note, { size: 8.5, color: PDF_MUTED, gap: 2 });
      }
    }
    writeOnEveryPage(this.doc, (page, count, bottomMargin) => {
      const y = this.doc.page.height - bottomMargin + 18;
      this.doc.font(PDF_FONT.regular).fontSize(8).fillColor(PDF_MUTED);
      this.doc.text(report.footer, this.left, y, { width: this.width * 0.75, lineBreak: false });
      this.doc.text(`Page ${page} of ${count}`, this.left, y, { width: this.width, align: 'right', lineBreak: false });
    });
  }

  /** About how tall a section of paragraphs and entries is set (rows are kept together row by row instead). */
  private heightOf(section: ReportSection): number {
    const { doc, width } = this;
    const body = this.doc.page.height - this.doc.page.margins.top - this.doc.page.margins.bottom;
    let height = 30;
    for (const paragraph of section.paragraphs ?? [])
      height += doc.font(PDF_FONT.regular).fontSize(10).heightOfString(paragraph, { width, lineGap: 1.5 }) + 4;
    for (const entry of section.entries ?? []) {
      height += doc.font(PDF_FONT.bold).fontSize(9.5).heightOfString(entry.title, { width, lineGap: 1.5 });
      height += doc.font(PDF_FONT.regular).fontSize(9.5).heightOfString(entry.text, { width, lineGap: 1.5 }) + 5;
    }
    if (section.note)
      height += doc.font(PDF_FONT.regular).fontSize(8.5).heightOfString(section.note, { width, lineGap: 1.5 }) + 4;
    // Longer than a page: it flows across pages anyway, so only its heading is kept with its start.
    return height > body ? 80 : height;
  }

  private keepTogether(height: number): void {
    if (this.doc.y + height > this.doc.page.height - this.doc.page.margins.bottom) this.doc.addPage();
  }

  private heading(text: string): void {
    this.keepTogether(80);
    if (this.doc.y > this.doc.page.margins.top + 1) this.doc.y += 8;
    this.write(text, { font: PDF_FONT.bold, size: 13, gap: 3 });
  }

  /** A label and its figure side by side, with a thin rule under them, as a table row reads. */
  private row(label: string, value: string): void {
    const { doc } = this;
    const labelWidth = this.width * 0.5;
    const valueWidth = this.width - labelWidth - 8;
    const height = Math.max(
      doc.font(PDF_FONT.regular).fontSize(10).heightOfString(label, { width: labelWidth }),
      doc.font(PDF_FONT.bold).fontSize(10).heightOfString(value, { width: valueWidth }),
    );
    this.keepTogether(height + 6);
    const top = doc.y;
    doc.font(PDF_FONT.regular).fontSize(10).fillColor(PDF_INK).text(label, this.left, top, { width: labelWidth });
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

const escapeHtml = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

/** A printable HTML page of the same content: every value escaped, tables with row headers, A4 print styles. */
export function reportDocumentHtml(report: ReportDocument): string {
  const sections = report.sections
    .map((section) => {
      const parts = [`<h2>${escapeHtml(section.heading)}</h2>`];
      for (const paragraph of section.paragraphs ?? []) parts.push(`<p>${escapeHtml(paragraph)}</p>`);
      if (section.rows && section.rows.length > 0) {
        parts.push(
          `<table>${section.rows.map((row) => `<tr><th scope="row">${escapeHtml(row.label)}</th><td>${escapeHtml(row.value)}</td></tr>`).join('')}</table>`,
        );
      }
      for (const entry of section.entries ?? [])
        parts.push(`<h3>${escapeHtml(entry.title)}</h3><p>${escapeHtml(entry.text)}</p>`);
      if (section.note) parts.push(`<p class="note">${escapeHtml(section.note)}</p>`);
      return `<section>\n${parts.join('\n')}\n</section>`;
    })
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>${escapeHtml(report.title)}</title>
<style>
  @page { size: A4; margin: 2cm; }
  body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 11pt; line-height: 1.45; color: #1a1a1a; max-width: 46em; margin: 2em auto; padding: 0 1em; }
  .organisation, .standfirst, .note { color: #555555; }
  .note { font-size: 0.85em; }
  h1 { font-size: 1.6em; margin: 0.2em 0 0.4em; }
  h2 { font-size: 1.2em; margin: 1.6em 0 0.4em; }
  h3 { font-size: 1em; margin: 0.9em 0 0.2em; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; vertical-align: top; padding: 0.3em 0.4em 0.3em 0; border-bottom: 1px solid #b1b4b6; }
  th { font-weight: normal; width: 50%; }
  td { font-weight: bold; }
  @media print { body { margin: 0; max-width: none; } }
</style>
</head>
<body>
<p class="organisation">${escapeHtml(report.organisation)}</p>
<h1>${escapeHtml(report.title)}</h1>
<p class="standfirst">${escapeHtml(report.standfirst)}</p>
${sections}
<footer class="note"><p>${escapeHtml(report.footer)}</p></footer>
</body>
</html>
`;
}
