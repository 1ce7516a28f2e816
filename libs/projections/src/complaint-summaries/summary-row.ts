import {
  CODE_2024,
  slaFromStageFacts,
  toLondonDate,
  type PolicyProfile,
  type WorkingDayCalendar,
} from '@complaints/domain';
import type { ComplaintSummaryState } from './summary-state';
import { caseLabelColumns } from '../case-files/case-label-columns';

/** One row of the complaint summaries table, as written (snake_case, dates as YYYY-MM-DD). */
export interface SummaryRow {
  complaint_id: string;
  reference: string;
  status: string;
  stage: number;
  service_area: string;
  category: string | null;
  tenure: string | null;
  handler_id: string | null;
  handler_name: string | null;
  received_at: string;
  received_on: string;
  acknowledgement_due: string;
  acknowledged_on: string | null;
  response_due: string;
  response_due_provisional: boolean;
  responded_on: string | null;
  code_response_due: string;
  extension_working_days: number;
  closed_on: string | null;
  withdrawn_on: string | null;
  refused_on: string | null;
  last_activity_at: string;
  revision: number;
  /** bigint as text: JSON has no 64-bit integers. */
  last_position: string;
  state: ComplaintSummaryState;
}

/**
 * The columns of a complaint's row, derived from its summary state: the current stage's dates
 * come from the domain's SLA engine over the stage facts, under the organisation's calendar.
 */
export function summaryRow(
  state: ComplaintSummaryState,
  lastPosition: bigint,
  calendar: WorkingDayCalendar,
  profile: PolicyProfile = CODE_2024,
): SummaryRow {
  const sla = slaFromStageFacts(state.stageFacts, calendar, profile).stages.find(
    (stage) => stage.stage === state.stage,
  );
  if (!sla) throw new Error(`Complaint ${state.complaintId} is in stage ${state.stage} but has no facts for it`);
  const londonDate = (instant: string | null) => (instant === null ? null : toLondonDate(instant));
  return {
    complaint_id: state.complaintId,
    ...caseLabelColumns(state),
    received_at: state.receivedAt,
    received_on: toLondonDate(state.receivedAt),
    acknowledgement_due: sla.acknowledgementDue,
    acknowledged_on: sla.acknowledgedOn,
    response_due: sla.responseDue,
    response_due_provisional: sla.responseDueIsProvisional,
    responded_on: sla.respondedOn,
    code_response_due: sla.codeResponseDue,
    extension_working_days: sla.extensionWorkingDays,
    closed_on: londonDate(state.closedAt),
    withdrawn_on: londonDate(state.withdrawnAt),
    refused_on: londonDate(state.refusedAt),
    last_activity_at: state.lastActivityAt,
    revision: state.revision,
    last_position: lastPosition.toString(),
    state,
  };
}
