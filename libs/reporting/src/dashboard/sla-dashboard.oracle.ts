import type { CalendarDate, ComplaintEvent, Stage } from '@complaints/contracts';
import {
  caseSlaStatus,
  CODE_2024,
  compareProfiles,
  complaintDecider,
  fold,
  isReceived,
  type StageSla,
  type StageSlaStatus,
} from '@complaints/domain';
import type { Organisation } from '../organisation';
import {
  dashboardOf,
  emptyDashboardCounts,
  type DashboardCounts,
  type DashboardExtensions,
  type OverdueItem,
} from './dashboard-shape';
import { eventsUpTo } from '../case-view/complaint-view';

/*
 * THE REFERENCE, not the hot path: the dashboard folded from every history, as it was before
 * case_fact_versions. querySlaDashboard (query-sla-dashboard.ts) answers the API from SQL and is
 * proved equal to this fold for generated caseloads on every date (src/dashboard/sla-dashboard.property.int.spec.ts).
 */

/** What one open complaint adds to the dashboard on a date. */
export interface DashboardCase {
  id: string;
  reference: string;
  stage: Stage;
  serviceArea: string;
  handler: { id: string; name: string } | null;
  /** The current stage against the Code target and the organisation's own (from caseSlaStatus). */
  status: StageSlaStatus;
  /** The domain's case-level answer: counted in `complaintsOverdue.againstCode`. */
  overdueAgainstCode: boolean;
  overdueAgainstOrganisationTarget: boolean;
  /** The current stage under the local policy's own timescales, if the organisation has one. */
  localStatus: StageSlaStatus | null;
  /** The current stage's timings, for its extensions. */
  sla: StageSla;
}

/**
 * One complaint as the dashboard sees it on `asOf` (taken as it stood at the end of that day):
 * null unless received and open. Every overdue / due-soon figure of the dashboard is a count of
 * these, so the dashboard and the domain's caseSlaStatus cannot disagree about a case.
 */
export function dashboardCase(
  history: readonly ComplaintEvent[],
  organisation: Organisation,
  asOf: CalendarDate,
): DashboardCase | null {
  const events = eventsUpTo(history, asOf);
  const state = fold(complaintDecider, events);
  if (!isReceived(state) || state.status !== 'open') return null;
  const standing = { open: true, stage: state.stage };
  // The stream is read once for both profiles (compareProfiles); only the arithmetic differs.
  const [report, localReport] = compareProfiles(
    events,
    organisation.calendar,
    organisation.localProfile ? [CODE_2024, organisation.localProfile] : [CODE_2024],
  );
  if (!report) return null;
  const code = caseSlaStatus(report, standing, asOf, organisation.calendar);
  const sla = report.stages.find((s) => s.stage === state.stage);
  if (!code.current || !sla) return null;
  return {
    id: state.complaintId,
    reference: state.reference,
    stage: state.stage,
    serviceArea: state.serviceArea,
    handler: state.handler ? { id: state.handler.id, name: state.handler.name } : null,
    status: code.current,
    overdueAgainstCode: code.overdueAgainstCode,
    overdueAgainstOrganisationTarget: code.overdueAgainstOrganisationTarget,
    localStatus: localReport ? caseSlaStatus(localReport, standing, asOf, organisation.calendar).current : null,
    sla,
  };
}

/**
 * The SLA dashboard as of a date (api.md "Reads"): open complaints by stage; acknowledgements and
 * responses overdue or due within 2 working days, against the Code target (the fixed
 * `acknowledgements` / `responses`, and `codePolicy`); the same responses against the
 * organisation's own target (`organisationTarget`: extensions beyond the Code's limit included),
 * and against the local policy if there is one; extensions used, beyond the Code's limit, with a
 * good reason, agreed after the Code target; by service area and by handler (Code counts).
 */
