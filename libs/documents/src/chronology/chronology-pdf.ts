import type { CalendarDate } from '@complaints/contracts';
import { toLondonDate } from '@complaints/domain';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { ChronologyEntry } from '@complaints/projections';
import { longUkDate, longUkDateWithDay, withLongDates, type SlaStageView } from '@complaints/reporting';
import { renderPdf, writeOnEveryPage, type Pdf } from '../pdf/render-pdf';
import { PDF_FONT, PDF_INK, PDF_MUTED } from '../pdf/fonts';
import type { Chronology } from './chronology-formats';
import { EVENT_TITLES } from './event-titles';

/** What the integrity check said about the stream the chronology was read from. */
export interface ChronologyIntegrity {
  valid: boolean;
  eventsChecked: number;
  headHash: string;
  problem?: { revision: number; detail: string };
}

/** The signed checkpoint of the store's transparency log the document was issued under (docs/integrity.md). */
export interface ChronologyCheckpoint {
  treeSize: number;
  rootHash: string;
  keyId: string;
  issuedAt: string;
  /** Ed25519 signature, base64: printed so that someone holding only the PDF can verify the checkpoint. */
  signature: string;
}

/** Why no checkpoint is printed: the log had not yet recorded every event, or it no longer extends its own checkpoints. */
export type ChronologyCheckpointAbsence = 'not-yet-recorded' | 'log-inconsistent';

/** The chronology as printed for the Ombudsman: its content, the proof it is complete, and when it was produced. */
export interface ChronologyDocument extends Chronology {
  integrity: ChronologyIntegrity;
  generatedAt: Date;
  /** The checkpoint covering every event shown; otherwise why there is none (the PDF says which); absent, not printed. */
  checkpoint?: ChronologyCheckpoint | ChronologyCheckpointAbsence;
}

// --- dates: the calendar dates are already London's (libs/reporting/src/format/uk-dates.ts); times are shown on London's clock.
const londonTime = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: 'Europe/London',
});
const londonZone = new Intl.DateTimeFormat('en-GB', { timeZoneName: 'short', timeZone: 'Europe/London' });

/** The London wall-clock time with its zone, e.g. 14:05 GMT or 09:30 BST. */
const londonClock = (instant: Date) => {
  const zone = londonZone.formatToParts(instant).find((part) => part.type === 'timeZoneName')?.value ?? 'UK time';
  return `${londonTime.format(instant)} ${zone}`;
};

// --- layout
const INK = PDF_INK;
const MUTED = PDF_MUTED;
const RULE = '#b0b0b0';
const DATE_COLUMN = 128;
const GUTTER = 12;
const FOOTER_GAP = 20; // between the body's bottom margin and the footer line
const LINE_GAP = 1.5;

interface TextStyle {
  font?: string;
  size?: number;
  color?: string;
  x?: number;
  width?: number;
  /** Space after, in points. */
  gap?: number;
}

/** The A4 chronology: title and case summary, timescales by stage, the dated steps, then the integrity block. */
export function chronologyPdf(
  document: ChronologyDocument,
  options?: { compress?: boolean; abandoned?: undefined },
): Promise<Buffer>;
export function chronologyPdf(
  document: ChronologyDocument,
  options: { compress?: boolean; abandoned: () => boolean },
): Promise<Buffer | undefined>;
/**
 * `abandoned`, asked between steps: when it says yes (the client left), the layout stops and
 * the answer is undefined, so a long render does not go on for nobody.
 */
export async function chronologyPdf(
  document: ChronologyDocument,
  options: { compress?: boolean; abandoned?: () => boolean } = {},
): Promise<Buffer | undefined> {
  const { view } = document;
  const pdf = {
    title: `Complaint chronology ${view.reference}`,
    subject: `Chronology of complaint ${view.reference} under the Housing Ombudsman's Complaint Handling Code`,
    createdAt: document.generatedAt,
    ...(options.compress === undefined ? {} : { compress: options.compress }),
  };
  try {
    return await renderPdf(pdf, (doc) =>
      new ChronologyLayout(doc, document, options.abandoned ?? (() => false)).draw(),
    );
  } catch (error) {
    if (error instanceof LayoutAbandoned) return undefined;
    throw error;
  }
}

