import type { CalendarDate, ComplaintEvent } from '@complaints/contracts';
import {
  caseSlaStatus,
  CODE_2024,
  collectStageFacts,
  complaintDecider,
  fold,
  isReceived,
  type CaseSlaStatus,
  type CaseStanding,
  type PolicyProfile,
  type ReceivedComplaint,
  type SlaReport,
  slaFromStageFacts,
  type SlaStatusOptions,
  type WorkingDayCalendar,
} from '@complaints/domain';
import { eventsUpTo } from './events-up-to';

/** The case folded as it stood at the end of `asOf`, before any timing. */
export interface CaseStateAsOf {
  asOf: CalendarDate;
  /** The events folded: those that had happened by the end of `asOf`. */
  events: readonly ComplaintEvent[];
  state: ReceivedComplaint;
  /** Open or not on `asOf`, and at which stage: what caseSlaStatus judges by. */
  standing: CaseStanding;
}

/** One profile's timings of the case and where they stood on `asOf` (the domain's caseSlaStatus). */
export interface CaseTimings {
  report: SlaReport;
  status: CaseSlaStatus;
}

export interface CaseAsOf extends CaseStateAsOf {
  /** Under the Complaint Handling Code: what "overdue" and "within Code timescales" mean everywhere. */
  code: CaseTimings;
  /** Under the organisation's local policy, beside the Code; null when it has none. */
  local: CaseTimings | null;
}

/**
 * One complaint as it stood on `asOf`, for every single-case view (the case view, the resident
 * page, the panel's anonymised case, the chronology's header): the events up to `asOf` folded
 * once, the Code's (and the local policy's) timings computed once from them, and their status on
 * that date, so no two views can fold or judge the same case differently. Null until received.
 */
export function caseAsOf(
  history: readonly ComplaintEvent[],
  asOf: CalendarDate,
  calendar: WorkingDayCalendar,
  localProfile?: PolicyProfile | null,
  options: SlaStatusOptions = {},
): CaseAsOf | null {
  const folded = caseStateAsOf(history, asOf);
  return folded && timeCase(folded, calendar, localProfile, options);
}

/** The fold of caseAsOf alone, for a report that selects cases on their state before it needs their timings. */
export function caseStateAsOf(history: readonly ComplaintEvent[], asOf: CalendarDate): CaseStateAsOf | null {
  const events = eventsUpTo(history, asOf);
  const state = fold(complaintDecider, events);
  if (!isReceived(state)) return null;
  return { asOf, events, state, standing: { open: state.status === 'open', stage: state.stage } };
}

/** The timings of caseAsOf for a case already folded by caseStateAsOf: the events are read once for both profiles. */
export function timeCase(
  folded: CaseStateAsOf,
  calendar: WorkingDayCalendar,
  localProfile?: PolicyProfile | null,
  options: SlaStatusOptions = {},
): CaseAsOf {
  // As compareProfiles does: the stage facts are collected once, only the arithmetic differs per profile.
  const facts = collectStageFacts(folded.events);
  const timings = (profile: PolicyProfile): CaseTimings => {
    const report = slaFromStageFacts(facts, calendar, profile);
    return { report, status: caseSlaStatus(report, folded.standing, folded.asOf, calendar, options) };
  };
  return { ...folded, code: timings(CODE_2024), local: localProfile ? timings(localProfile) : null };
}
