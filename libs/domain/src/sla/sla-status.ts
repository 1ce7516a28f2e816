import type { CalendarDate, Stage } from '@complaints/contracts';
import type { WorkingDayCalendar } from '../calendar';
import type { SlaReport, StageSla } from './compute-sla';

/**
 * - met: done on or before the due date
 * - late: done after the due date
 * - overdue: not done, and the due date has passed
 * - due_soon: not done, due within the next N working days (or today)
 * - pending: not done, due later than that
 */
export type MilestoneState = 'met' | 'late' | 'overdue' | 'due_soon' | 'pending';

export interface MilestoneStatus {
  readonly state: MilestoneState;
  readonly due: CalendarDate;
  readonly doneOn: CalendarDate | null;
  /** Working days after the due date up to asOf, while not done; 0 otherwise. */
  readonly workingDaysOverdue: number;
  /** Working days from asOf up to the due date, while not done; 0 otherwise. */
  readonly workingDaysRemaining: number;
}

export interface StageSlaStatus {
  readonly stage: Stage;
  readonly acknowledgement: MilestoneStatus;
  /** Against the Code target (`codeResponseDue`): what the Ombudsman, CH02 and "overdue" count. */
  readonly codeResponse: MilestoneStatus;
  /** Against the organisation's own target (`responseDue`, extensions beyond the Code's limit included). */
  readonly organisationResponse: MilestoneStatus;
  /** The acknowledgement or the response is overdue against the Code on asOf. */
  readonly overdueAgainstCode: boolean;
  /** The Code's response date has passed without a response (the resident may go to the Ombudsman). */
  readonly codeResponseDatePassed: boolean;
}

export interface SlaStatusOptions {
  readonly dueSoonWorkingDays?: number;
}

/**
 * Where each stage stood on `asOf`, against both targets. The one place statuses are derived:
 * every view that says pending, due soon, overdue, met or late asks here.
 */
export function slaStatusAsOf(
  report: SlaReport,
  asOf: CalendarDate,
  calendar: WorkingDayCalendar,
  options: SlaStatusOptions = {},
): StageSlaStatus[] {
  return report.stages.map((stage) => stageStatusAsOf(stage, asOf, calendar, options));
}

export function stageStatusAsOf(
  stage: StageSla,
  asOf: CalendarDate,
  calendar: WorkingDayCalendar,
  { dueSoonWorkingDays = 2 }: SlaStatusOptions = {},
): StageSlaStatus {
  const milestone = (due: CalendarDate, doneOn: CalendarDate | null): MilestoneStatus => {
    if (doneOn !== null) {
      return { state: doneOn <= due ? 'met' : 'late', due, doneOn, workingDaysOverdue: 0, workingDaysRemaining: 0 };
    }
    if (asOf > due) {
      return {
        state: 'overdue',
        due,
        doneOn,
        workingDaysOverdue: calendar.workingDaysBetween(due, asOf),
        workingDaysRemaining: 0,
      };
    }
    const workingDaysRemaining = calendar.workingDaysBetween(asOf, due);
    return {
      state: workingDaysRemaining <= dueSoonWorkingDays ? 'due_soon' : 'pending',
      due,
      doneOn,
      workingDaysOverdue: 0,
      workingDaysRemaining,
    };
  };
  const acknowledgement = milestone(stage.acknowledgementDue, stage.acknowledgedOn);
  const codeResponse = milestone(stage.codeResponseDue, stage.respondedOn);
  return {
    stage: stage.stage,
    acknowledgement,
    codeResponse,
    organisationResponse: milestone(stage.responseDue, stage.respondedOn),
    overdueAgainstCode: acknowledgement.state === 'overdue' || codeResponse.state === 'overdue',
    codeResponseDatePassed: codeResponse.state === 'overdue',
  };
}

/** What a case-level view needs: is the case open on asOf, and at which stage. */
export interface CaseStanding {
  readonly open: boolean;
  readonly stage: Stage;
}

export interface CaseSlaStatus {
  readonly stages: readonly StageSlaStatus[];
  /** The current stage's status while the case is open on asOf; null once it has ended. */
  readonly current: StageSlaStatus | null;
  /** Open, and its current stage's acknowledgement or response is overdue against the Code. */
  readonly overdueAgainstCode: boolean;
  /** Open, and its current stage's response is overdue against the organisation's own target. */
  readonly overdueAgainstOrganisationTarget: boolean;
}

/**
 * The case-level answer every list filter, queue, dashboard, resident page and panel view uses,
 * so no two of them can disagree on whether a case is overdue. An ended case (closed, withdrawn,
 * refused) is never overdue: what it missed shows as late, or in its stage statuses.
 */
export function caseSlaStatus(
  report: SlaReport,
  standing: CaseStanding,
  asOf: CalendarDate,
  calendar: WorkingDayCalendar,
  options: SlaStatusOptions = {},
): CaseSlaStatus {
  const stages = slaStatusAsOf(report, asOf, calendar, options);
  const current = standing.open ? (stages.find((s) => s.stage === standing.stage) ?? null) : null;
  return {
    stages,
    current,
    overdueAgainstCode: current?.overdueAgainstCode ?? false,
    overdueAgainstOrganisationTarget:
      current !== null &&
      (current.acknowledgement.state === 'overdue' || current.organisationResponse.state === 'overdue'),
  };
}