/** Thrown out of the layout when its reader has gone. */
class LayoutAbandoned extends Error {}

/** Steps laid out between two turns of the event loop: a few milliseconds of work each. */
const STEPS_BETWEEN_YIELDS = 4;

class ChronologyLayout {
  private readonly left: number;
  private readonly width: number;
  /** The date of the step being written, while its text may run onto a new page. */
  private continuing: CalendarDate | null = null;
  /** The text style in use, to restore after labelling a page pdfkit starts in mid-text. */
  private style: { font: string; size: number; color: string } = { font: PDF_FONT.regular, size: 10, color: INK };

  constructor(
    private readonly doc: Pdf,
    private readonly document: ChronologyDocument,
    private readonly abandoned: () => boolean,
  ) {
    this.left = doc.page.margins.left;
    this.width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
    doc.on('pageAdded', () => this.labelContinuation());
  }

  async draw(): Promise<void> {
    this.header();
    this.timescales();
    await this.steps();
    this.integrity();
    this.footers();
  }

  private write(text: string, style: TextStyle = {}): void {
    const { doc } = this;
    this.style = { font: style.font ?? PDF_FONT.regular, size: style.size ?? 10, color: style.color ?? INK };
    doc
      .font(this.style.font)
      .fontSize(this.style.size)
      .fillColor(this.style.color)
      .text(text, style.x ?? this.left, doc.y, { width: style.width ?? this.width, lineGap: LINE_GAP });
    if (style.gap) doc.y += style.gap;
  }

  private heading(text: string): void {
    this.keepSpace(60);
    this.doc.y += 10;
    this.write(text, { font: PDF_FONT.bold, size: 12, gap: 2 });
    this.rule();
  }

  private rule(): void {
    const { doc } = this;
    doc
      .save()
      .moveTo(this.left, doc.y)
      .lineTo(this.left + this.width, doc.y)
      .lineWidth(0.5)
      .strokeColor(RULE)
      .stroke()
      .restore();
    doc.y += 6;
  }

  /** Starts a new page unless `height` points are left above the bottom margin, so a heading is never left alone at the foot of a page. */
  private keepSpace(height: number): void {
    const { doc } = this;
    if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
  }

  private header(): void {
    const { view, generatedAt } = this.document;
    this.write('Complaint chronology', { font: PDF_FONT.bold, size: 20 });
    this.write(view.reference, { font: PDF_FONT.bold, size: 14, gap: 6 });
    const about = view.category ? `${view.serviceArea} (${view.category})` : view.serviceArea;
    const summary = [
      `Service area: ${about}.`,
      `Received ${longUkDateWithDay(view.receivedOn)} by ${view.channel}.`,
      `Status: ${view.status}, stage ${view.stage}${view.handler ? `; handled by ${view.handler.name}` : ''}.`,
    ];
    this.write(summary.join(' '), { size: 10, color: MUTED, gap: 2 });
    this.write(
      `Prepared ${longUkDate(toLondonDate(generatedAt.toISOString()))} for the Housing Ombudsman. Timescales are those of the Complaint Handling Code (2024), counted in working days; each step's note gives the position as it stood after that step.`,
      { size: 9, color: MUTED },
    );
  }

