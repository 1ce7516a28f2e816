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
import { eventsUpTo } from '../case-view/complaint-view';

/*
 * THE REFERENCE, not the hot path: the dashboard folded from every history, as it was before
 * case_fact_versions. querySlaDashboard (query-sla-dashboard.ts) answers the API from SQL and is
 * proved equal to this fold for generated caseloads on every date (src/dashboard/sla-dashboard.property.spec.ts).
 */

/** Counts against the Code target (docs/domain.md, "Timescales"): what "overdue" means everywhere. */
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
  stage: Stage;
  milestone: 'acknowledgement' | 'response';
  /** The Code target (for a response: extensions counted only up to the Code's limit and only if agreed in time). */
  due: CalendarDate;
  /** Responses only: the organisation's own target, which may be later; null for an acknowledgement. */
  organisationDue: CalendarDate | null;
  workingDaysOverdue: number;
  serviceArea: string;
  handler: { id: string; name: string } | null;
}

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
export function dashboardCase(history: readonly ComplaintEvent[], organisation: Organisation, asOf: CalendarDate): DashboardCase | null {
  const events = eventsUpTo(history, asOf);
  const state = fold(complaintDecider, events);
  if (!isReceived(state) || state.status !== 'open') return null;
  const standing = { open: true, stage: state.stage };
  // The stream is read once for both profiles (compareProfiles); only the arithmetic differs.
  const [report, localReport] = compareProfiles(events, organisation.calendar, organisation.localProfile ? [CODE_2024, organisation.localProfile] : [CODE_2024]);
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
export function slaDashboard(histories: readonly (readonly ComplaintEvent[])[], organisation: Organisation, asOf: CalendarDate) {
  const total = emptyCounts();
  const ownTarget = { responsesOverdue: 0, responsesDueSoon: 0 };
  const complaintsOverdue = { againstCode: 0, againstOrganisationTarget: 0 };
  const local = { acknowledgementsOverdue: 0, acknowledgementsDueSoon: 0, responsesOverdue: 0, responsesDueSoon: 0 };
  const byStage = { 1: 0, 2: 0 };
  const extensions = {
    complaintsWithExtensions: 0,
    extensionsAgreed: 0,
    workingDaysAdded: 0,
    workingDaysCountedTowardsCode: 0,
    /** Complaints whose current stage has more extension than the Code's limit (it moves only their own target). */
    beyondCodeLimit: 0,
    /** Of those, the ones with a good reason recorded (Code 6.5): still outside Code timescales. */
    beyondCodeLimitWithGoodReason: 0,
    /** Extensions agreed after the Code target had passed: they cure nothing. */
    agreedAfterCodeTarget: 0,
  };
  const byServiceArea = new Map<string, Counts>();
  const byHandler = new Map<string, { handler: { id: string; name: string } | null } & Counts>();
  const overdue: OverdueItem[] = [];

  for (const history of histories) {
    const c = dashboardCase(history, organisation, asOf);
    if (!c) continue;
    const { acknowledgement, codeResponse, organisationResponse } = c.status;

    const areaCounts = byServiceArea.get(c.serviceArea) ?? emptyCounts();
    byServiceArea.set(c.serviceArea, areaCounts);
    const handlerKey = c.handler?.id ?? '';
    const handlerCounts = byHandler.get(handlerKey) ?? { handler: c.handler, ...emptyCounts() };
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

    for (const [milestone, status] of [['acknowledgement', acknowledgement], ['response', codeResponse]] as const) {
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

  return {
    asOf,
    dueSoonWorkingDays: 2,
    open: { total: total.open, byStage: { stage1: byStage[1], stage2: byStage[2] } },
    // Against the Code target (fixed fields).
    acknowledgements: { overdue: total.acknowledgementsOverdue, dueWithin2WorkingDays: total.acknowledgementsDueSoon },
    responses: { overdue: total.responsesOverdue, dueWithin2WorkingDays: total.responsesDueSoon },
    // Open complaints with an acknowledgement or response overdue (the domain's caseSlaStatus).
    complaintsOverdue,
    // The responses again, against the organisation's own target: what staff work to, never what breaches are counted by.
    organisationTarget: {
      responses: { overdue: ownTarget.responsesOverdue, dueWithin2WorkingDays: ownTarget.responsesDueSoon },
    },
    extensions,
    // The Code and the local policy side by side, milestone by milestone, over the same open complaints.
    codePolicy: {
      profile: CODE_2024.id,
      acknowledgements: { overdue: total.acknowledgementsOverdue, dueWithin2WorkingDays: total.acknowledgementsDueSoon },
      responses: { overdue: total.responsesOverdue, dueWithin2WorkingDays: total.responsesDueSoon },
    },
    // Against the local policy's own timescales (extensions counted up to its limit, as the Code counts them).
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
