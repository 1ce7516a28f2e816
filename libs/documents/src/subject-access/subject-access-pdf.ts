import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { toLondonDate, type Hold } from '@complaints/domain';
import { longUkDate, withLongDates } from '@complaints/reporting';
import { EVENT_TITLES } from '../chronology/event-titles';
import { renderPdf, type Pdf } from '../pdf/render-pdf';
import { PDF_FONT, PDF_MUTED } from '../pdf/fonts';
import { writeFlowingText, type FlowingTextStyle } from '../pdf/flowing-text';
import type { SubjectAccessExport, SubjectComplaintExport } from './subject-access-export';

const MUTED = PDF_MUTED;
/** Chronology entries laid out between two turns of the event loop (a long export must not hold the process). */
const ENTRIES_BETWEEN_YIELDS = 8;

/** Which personal details the case holds, in the order a person reads them, with their labels. */
const COMPLAINANT_FIELDS = [
  ['name', 'Name'],
  ['email', 'Email'],
  ['phone', 'Phone'],
  ['address', 'Address'],
  ['preferredContact', 'Preferred contact'],
  ['reasonableAdjustments', 'Reasonable adjustments'],
] as const;

/**
 * The readable form of a subject-access export (UK GDPR art. 15): for each complaint, the
 * personal details held, where it stands, how long it is kept, and what happened, step by step
 * (its chronology). The JSON form carries the same complaints with every recorded event in full.
 */
export function subjectAccessPdf(exported: SubjectAccessExport, options: { compress?: boolean } = {}): Promise<Buffer> {
  return renderPdf(
    {
      title: 'Subject access export',
      subject: `Personal data held about one data subject, export ${exported.exportId}`,
      createdAt: new Date(exported.generatedAt),
      ...(options.compress === undefined ? {} : { compress: options.compress }),
    },
    (doc) => new SubjectAccessLayout(doc, exported).draw(),
  );
}

class SubjectAccessLayout {
  private readonly left: number;
  private readonly width: number;

  constructor(
    private readonly doc: Pdf,
    private readonly exported: SubjectAccessExport,
  ) {
    this.left = doc.page.margins.left;
    this.width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  }

  async draw(): Promise<void> {
    const { exported } = this;
    this.write('Subject access export', { font: PDF_FONT.bold, size: 20 });
    this.write(
      `Prepared ${longUkDate(toLondonDate(exported.generatedAt))} (export ${exported.exportId}) by ${exported.exportedBy}, on a request identified by ${exported.identifiedBy.join(', ')}.`,
      { size: 9, color: MUTED, gap: 4 },
    );
    this.write(
      `This is the personal data we hold about you in our complaints records (UK GDPR article 15): ${plural(exported.complaints.length, 'complaint')}. We keep a complaint's record for ${plural(exported.retentionYearsAfterEnd, 'year')} after it ends (or after any Housing Ombudsman case about it closes, if later), unless a legal hold requires us to keep it longer; then we erase the personal data and keep only facts and dates for statistics. You may ask us to correct or erase your data, and you may complain to the Information Commissioner's Office.`,
      { size: 10, gap: 6 },
    );
    if (exported.complaints.length === 0) this.write('We hold no complaint records about you.', { color: MUTED });
    for (const complaint of exported.complaints) await this.complaint(complaint);
  }

  private async complaint(complaint: SubjectComplaintExport): Promise<void> {
    const { case: view } = complaint;
    this.heading(`Complaint ${complaint.reference}`);
    this.write(
      `Received ${longUkDate(view.receivedOn)} by ${view.channel}, about ${view.serviceArea}${view.category ? ` (${view.category})` : ''}. Status: ${view.status}, stage ${view.stage}. Found by ${complaint.matchedOn.join(', ')}.`,
      { size: 10, gap: 4 },
    );
    this.write('Personal details held', { font: PDF_FONT.bold, gap: 1 });
    if (view.personalDataErased) {
      this.write(
        `Erased ${longUkDate(toLondonDate(view.personalDataErased.erasedAt))}: we no longer hold any personal data for this complaint.`,
        { gap: 4 },
      );
    } else {
      const complainant =
        typeof view.complainant === 'object' && view.complainant !== null
          ? (view.complainant as Record<string, unknown>)
          : {};
      for (const [field, label] of COMPLAINANT_FIELDS) {
        const value = complainant[field];
        if (typeof value === 'string') this.write(`${label}: ${value}`);
      }
      const representative = view.representative;
      if (typeof representative === 'object' && representative !== null) {
        this.write(
          `Representative: ${representative.name}${representative.relationship ? ` (${representative.relationship})` : ''}`,
        );
      }
      if (typeof view.description === 'string') this.write(`What the complaint is about: ${view.description}`);
      if (typeof view.outcomeSought === 'string') this.write(`Outcome sought: ${view.outcomeSought}`);
      this.doc.y += 4;
    }
    this.write('How long we keep it', { font: PDF_FONT.bold, gap: 1 });
    this.write(retentionLine(complaint), { gap: 4 });
    this.write('What happened', { font: PDF_FONT.bold, gap: 1 });
    for (const [index, entry] of complaint.chronology.entries()) {
      this.write(`${longUkDate(entry.date)} - ${EVENT_TITLES[entry.event] ?? entry.event}`, {
        font: PDF_FONT.bold,
        size: 9.5,
      });
      this.write(withLongDates(entry.description), { size: 9.5, gap: 3 });
      if (index % ENTRIES_BETWEEN_YIELDS === ENTRIES_BETWEEN_YIELDS - 1) await yieldToEventLoop();
    }
  }

  private heading(text: string): void {
    const { doc } = this;
    if (doc.y + 80 > doc.page.height - doc.page.margins.bottom) doc.addPage();
    doc.y += 10;
    this.write(text, { font: PDF_FONT.bold, size: 13, gap: 4 });
  }

  private write(text: string, style: FlowingTextStyle = {}): void {
    writeFlowingText(this.doc, { left: this.left, width: this.width }, text, style);
  }
}

function retentionLine({ retention }: SubjectComplaintExport): string {
  switch (retention.status) {
    case 'erased':
      return 'Its personal data has been erased.';
    case 'open':
      return 'The complaint is still open: the retention period starts when it ends.';
    case 'not_due':
      return `Kept until ${longUkDate(retention.dueOn)} (from ${longUkDate(retention.retentionFrom)}).${holdsLine(retention.holds)}`;
    case 'due':
      return `The retention period ended ${longUkDate(retention.dueOn)}: its personal data is due to be erased.`;
    case 'held':
      return `The retention period ended ${longUkDate(retention.dueOn)}, but it is kept for now.${holdsLine(retention.holds)}`;
  }
}

function holdsLine(holds: readonly Hold[]): string {
  if (holds.length === 0) return '';
  const reasons = holds.map((hold) =>
    hold.kind === 'ombudsman_case'
      ? 'a Housing Ombudsman case is open'
      : `a legal hold (${hold.category.replaceAll('_', ' ')})`,
  );
  return ` Kept beyond that while ${reasons.join(' and ')}.`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