  private timescales(): void {
    const { doc, document } = this;
    this.heading('Timescales by stage');
    const columns = [
      'Stage',
      'Acknowledgement due',
      'Acknowledged',
      'Response due (Code)',
      'Responded',
      'Extension',
      'Outcome',
    ];
    const widths = [30, 84, 68, 84, 64, 60, '*'];
    const rows = document.view.sla.stages.map((stage) => [
      String(stage.stage),
      longUkDate(stage.acknowledgementDue),
      stageAcknowledged(stage),
      `${longUkDate(stage.codeResponseDue)}${stage.responseDueIsProvisional ? ' (provisional)' : ''}`,
      stage.respondedOn ? longUkDate(stage.respondedOn) : 'not yet',
      stageExtension(stage),
      stageOutcome(stage),
    ]);
    this.keepSpace(20 + rows.length * 30);
    doc.font(PDF_FONT.regular).fontSize(8.5).fillColor(INK);
    doc.table({
      position: { x: this.left, y: doc.y },
      maxWidth: this.width,
      columnStyles: widths,
      // Rules between rows only (top, right, bottom, left), as in a typed letter; no grid.
      defaultStyle: { border: [0, 0, 0.5, 0], borderColor: RULE, padding: [4, 6, 4, 0] },
      data: [columns.map((text) => ({ text, font: { src: PDF_FONT.bold, size: 8.5 } })), ...rows],
    });
    doc.x = this.left;
  }

  private async steps(): Promise<void> {
    this.heading('Chronology');
    const { entries } = this.document;
    if (entries.length === 0) this.write('No steps recorded.', { color: MUTED });
    for (const [index, entry] of entries.entries()) {
      this.step(entry);
      // A case of a thousand long steps took 28 s to lay out, with /health unanswered meanwhile.
      if (index % STEPS_BETWEEN_YIELDS === STEPS_BETWEEN_YIELDS - 1) {
        await yieldToEventLoop();
        if (this.abandoned()) throw new LayoutAbandoned();
      }
    }
  }

  /** One step: the date (and time) on the left, what happened, its timescale note and who recorded it on the right. */
  private step(entry: ChronologyEntry): void {
    const { doc } = this;
    const column = { x: this.left + DATE_COLUMN + GUTTER, width: this.width - DATE_COLUMN - GUTTER };
    const recordedOn = toLondonDate(entry.recordedAt);
    const blocks: { text: string; style: TextStyle }[] = [
      { text: EVENT_TITLES[entry.event] ?? entry.event, style: { font: PDF_FONT.bold, gap: 1, ...column } },
      { text: withLongDates(entry.description), style: { gap: 2, ...column } },
      ...(entry.slaNote
        ? [{ text: `Timescale: ${withLongDates(entry.slaNote)}`, style: { size: 9, gap: 1, ...column } }]
        : []),
      // A step recorded on a later day than it happened says so: the Ombudsman looks for that.
      {
        text: `Recorded by ${entry.by}${recordedOn !== entry.date ? ` on ${longUkDate(recordedOn)}` : ''}.`,
        style: { size: 8.5, color: MUTED, ...column },
      },
    ];
    // A step that fits on a page is never split; a longer one starts on the current page if
    // its title and a few lines fit, and carries on over the page.
    const height = blocks.reduce((sum, block) => sum + this.measure(block.text, block.style), 0);
    const pageBody = doc.page.height - doc.page.margins.top - doc.page.margins.bottom;
    this.keepSpace(height <= pageBody ? height : 72);

    const top = doc.y;
    this.write(longUkDateWithDay(entry.date), { font: PDF_FONT.bold, width: DATE_COLUMN });
    this.write(`${londonClock(new Date(entry.occurredAt))} · event ${entry.revision}`, {
      size: 8.5,
      color: MUTED,
      width: DATE_COLUMN,
    });
    const dateBottom = doc.y;
    const datePage = this.currentPage();

    doc.y = top;
    this.continuing = entry.date;
    for (const block of blocks) this.write(block.text, block.style);
    this.continuing = null;
    // The text may have run onto a new page; only then is the date column's bottom irrelevant.
    doc.y = (this.currentPage() === datePage ? Math.max(doc.y, dateBottom) : doc.y) + 10;
    doc.x = this.left;
  }

  /** Height `text` would take in `style`, without writing it (or counting its characters as printed). */
  private measure(text: string, style: TextStyle): number {
    this.doc.font(style.font ?? PDF_FONT.regular).fontSize(style.size ?? 10);
    return this.doc.heightOfString(text, { width: style.width ?? this.width, lineGap: LINE_GAP }) + (style.gap ?? 0);
  }

