import type { ComplaintEvent } from '@complaints/contracts';
import {
  caseSlaStatus,
  CODE_2024,
  complaintDecider,
  computeSla,
  fold,
  followUpsOf,
  isReceived,
  toLondonDate,
} from '@complaints/domain';
import { asOfThresholds } from '../dashboard/as-of-thresholds';
import { eventsUpTo } from '../case-view/complaint-view';
import {
  byUrgency,
  followUpItem,
  type AttentionItem,
  type AttentionOptions,
  type CaseAttentionOptions,
} from './attention-items';

/*
 * THE REFERENCE, not the hot path: the queue folded from every history, as it was before
 * case_fact_versions. queryAttentionQueue (query-attention-queue.ts) answers the API from SQL and
 * is proved equal to this fold for generated caseloads on every date (src/dashboard/sla-dashboard.property.int.spec.ts).
 */

/**
 * What the complaints team must act on, as of a date: missed or imminent Code deadlines and
 * complaints gone quiet (open complaints only), and remedy actions past their date or
 * compensation offered but not paid (whatever the status: these outlive the closure, Code 6.6).
 * Each complaint is taken as it stood at the end of `asOf`.
 */
export function attentionQueue(histories: readonly (readonly ComplaintEvent[])[], options: AttentionOptions) {
  const { asOf, inactivityWorkingDays, dueSoonWorkingDays = 2, filter = {} } = options;
  const items: AttentionItem[] = [];
  for (const history of histories) {
    for (const item of caseAttentionItems(history, options)) {
      if (filter.serviceArea && item.serviceArea.toLowerCase() !== filter.serviceArea.toLowerCase()) continue;
      if (filter.handlerId && item.handler?.id !== filter.handlerId) continue;
      if (filter.reason && item.reason !== filter.reason) continue;
      items.push(item);
    }
  }
  return { asOf, inactivityWorkingDays, dueSoonWorkingDays, count: items.length, items: items.sort(byUrgency) };
}

/**
 * One complaint's items in the queue on `asOf`, unfiltered. The deadlines come from the domain's
 * caseSlaStatus, against the Code target: a case overdue against the Code says so
 * (acknowledgement_overdue / response_overdue) even while an extension beyond the Code's limit
 * keeps its own target ahead, and only then (see OVERDUE_AGAINST_CODE_REASONS).
 */
export function caseAttentionItems(history: readonly ComplaintEvent[], options: CaseAttentionOptions): AttentionItem[] {
  const { calendar, asOf, inactivityWorkingDays, dueSoonWorkingDays = 2 } = options;
  const events = eventsUpTo(history, asOf);
  const state = fold(complaintDecider, events);
  if (!isReceived(state)) return [];

  const base = {
    complaintId: state.complaintId,
    reference: state.reference,
    status: state.status,
    stage: state.stage,
    serviceArea: state.serviceArea,
    handler: state.handler ? { id: state.handler.id, name: state.handler.name } : null,
    due: null,
    since: null,
    workingDaysOverdue: 0,
    workingDaysRemaining: 0,
    workingDaysSince: 0,
  };
  const found: AttentionItem[] = [];

  if (state.status === 'open') {
    // An ended case is never overdue (caseSlaStatus says so too): only open ones need their SLA.
    const { current } = caseSlaStatus(
      computeSla(events, calendar, CODE_2024),
      { open: true, stage: state.stage },
      asOf,
      calendar,
      {
        dueSoonWorkingDays,
      },
    );
    if (current) {
      for (const [milestone, status] of [
        ['acknowledgement', current.acknowledgement],
        ['response', current.codeResponse],
      ] as const) {
        if (status.state !== 'overdue' && status.state !== 'due_soon') continue;
        found.push({
          ...base,
          reason: `${milestone}_${status.state}`,
          due: status.due,
          ...(milestone === 'response' ? { organisationDue: current.organisationResponse.due } : {}),
          workingDaysOverdue: status.workingDaysOverdue,
          workingDaysRemaining: status.workingDaysRemaining,
        });
      }
    }
    const lastActivityOn = toLondonDate(state.lastActivityAt);
    const quiet = calendar.workingDaysBetween(lastActivityOn, asOf);
    if (quiet >= inactivityWorkingDays) {
      found.push({ ...base, reason: 'inactive', since: lastActivityOn, workingDaysSince: quiet });
    }
  }

  for (const action of state.remedyActions) {
    if (action.completedAt !== null || asOf <= action.dueBy) continue;
    found.push({
      ...base,
      reason: 'remedy_action_overdue',
      actionId: action.actionId,
      due: action.dueBy,
      workingDaysOverdue: calendar.workingDaysBetween(action.dueBy, asOf),
    });
  }

  const outstanding = state.compensation.offeredPence - state.compensation.paidPence;
  if (outstanding > 0) {
    const offeredAt = [state.stage1, state.stage2].find(
      (s) => s && s.compensationOffered.length > 0 && s.respondedAt,
    )?.respondedAt;
    const offeredOn = offeredAt ? toLondonDate(offeredAt) : null;
    found.push({
      ...base,
      reason: 'compensation_unpaid',
      since: offeredOn,
      workingDaysSince: offeredOn ? calendar.workingDaysBetween(offeredOn, asOf) : 0,
      amountOutstandingPence: outstanding,
    });
  }

  // Dated follow-ups (reviews, promised updates): overdue once past, due soon within the window.
  const { dueSoonBefore } = asOfThresholds(calendar, asOf, dueSoonWorkingDays);
  for (const followUp of followUpsOf(state, calendar)) {
    if (followUp.due >= dueSoonBefore) continue;
    const reason = `${followUp.reason}_${asOf > followUp.due ? 'overdue' : 'due_soon'}` as const;
    found.push(followUpItem(base, reason, followUp.due, followUp.ref, calendar, asOf));
  }
  return found;
}
