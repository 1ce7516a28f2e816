import type { CalendarDate, Stage } from '@complaints/contracts';
import { CODE_2024 } from '@complaints/domain';
import type { Organisation } from '../organisation';

/** Counts against the Code target (docs/domain.md, "Timescales"): what "overdue" means everywhere. */
export interface DashboardCounts {
  open: number;
  acknowledgementsOverdue: number;
  acknowledgementsDueSoon: number;
  responsesOverdue: number;
  responsesDueSoon: number;
}

export const emptyDashboardCounts = (): DashboardCounts => ({
  open: 0,
  acknowledgementsOverdue: 0,
  acknowledgementsDueSoon: 0,
  responsesOverdue: 0,
  responsesDueSoon: 0,
});

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

export interface DashboardExtensions {
  complaintsWithExtensions: number;
  extensionsAgreed: number;
  workingDaysAdded: number;
  workingDaysCountedTowardsCode: number;
  /** Complaints whose current stage has more extension than the Code's limit (it moves only their own target). */
  beyondCodeLimit: number;
  /** Of those, the ones with a good reason recorded (Code 6.5): still outside Code timescales. */
  beyondCodeLimitWithGoodReason: number;
  /** Extensions agreed after the Code target had passed: they cure nothing. */
  agreedAfterCodeTarget: number;
}

/**
 * What the dashboard counted, however it was counted (the SQL over case_fact_versions, or the
 * fold it is proved against): the groups and overdue items in case order (first seen first), so
 * that ties sort the same way whichever counted them.
 */
export interface DashboardParts {
  asOf: CalendarDate;
  total: DashboardCounts;
  byStage: { stage1: number; stage2: number };
  complaintsOverdue: { againstCode: number; againstOrganisationTarget: number };
  ownTarget: { responsesOverdue: number; responsesDueSoon: number };
  extensions: DashboardExtensions;
  /** Against the local policy's timescales: read only when the organisation has one. */
  local: Omit<DashboardCounts, 'open'>;
  byServiceArea: ({ serviceArea: string } & DashboardCounts)[];
  byHandler: ({ handler: { id: string; name: string } | null } & DashboardCounts)[];
  overdue: OverdueItem[];
}

/**
 * The SLA dashboard as of a date (api.md "Reads"), from its counts: open complaints by stage;
 * acknowledgements and responses overdue or due within 2 working days, against the Code target
 * (the fixed `acknowledgements` / `responses`, and `codePolicy`); the same responses against the
 * organisation's own target (`organisationTarget`: extensions beyond the Code's limit included),
 * and against the local policy if there is one; extensions; by service area and by handler.
 */
export function dashboardOf(parts: DashboardParts, organisation: Organisation) {
  const { total, local } = parts;
  const code = {
    acknowledgements: { overdue: total.acknowledgementsOverdue, dueWithin2WorkingDays: total.acknowledgementsDueSoon },
    responses: { overdue: total.responsesOverdue, dueWithin2WorkingDays: total.responsesDueSoon },
  };
  return {
    asOf: parts.asOf,
    dueSoonWorkingDays: 2,
    open: { total: total.open, byStage: parts.byStage },
    // Against the Code target (fixed fields).
    ...code,
    // Open complaints with an acknowledgement or response overdue (the domain's caseSlaStatus).
    complaintsOverdue: parts.complaintsOverdue,
    // The responses again, against the organisation's own target: what staff work to, never what breaches are counted by.
    organisationTarget: {
      responses: { overdue: parts.ownTarget.responsesOverdue, dueWithin2WorkingDays: parts.ownTarget.responsesDueSoon },
    },
    extensions: parts.extensions,
    // The Code and the local policy side by side, milestone by milestone, over the same open complaints.
    codePolicy: { profile: CODE_2024.id, ...code },
    // Against the local policy's own timescales (extensions counted up to its limit, as the Code counts them).
    localPolicy: organisation.localProfile
      ? {
          profile: organisation.localProfile.id,
          acknowledgementsOverdue: local.acknowledgementsOverdue,
          responsesOverdue: local.responsesOverdue,
          acknowledgements: {
            overdue: local.acknowledgementsOverdue,
            dueWithin2WorkingDays: local.acknowledgementsDueSoon,
          },
          responses: { overdue: local.responsesOverdue, dueWithin2WorkingDays: local.responsesDueSoon },
        }
      : null,
    // Stable sorts over groups in case order: ties keep the order they were first seen in.
    byServiceArea: [...parts.byServiceArea].sort((a, b) => a.serviceArea.localeCompare(b.serviceArea)),
    byHandler: [...parts.byHandler].sort((a, b) => (a.handler?.name ?? '').localeCompare(b.handler?.name ?? '')),
    overdue: [...parts.overdue].sort(
      (a, b) => b.workingDaysOverdue - a.workingDaysOverdue || a.reference.localeCompare(b.reference),
    ),
  };
}

export type SlaDashboard = ReturnType<typeof dashboardOf>;
