import type { CalendarDate, ComplaintEvent } from '@complaints/contracts';
import { CODE_2024, complaintDecider, computeSla, fold, isReceived, slaStatusAsOf, type PolicyProfile, type StageSlaStatus } from '@complaints/domain';
import type { Organisation } from '../app/tokens';
import { eventsUpTo } from '../complaints/read/complaint-view';

interface Counts {
  open: number;
  acknowledgementsOverdue: number;
  acknowledgementsDueSoon: number;
  responsesOverdue: number;
  responsesDueSoon: number;
}

const emptyCounts = (): Counts => ({ open: 0, acknowledgementsOverdue: 0, acknowledgementsDueSoon: 0, responsesOverdue: 0, responsesDueSoon: 0 });

export interface OverdueItem {
  id: string;
  reference: string;
  stage: 1 | 2;
  milestone: 'acknowledgement' | 'response';
  due: CalendarDate;
  workingDaysOverdue: number;
  serviceArea: string;
  handler: { id: string; name: string } | null;
}

/**
 * The SLA dashboard as of a date (api.md "Reads"): open complaints by stage; acknowledgements and
 * responses overdue or due within 2 working days (against the Code, with the local policy beside
 * it); extensions; by service area and by handler. Each complaint is taken as it stood at the end
 * of `asOf`, so a past date shows that day's position.
 */
export function slaDashboard(histories: readonly (readonly ComplaintEvent[])[], organisation: Organisation, asOf: CalendarDate) {
  const { calendar } = organisation;
  const total = emptyCounts();
  const local = { acknowledgementsOverdue: 0, acknowledgementsDueSoon: 0, responsesOverdue: 0, responsesDueSoon: 0 };
  const byStage = { 1: 0, 2: 0 };
  const extensions = { complaintsWithExtensions: 0, workingDaysAdded: 0, beyondCodeLimit: 0 };
  const byServiceArea = new Map<string, Counts>();
  const byHandler = new Map<string, { handler: { id: string; name: string } | null } & Counts>();
  const overdue: OverdueItem[] = [];

  for (const history of histories) {
    const events = eventsUpTo(history, asOf);
    const state = fold(complaintDecider, events);
    if (!isReceived(state) || state.status !== 'open') continue;

    const current = currentStageStatus(events, organisation, CODE_2024, asOf, state.stage);
    const sla = computeSla(events, calendar, CODE_2024).stages.find((s) => s.stage === state.stage);
    if (!current || !sla) continue;

    const areaCounts = byServiceArea.get(state.serviceArea) ?? emptyCounts();
    byServiceArea.set(state.serviceArea, areaCounts);
    const handlerKey = state.handler?.id ?? '';
    const handlerCounts = byHandler.get(handlerKey) ?? { handler: state.handler ? { id: state.handler.id, name: state.handler.name } : null, ...emptyCounts() };
    byHandler.set(handlerKey, handlerCounts);

    byStage[state.stage] += 1;
    for (const counts of [total, areaCounts, handlerCounts]) {
      counts.open += 1;
      if (current.acknowledgement.state === 'overdue') counts.acknowledgementsOverdue += 1;
      if (current.acknowledgement.state === 'due_soon') counts.acknowledgementsDueSoon += 1;
      if (current.response.state === 'overdue') counts.responsesOverdue += 1;
      if (current.response.state === 'due_soon') counts.responsesDueSoon += 1;
    }
    for (const milestone of ['acknowledgement', 'response'] as const) {
      const status = current[milestone];
      if (status.state !== 'overdue') continue;
      overdue.push({
        id: state.complaintId,
        reference: state.reference,
        stage: state.stage,
        milestone,
        due: status.due,
        workingDaysOverdue: status.workingDaysOverdue,
        serviceArea: state.serviceArea,
        handler: state.handler ? { id: state.handler.id, name: state.handler.name } : null,
      });
    }
    if (sla.extensionWorkingDays > 0) {
      extensions.complaintsWithExtensions += 1;
      extensions.workingDaysAdded += sla.extensionWorkingDays;
      if (sla.extensionsBeyondLimit) extensions.beyondCodeLimit += 1;
    }
    if (organisation.localProfile) {
      const localStatus = currentStageStatus(events, organisation, organisation.localProfile, asOf, state.stage);
      if (localStatus?.acknowledgement.state === 'overdue') local.acknowledgementsOverdue += 1;
      if (localStatus?.acknowledgement.state === 'due_soon') local.acknowledgementsDueSoon += 1;
      if (localStatus?.response.state === 'overdue') local.responsesOverdue += 1;
      if (localStatus?.response.state === 'due_soon') local.responsesDueSoon += 1;
    }
  }

  return {
    asOf,
    dueSoonWorkingDays: 2,
    open: { total: total.open, byStage: { stage1: byStage[1], stage2: byStage[2] } },
    acknowledgements: { overdue: total.acknowledgementsOverdue, dueWithin2WorkingDays: total.acknowledgementsDueSoon },
    responses: { overdue: total.responsesOverdue, dueWithin2WorkingDays: total.responsesDueSoon },
    extensions,
    // The Code and the local policy side by side, milestone by milestone, over the same open complaints.
    codePolicy: {
      profile: CODE_2024.id,
      acknowledgements: { overdue: total.acknowledgementsOverdue, dueWithin2WorkingDays: total.acknowledgementsDueSoon },
      responses: { overdue: total.responsesOverdue, dueWithin2WorkingDays: total.responsesDueSoon },
    },
    localPolicy: organisation.localProfile
      ? {
          profile: organisation.localProfile.id,
          acknowledgementsOverdue: local.acknowledgementsOverdue,
          responsesOverdue: local.responsesOverdue,
          acknowledgements: { overdue: local.acknowledgementsOverdue, dueWithin2WorkingDays: local.acknowledgementsDueSoon },
          responses: { overdue: local.responsesOverdue, dueWithin2WorkingDays: local.responsesDueSoon },
        }
      : null,
    byServiceArea: [...byServiceArea.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([serviceArea, counts]) => ({ serviceArea, ...counts })),
    byHandler: [...byHandler.values()].sort((a, b) => (a.handler?.name ?? '').localeCompare(b.handler?.name ?? '')),
    overdue: overdue.sort((a, b) => b.workingDaysOverdue - a.workingDaysOverdue || a.reference.localeCompare(b.reference)),
  };
}

export type SlaDashboard = ReturnType<typeof slaDashboard>;

function currentStageStatus(
  events: readonly ComplaintEvent[],
  organisation: Organisation,
  profile: PolicyProfile,
  asOf: CalendarDate,
  stage: 1 | 2,
): StageSlaStatus | undefined {
  const report = computeSla(events, organisation.calendar, profile);
  return slaStatusAsOf(report, asOf, organisation.calendar).find((s) => s.stage === stage);
}

/**
 * What a scrutiny panel may see of the dashboard: the counts. Handler names and the list of
 * overdue cases (references tie back to residents) are left out.
 */
export function anonymisedDashboard(dashboard: SlaDashboard) {
  const { byHandler: _byHandler, overdue: _overdue, ...rest } = dashboard;
  return rest;
}