export function slaDashboard(
  histories: readonly (readonly ComplaintEvent[])[],
  organisation: Organisation,
  asOf: CalendarDate,
) {
  const total = emptyDashboardCounts();
  const ownTarget = { responsesOverdue: 0, responsesDueSoon: 0 };
  const complaintsOverdue = { againstCode: 0, againstOrganisationTarget: 0 };
  const local = { acknowledgementsOverdue: 0, acknowledgementsDueSoon: 0, responsesOverdue: 0, responsesDueSoon: 0 };
  const byStage = { 1: 0, 2: 0 };
  const extensions: DashboardExtensions = {
    complaintsWithExtensions: 0,
    extensionsAgreed: 0,
    workingDaysAdded: 0,
    workingDaysCountedTowardsCode: 0,
    beyondCodeLimit: 0,
    beyondCodeLimitWithGoodReason: 0,
    agreedAfterCodeTarget: 0,
  };
  const byServiceArea = new Map<string, DashboardCounts>();
  const byHandler = new Map<string, { handler: { id: string; name: string } | null } & DashboardCounts>();
  const overdue: OverdueItem[] = [];

  for (const history of histories) {
    const c = dashboardCase(history, organisation, asOf);
    if (!c) continue;
    const { acknowledgement, codeResponse, organisationResponse } = c.status;

    const areaCounts = byServiceArea.get(c.serviceArea) ?? emptyDashboardCounts();
    byServiceArea.set(c.serviceArea, areaCounts);
    const handlerKey = c.handler?.id ?? '';
    const handlerCounts = byHandler.get(handlerKey) ?? { handler: c.handler, ...emptyDashboardCounts() };
    byHandler.set(handlerKey, handlerCounts);

    byStage[c.stage] += 1;
    for (const counts of [total, areaCounts, handlerCounts]) {
      counts.open += 1;
      if (acknowledgement.state === 'overdue') counts.acknowledgementsOverdue += 1;
      if (acknowledgement.state === 'due_soon') counts.acknowledgementsDueSoon += 1;
      if (codeResponse.state === 'overdue') counts.responsesOverdue += 1;
      if (codeResponse.state === 'due_soon') counts.responsesDueSoon += 1;
    }
    if (organisationResponse.state === 'overdue') ownTarget.responsesOverdue += 1;
    if (organisationResponse.state === 'due_soon') ownTarget.responsesDueSoon += 1;
    if (c.overdueAgainstCode) complaintsOverdue.againstCode += 1;
    if (c.overdueAgainstOrganisationTarget) complaintsOverdue.againstOrganisationTarget += 1;

    for (const [milestone, status] of [
      ['acknowledgement', acknowledgement],
      ['response', codeResponse],
    ] as const) {
      if (status.state !== 'overdue') continue;
      overdue.push({
        id: c.id,
        reference: c.reference,
        stage: c.stage,
        milestone,
        due: status.due,
        organisationDue: milestone === 'response' ? organisationResponse.due : null,
        workingDaysOverdue: status.workingDaysOverdue,
        serviceArea: c.serviceArea,
        handler: c.handler,
      });
    }

    if (c.sla.extensions.length > 0) {
      extensions.complaintsWithExtensions += 1;
      extensions.extensionsAgreed += c.sla.extensions.length;
      extensions.workingDaysAdded += c.sla.extensionWorkingDays;
      extensions.workingDaysCountedTowardsCode += c.sla.codeExtensionWorkingDays;
      extensions.agreedAfterCodeTarget += c.sla.extensions.filter((e) => e.agreedAfterCodeTarget).length;
      if (c.sla.extensionsBeyondLimit) {
        extensions.beyondCodeLimit += 1;
        if (c.sla.extensions.some((e) => e.goodReason)) extensions.beyondCodeLimitWithGoodReason += 1;
      }
    }

    if (c.localStatus) {
      if (c.localStatus.acknowledgement.state === 'overdue') local.acknowledgementsOverdue += 1;
      if (c.localStatus.acknowledgement.state === 'due_soon') local.acknowledgementsDueSoon += 1;
      if (c.localStatus.codeResponse.state === 'overdue') local.responsesOverdue += 1;
      if (c.localStatus.codeResponse.state === 'due_soon') local.responsesDueSoon += 1;
    }
  }

  return dashboardOf(
    {
      asOf,
      total,
      byStage: { stage1: byStage[1], stage2: byStage[2] },
      complaintsOverdue,
      ownTarget,
      extensions,
      local,
      byServiceArea: [...byServiceArea.entries()].map(([serviceArea, counts]) => ({ serviceArea, ...counts })),
      byHandler: [...byHandler.values()],
      overdue,
    },
    organisation,
  );
}
