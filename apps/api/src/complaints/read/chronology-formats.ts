import type { CalendarDate } from '@complaints/contracts';
import { toCsv } from '../../documents/csv';
import { renderTextPdf, type PdfLine } from '../../documents/text-pdf';
import type { ChronologyEntry } from '../../queries/chronology';
import type { ComplaintView } from './complaint-view';

export interface Chronology {
  view: ComplaintView;
  entries: ChronologyEntry[];
}

/** The same content in three forms: JSON (default), CSV (ISO dates, for spreadsheets), PDF (long UK dates, for the Ombudsman). */
export function chronologyJson({ view, entries }: Chronology) {
  return {
    complaintId: view.id,
    reference: view.reference,
    status: view.status,
    serviceArea: view.serviceArea,
    receivedOn: view.receivedOn,
    sla: view.sla.stages.map(({ stage, acknowledgementDue, acknowledgedOn, responseDue, codeResponseDue, respondedOn, withinCodeTimescales, extensionWorkingDays }) => ({
      stage,
      acknowledgementDue,
      acknowledgedOn,
      responseDue,
      codeResponseDue,
      respondedOn,
      extensionWorkingDays,
      withinCodeTimescales,
    })),
    entries,
  };
}

export function chronologyCsv({ entries }: Chronology): string {
  return toCsv(
    ['date', 'event', 'description', 'by', 'sla_note', 'occurred_at', 'recorded_at', 'revision'],
    entries.map((e) => [e.date, e.event, e.description, e.by, e.slaNote, e.occurredAt, e.recordedAt, e.revision]),
  );
}

const longDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
/** 2026-03-04 → 4 March 2026 (the calendar date is already London's; UTC only stops a second shift). */
export const longUkDate = (date: CalendarDate) => longDate.format(new Date(`${date}T12:00:00Z`));

const EVENT_TITLES: Record<string, string> = {
  ComplaintReceived: 'Complaint received',
  ComplaintRefused: 'Complaint refused',
  ComplaintAcknowledged: 'Complaint acknowledged',
  ComplaintAssigned: 'Complaint reassigned',
  ExtensionAgreed: 'Extension agreed',
  StageResponseIssued: 'Stage response issued',
  ComplaintEscalated: 'Escalation requested',
  ComplaintClosed: 'Complaint closed',
  ComplaintWithdrawn: 'Complaint withdrawn',
  LessonRecorded: 'Lesson recorded',
  ContactLogged: 'Contact',
  RemedyActionCompleted: 'Remedy action completed',
  CompensationPaid: 'Compensation paid',
  SatisfactionRecorded: 'Satisfaction recorded',
  OmbudsmanReferralRecorded: 'Ombudsman referral',
  OmbudsmanDeterminationRecorded: 'Ombudsman determination',
  OmbudsmanOrderComplied: 'Ombudsman order complied with',
  PersonalDataErased: 'Personal data erased',
};

export function chronologyPdf({ view, entries }: Chronology, today: CalendarDate): Buffer {
  const lines: PdfLine[] = [
    { text: `Complaint chronology: ${view.reference}`, style: 'title' },
    { text: `Service area: ${view.serviceArea}${view.category ? ` (${view.category})` : ''}. Received ${longUkDate(view.receivedOn)}. Status: ${view.status}, stage ${view.stage}.`, style: 'note' },
    { text: `Prepared ${longUkDate(today)}. Timescales are those of the Housing Ombudsman's Complaint Handling Code (2024), in working days.`, style: 'note' },
  ];
  for (const stage of view.sla.stages) {
    const outcome = stage.withinCodeTimescales === null ? 'not yet responded' : stage.withinCodeTimescales ? 'within Code timescales' : 'outside Code timescales';
    lines.push({
      text: `Stage ${stage.stage}: acknowledgement due ${longUkDate(stage.acknowledgementDue)}${stage.acknowledgedOn ? `, given ${longUkDate(stage.acknowledgedOn)}` : ''}; response due ${longUkDate(stage.codeResponseDue)}${stage.respondedOn ? `, issued ${longUkDate(stage.respondedOn)}` : ''} (${outcome}).`,
      style: 'body',
      spaceBefore: 4,
    });
  }
  for (const entry of entries) {
    lines.push({ text: `${longUkDate(entry.date)} - ${EVENT_TITLES[entry.event] ?? entry.event}`, style: 'heading', spaceBefore: 10 });
    lines.push({ text: entry.description });
    if (entry.slaNote) lines.push({ text: `Timescale: ${entry.slaNote}`, style: 'note' });
    lines.push({ text: `Recorded by ${entry.by}.`, style: 'note' });
  }
  return renderTextPdf({ title: `Complaint chronology ${view.reference}`, lines, footer: `Chronology ${view.reference}` });
}
