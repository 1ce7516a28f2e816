import type { CalendarDate, Stage } from '@complaints/contracts';
import type { WorkingDayCalendar } from '../calendar';
import type { SlaReport } from './compute-sla';

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
  /** Against the organisation's target (`responseDue`, extensions included): what staff work to. */
  readonly response: MilestoneStatus;
}

export interface SlaStatusOptions {
  readonly dueSoonWorkingDays?: number;
}

/**
 * Where each stage stood on `asOf`. Meant for complaints still open: for a withdrawn or refused
 * complaint the report keeps its stages as they were, and an unanswered stage reads as overdue.
 */
export function slaStatusAsOf(
  report: SlaReport,
  asOf: CalendarDate,
  calendar: WorkingDayCalendar,
  { dueSoonWorkingDays = 2 }: SlaStatusOptions = {},
): StageSlaStatus[] {
  const milestone = (due: CalendarDate, doneOn: CalendarDate | null): MilestoneStatus => {
    if (doneOn !== null) {
      return { state: doneOn <= due ? 'met' : 'late', due, doneOn, workingDaysOverdue: 0, workingDaysRemaining: 0 };
    }
    if (asOf > due) {
      return { state: 'overdue', due, doneOn, workingDaysOverdue: calendar.workingDaysBetween(due, asOf), workingDaysRemaining: 0 };
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

  return report.stages.map((stage) => ({
    stage: stage.stage,
    acknowledgement: milestone(stage.acknowledgementDue, stage.acknowledgedOn),
    response: milestone(stage.responseDue, stage.respondedOn),
  }));
}
