import type { CalendarDate } from '@complaints/contracts';
import type { WorkingDayCalendar } from '@complaints/domain';
import { buildChronology, type TimelineEvent } from '@complaints/projections';
import type { AuditTrailEntry, ComplaintView } from '@complaints/reporting';
import { casePageContext } from './case-page';

/** What GET /api/v1/complaints/{id}/history?asAt= answers: the events recorded by then and the case as it stood. */
export interface HistoryAsAt {
  complaintId: string;
  asAt: string | null;
  events: readonly AuditTrailEntry[];
  state: ComplaintView | null;
}

/**
 * The "as at" page's context: the case as it stood at the end of `date` (its SLA judged on that
 * date), and the chronology of the events recorded by then, built by the same code as the
 * chronology read model (buildChronology), so a step recorded later is simply not there yet.
 * `state` null: the complaint had not been recorded by then.
 */
export function caseAsAtPageContext(
  history: HistoryAsAt,
  input: {
    date: CalendarDate;
    calendar: WorkingDayCalendar;
    current: { id: string; reference: string; revision: number };
  },
) {
  const asAt = {
    date: input.date,
    dateInput: input.date,
    eventsThen: history.events.length,
    eventsNow: input.current.revision,
    complaintId: history.complaintId,
  };
  if (!history.state) {
    return {
      asAt,
      complaint: { id: input.current.id, reference: input.current.reference },
      caseHref: `/complaints/${encodeURIComponent(history.complaintId)}`,
      notYetRecorded: true,
    };
  }
  const timeline: TimelineEvent[] = history.events.map(
    (e) =>
      ({ type: e.type, data: e.data, revision: e.revision, recordedAt: e.recordedAt, actor: e.actor }) as TimelineEvent,
  );
  const entries = buildChronology(timeline, input.calendar);
  return {
    asAt,
    notYetRecorded: false,
    ...casePageContext({
      view: history.state,
      entries,
      downloads: { chronology: false, evidence: false },
      asAtAllowed: true,
      actions: [],
    }),
  };
}

/** The "as at" page with the date refused: the form again, with the message beside the field. */
export function caseAsAtErrorContext(complaint: { id: string; reference: string }, dateInput: string, error: string) {
  const complaintId = complaint.id;
  return {
    complaint: { id: complaintId, reference: complaint.reference },
    asAt: { complaintId, dateInput, error },
    caseHref: `/complaints/${encodeURIComponent(complaintId)}`,
    errorSummary: [{ text: error, href: '#date' }],
  };
}
