import type { ChronologyEntry } from '@complaints/projections';
import type { ComplaintView } from '@complaints/reporting';
import { toCsv } from '../csv/csv';

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
    // The Code's figures per stage (docs/domain.md, "Timescales"): the Code target beside the
    // organisation's own, and a late acknowledgement as its own breach.
    sla: view.sla.stages.map((s) => ({
      stage: s.stage,
      acknowledgementDue: s.acknowledgementDue,
      acknowledgedOn: s.acknowledgedOn,
      acknowledgementLateByWorkingDays: s.acknowledgementLateByWorkingDays,
      responseDue: s.responseDue,
      codeResponseDue: s.codeResponseDue,
      respondedOn: s.respondedOn,
      extensionWorkingDays: s.extensionWorkingDays,
      codeExtensionWorkingDays: s.codeExtensionWorkingDays,
      withinCodeTimescales: s.withinCodeTimescales,
      responseLateByWorkingDays: s.responseLateByWorkingDays,
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