  private currentPage(): number {
    const range = this.doc.bufferedPageRange();
    return range.start + range.count - 1;
  }

  private integrity(): void {
    const { document } = this;
    const { integrity, entries } = document;
    // The block is evidence: keep it on one page.
    this.keepSpace(typeof document.checkpoint === 'object' ? 300 : document.checkpoint === undefined ? 170 : 195);
    this.heading('Integrity of this record');
    const revisions =
      entries.length === 0
        ? 'no events'
        : `${entries.length} events (revisions 1 to ${Math.max(...entries.map((e) => e.revision))})`;
    this.write(`This chronology is built from ${revisions} of the complaint's event stream.`, { gap: 3 });
    if (integrity.valid) {
      this.write(
        `Hash chain: verified over ${integrity.eventsChecked} events. No recorded event has been altered, removed, inserted or reordered since it was recorded.`,
        { font: PDF_FONT.bold, gap: 3 },
      );
    } else {
      const where = integrity.problem ? ` at revision ${integrity.problem.revision}: ${integrity.problem.detail}` : '';
      this.write(
        `Hash chain: NOT VERIFIED${where}. The events before that point (${integrity.eventsChecked}) check out; treat everything after it as unproven.`,
        {
          font: PDF_FONT.bold,
          color: '#a00000',
          gap: 3,
        },
      );
    }
    this.write('Head hash (SHA-256 of the last event checked, chained to every event before it):', {
      size: 9,
      color: MUTED,
    });
    this.write(integrity.headHash, { font: PDF_FONT.mono, size: 9.5, gap: 3 });
    this.checkpoint();
    const generated = document.generatedAt;
    this.write(
      `Generated ${longUkDateWithDay(toLondonDate(generated.toISOString()))} at ${londonClock(generated)} (${generated.toISOString()}).`,
      { size: 9, color: MUTED, gap: 3 },
    );
  }

  /** The checkpoint it was issued under: with it, anyone can later prove this record was not rewritten (an evidence pack, npm run verify). */
  private checkpoint(): void {
    const { checkpoint } = this.document;
    // Not asked for (a document built without the log): nothing to say.
    if (checkpoint === undefined) return;
    if (checkpoint === 'not-yet-recorded') {
      this.write(
        'Transparency log: the log had not yet recorded every event of this complaint when this document was generated, so no signed checkpoint covers it; its evidence pack can be asked for once the log has caught up.',
        { size: 9, color: MUTED, gap: 3 },
      );
      return;
    }
    if (checkpoint === 'log-inconsistent') {
      this.write(
        'Transparency log: NO CHECKPOINT. The log no longer extends the checkpoints the service signed before (the store was restored from an older copy, or the log rewritten), so the service signed none for this document. Treat this record as unproven against the log until that is resolved.',
        { font: PDF_FONT.bold, size: 9, color: '#a00000', gap: 3 },
      );
      return;
    }
    const issued = new Date(checkpoint.issuedAt);
    this.write(
      `Issued under the signed checkpoint of the whole store's transparency log: tree size ${checkpoint.treeSize.toLocaleString('en-GB')}, signed ${longUkDate(toLondonDate(checkpoint.issuedAt))} at ${londonClock(issued)} (${checkpoint.issuedAt}). Root hash and key id:`,
      { size: 9, color: MUTED },
    );
    this.write(checkpoint.rootHash, { font: PDF_FONT.mono, size: 9.5 });
    this.write(checkpoint.keyId, { font: PDF_FONT.mono, size: 9.5, gap: 3 });
    this.write('Ed25519 signature (base64):', { size: 9, color: MUTED });
    // Base64 has no spaces to break at: cut it into lines that fit the page (rejoin them to verify).
    for (const line of checkpoint.signature.match(/.{1,64}/g) ?? [])
      this.write(line, { font: PDF_FONT.mono, size: 9.5 });
    this.write(
      "To verify it: take the key with this key id from GET /api/v1/integrity/keys and check the signature over the checkpoint's text as docs/integrity.md (\"Checkpoints\") sets out; then ask for the complaint's evidence pack, save this checkpoint's five fields as checkpoint.json, and run the following to prove this record is in the log the checkpoint signs:",
      { size: 9, color: MUTED },
    );
    // On a line of its own: wrapped inside the sentence, its options broke at their hyphens.
    this.write('npm run verify -- --evidence pack.json --checkpoint checkpoint.json', {
      font: PDF_FONT.mono,
      size: 9,
      gap: 3,
    });
  }

