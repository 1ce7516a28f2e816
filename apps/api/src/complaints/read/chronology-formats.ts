import { toCsv } from '../../documents/csv';
import type { ChronologyEntry } from '@complaints/projections';
import type { ComplaintView } from './complaint-view';

export interface Chronology {
  view: ComplaintView;
  entries: ChronologyEntry[];
}

/**
 * The same content in three forms: JSON (default), CSV (ISO dates, for spreadsheets), and the
 * PDF of chronology-pdf.ts (long UK dates, for the Ombudsman).
 */
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
