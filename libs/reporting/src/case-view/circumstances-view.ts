import type { CalendarDate } from '@complaints/contracts';
import {
  activeAdjustments,
  activeVulnerabilities,
  nextUpdateDueOf,
  presentationOf,
  type ReceivedComplaint,
  type WorkingDayCalendar,
} from '@complaints/domain';

/**
 * The resident's circumstances on the case (docs/domain.md, "Circumstances"): the current
 * vulnerabilities and adjustments in place (special-category data: the case is read by the
 * complaints team, auditors and admins, never by panels), how letters must be presented, and
 * whether equality monitoring was given (never its answers: those are reported only in aggregate).
 */
export function circumstancesView(state: ReceivedComplaint, asOf: CalendarDate) {
  return {
    vulnerabilities: activeVulnerabilities(state.circumstances),
    reasonableAdjustments: activeAdjustments(state.circumstances).map((a) => ({
      ...a,
      reviewOverdue: a.reviewDue !== null && a.reviewDue < asOf,
    })),
    /** Every vulnerability and adjustment ever recorded, ended ones included, for the record. */
    history: {
      vulnerabilities: state.circumstances.vulnerabilities,
      reasonableAdjustments: state.circumstances.adjustments,
    },
    presentation: presentationOf(state),
    equalityMonitoringGiven: state.circumstances.equalityMonitoringRecordedAt !== null,
  };
}

/** Keeping the resident informed: the agreed interval, the last update and when the next is due (open complaints only). */
export function keepingInformedView(state: ReceivedComplaint, calendar: WorkingDayCalendar, asOf: CalendarDate) {
  const nextUpdateDue = nextUpdateDueOf(state, calendar);
  return {
    updateIntervalWorkingDays: state.keepingInformed.updateInterval?.workingDays ?? null,
    agreedAt: state.keepingInformed.updateInterval?.agreedAt ?? null,
    lastUpdateAt: state.keepingInformed.lastOutboundContactAt,
    nextUpdateDue,
    nextUpdateOverdue: nextUpdateDue !== null && nextUpdateDue < asOf,
  };
}