  /**
   * A step whose text runs onto a new page gets its date again at the top of that page, so no
   * page starts without one. pdfkit adds the page in the middle of laying out the text, so the
   * label is drawn there and then (keeping the reading order) and the text style put back.
   */
  private labelContinuation(): void {
    const { doc, continuing } = this;
    if (continuing === null) return;
    const { x, y } = doc;
    // A long date wraps in the column (the embedded font is wider than Helvetica was): "continued" goes below it.
    const date = longUkDateWithDay(continuing);
    doc.font(PDF_FONT.bold).fontSize(10).fillColor(INK).text(date, this.left, y, { width: DATE_COLUMN });
    const below = y + doc.heightOfString(date, { width: DATE_COLUMN }) + 2;
    doc
      .font(PDF_FONT.regular)
      .fontSize(8.5)
      .fillColor(MUTED)
      .text('continued', this.left, below, { width: DATE_COLUMN, lineBreak: false });
    doc.font(this.style.font).fontSize(this.style.size).fillColor(this.style.color);
    doc.x = x;
    doc.y = y;
  }

  /** Running footer on every page, written last so that it can say "page 2 of 5". */
  private footers(): void {
    const { doc, document } = this;
    const { reference } = document.view;
    const left = `Chronology ${reference} · head hash ${document.integrity.headHash.slice(0, 12)}… · generated ${longUkDate(toLondonDate(document.generatedAt.toISOString()))} ${londonClock(document.generatedAt)}`;
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
      doc.font(PDF_FONT.regular).fontSize(8).fillColor(MUTED);
      doc.text(left, this.left, y, { width: this.width - 80, lineBreak: false });
      doc.text(`Page ${page} of ${count}`, this.left + this.width - 80, y, {
        width: 80,
        align: 'right',
        lineBreak: false,
      });
    });
  }
}

/** A late acknowledgement is its own breach (docs/domain.md, "Timescales"): the table says so. */
function stageAcknowledged(stage: SlaStageView): string {
  if (stage.acknowledgedOn === null) return 'not yet';
  const late = stage.acknowledgementLateByWorkingDays ?? 0;
  return `${longUkDate(stage.acknowledgedOn)}${late > 0 ? ` (late by ${late} working day${late === 1 ? '' : 's'})` : ''}`;
}

/** The extension agreed, and how much of it the Code counts when that is not all of it. */
function stageExtension(stage: SlaStageView): string {
  if (stage.extensionWorkingDays === 0) return 'none';
  const agreed = `${stage.extensionWorkingDays} working days`;
  if (stage.codeExtensionWorkingDays === stage.extensionWorkingDays) return agreed;
  return `${agreed} (${stage.codeExtensionWorkingDays} count under the Code; own target ${longUkDate(stage.responseDue)})`;
}

function stageOutcome(stage: SlaStageView): string {
  if (stage.withinCodeTimescales === null) {
    // As the case view judges it today (caseSlaStatus): an unanswered stage past the Code date says so.
    return stage.codeResponseStatus === 'overdue'
      ? `awaiting response: overdue against the Code (due ${longUkDate(stage.codeResponseDue)})`
      : 'awaiting response';
  }
  if (stage.withinCodeTimescales) return 'within Code timescales';
  const late = stage.responseLateByWorkingDays ?? 0;
  return `outside Code timescales (late by ${late} working day${late === 1 ? '' : 's'})`;
}
