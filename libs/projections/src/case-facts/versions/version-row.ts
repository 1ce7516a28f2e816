import type { CalendarDate, ComplaintEvent, Stage, Tenure } from '@complaints/contracts';
import {
  CODE_2024,
  collectStageFacts,
  complaintDecider,
  fold,
  followUpsOf,
  isReceived,
  nextStageFacts,
  slaFromStageFacts,
  toLondonDate,
  type ComplaintState,
  type FollowUp,
  type StageFacts,
} from '@complaints/domain';
import type { CaseFactsSettings } from '../case-fact-writer';
import { caseLabelColumns } from '../../case-files/case-label-columns';

/** An open remedy action (not completed) and the date it is due by. */
export interface OpenRemedyAction {
  actionId: string;
  dueBy: CalendarDate;
}

/**
 * What a complaint was on every date of one interval: the fold of its events up to any date D in
 * [valid_from, valid_to) (events dated on or before the end of D, London), the current stage's
 * Code facts from the domain's SLA engine, and the local policy's due dates beside them. None of
 * it depends on D itself: the statuses that do (overdue, due soon, inactive) are comparisons with
 * thresholds computed from the calendar at query time.
 */
export interface VersionFacts {
  reference: string;
  /** The receipt instant: reports list cases in the order the case files do (received_at, reference, id). */
  received_at: string;
  status: 'open' | 'closed' | 'withdrawn' | 'refused';
  stage: Stage;
  service_area: string;
  category: string | null;
  tenure: Tenure | null;
  handler_id: string | null;
  handler_name: string | null;
  last_activity_on: CalendarDate;
  /** The current stage's Code timings; all null when the SLA engine has no such stage. */
  started_on: CalendarDate | null;
  acknowledgement_due: CalendarDate | null;
  acknowledged_on: CalendarDate | null;
  code_response_due: CalendarDate | null;
  /** The organisation's own target (extensions beyond the Code's limit included). */
  response_due: CalendarDate | null;
  responded_on: CalendarDate | null;
  extensions_agreed: number;
  extension_working_days: number;
  code_extension_working_days: number;
  extensions_beyond_limit: boolean;
  extension_good_reason: boolean;
  extensions_agreed_after_code_target: number;
  /** The local policy's acknowledgement and (Code-counted) response dates for the stage; null without one. */
  local_acknowledgement_due: CalendarDate | null;
  local_response_due: CalendarDate | null;
  /** Follow-ups that outlive closure (Code 6.6), for the attention queue. */
  open_remedy_actions: OpenRemedyAction[];
  compensation_outstanding_pence: number;
  /** The response that offered compensation (the first stage with an offer and a response). */
  compensation_offered_on: CalendarDate | null;
  /** The case's dated follow-ups (reviews, promised updates: follow-ups.ts in the domain), for the attention queue. */
  follow_ups: FollowUp[];
}

export interface VersionRow extends VersionFacts {
  complaint_id: string;
  valid_from: CalendarDate;
  /** Exclusive; null: still so. */
  valid_to: CalendarDate | null;
}

/**
 * Every version of one complaint: one per interval between the distinct London dates of its
 * events. Neighbours never hold equal facts, since each date's events move the last activity to
 * that date (the attention queue's inactivity needs it), so there is nothing to merge. An interval
 * in which the events so far do not make a received complaint (a step back-dated before the
 * receipt) has no row, as the fold finds nothing to report. The whole history is read every
 * time, so a back-dated step gives exactly a full recompute.
 */
export function versionRows(
  complaintId: string,
  events: readonly ComplaintEvent[],
  settings: CaseFactsSettings,
): VersionRow[] {
  const dated = events.map((event) => ({ event, on: toLondonDate(event.data.occurredAt) }));
  const dates = [...new Set(dated.map((d) => d.on))].sort();
  const row = (from: CalendarDate, index: number, facts: VersionFacts | null): VersionRow[] =>
    facts ? [{ complaint_id: complaintId, valid_from: from, valid_to: dates[index + 1] ?? null, ...facts }] : [];
  const inDateOrder = dated.every((d, i) => i === 0 || (dated[i - 1]?.on ?? d.on) <= d.on);
  if (!inDateOrder) {
    // A step recorded late: eventsUpTo(history, from) of the reports, folded afresh for each date.
    return dates.flatMap((from, index) => {
      const upTo = dated.filter((d) => d.on <= from).map((d) => d.event);
      return row(from, index, factsOf(fold(complaintDecider, upTo), collectStageFacts(upTo), settings));
    });
  }
  // In date order, the events up to each date are a prefix of the stream: each version folds on
  // from the one before (the same evolve and stage facts), so a history is read once.
  const rows: VersionRow[] = [];
  let state = complaintDecider.initialState();
  let stageFacts: StageFacts[] = [];
  for (const [i, { event, on }] of dated.entries()) {
    state = complaintDecider.evolve(state, event);
    stageFacts = nextStageFacts(stageFacts, event);
    if (dated[i + 1]?.on === on) continue;
    rows.push(...row(on, dates.indexOf(on), factsOf(state, stageFacts, settings)));
  }
  return rows;
}

/** The facts of the complaint as folded (state and stage facts of the same events); null when not received. */
function factsOf(
  state: ComplaintState,
  stageFacts: readonly StageFacts[],
  { calendar, localProfile }: CaseFactsSettings,
): VersionFacts | null {
  if (!isReceived(state)) return null;
  // The stage facts are timed under both profiles, as compareProfiles does for the dashboard's fold.
  const code = slaFromStageFacts(stageFacts, calendar, CODE_2024);
  const local = localProfile ? slaFromStageFacts(stageFacts, calendar, localProfile) : null;
  const sla = code.stages.find((s) => s.stage === state.stage) ?? null;
  const localSla = local?.stages.find((s) => s.stage === state.stage) ?? null;
  const offeredAt = [state.stage1, state.stage2].find(
    (s) => s && s.compensationOffered.length > 0 && s.respondedAt,
  )?.respondedAt;
  return {
    ...caseLabelColumns(state),
    received_at: state.receivedAt,
    last_activity_on: toLondonDate(state.lastActivityAt),
    started_on: sla?.startedOn ?? null,
    acknowledgement_due: sla?.acknowledgementDue ?? null,
    acknowledged_on: sla?.acknowledgedOn ?? null,
    code_response_due: sla?.codeResponseDue ?? null,
    response_due: sla?.responseDue ?? null,
    responded_on: sla?.respondedOn ?? null,
    extensions_agreed: sla?.extensions.length ?? 0,
    extension_working_days: sla?.extensionWorkingDays ?? 0,
    code_extension_working_days: sla?.codeExtensionWorkingDays ?? 0,
    extensions_beyond_limit: sla?.extensionsBeyondLimit ?? false,
    extension_good_reason: sla?.extensions.some((e) => e.goodReason) ?? false,
    extensions_agreed_after_code_target: sla?.extensions.filter((e) => e.agreedAfterCodeTarget).length ?? 0,
    local_acknowledgement_due: localSla?.acknowledgementDue ?? null,
    local_response_due: localSla?.codeResponseDue ?? null,
    open_remedy_actions: state.remedyActions
      .filter((a) => a.completedAt === null)
      .map((a) => ({ actionId: a.actionId, dueBy: a.dueBy })),
    compensation_outstanding_pence: state.compensation.offeredPence - state.compensation.paidPence,
    compensation_offered_on: offeredAt ? toLondonDate(offeredAt) : null,
    follow_ups: followUpsOf(state, calendar),
  };
}
