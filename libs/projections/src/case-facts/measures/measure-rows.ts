import type { CalendarDate, Instant, Stage } from '@complaints/contracts';
import {
  CODE_2024,
  complaintDecider,
  computeSla,
  fold,
  isReceived,
  toLondonDate,
  type StageRecord,
  type WorkingDayCalendar,
} from '@complaints/domain';
import type { CaseFile } from '../../case-files/query-case-files';
import { overallOutcome } from './overall-outcome';

/** What one row counts; reports select on it (with the date) through the (measure, on_date) index. */
export const MEASURES = [
  'received',
  'escalated',
  'acknowledged',
  'responded',
  'extension_agreed',
  'closed',
  'withdrawn',
  'refused',
  'compensation_offered',
  'compensation_paid',
  'lesson_recorded',
  'survey_recorded',
  'ombudsman_referred',
  'ombudsman_determined',
  'ombudsman_finding',
  'ombudsman_order_complied',
  // kind: who from (mp, councillor, other_representative_body); answered: working_days from receipt.
  'enquiry_received',
  'enquiry_answered',
] as const;
export type Measure = (typeof MEASURES)[number];

/**
 * One countable thing that happened to a complaint, on the London date it happened, with the
 * case's labels beside it (service area, category, tenure: fixed at receipt) and the few dates
 * the TSM drill-down lists. Only the columns of its measure are set; the rest are null.
 */
export interface MeasureRow {
  complaint_id: string;
  /** Position of the row among the case's rows: with the id, the key. */
  seq: number;
  measure: Measure;
  on_date: CalendarDate;
  stage: Stage | null;
  reference: string;
  received_on: CalendarDate;
  service_area: string;
  category: string | null;
  tenure: string | null;
  /** The stage 2 request date (any year): TSM CH01 stage 2 and the drill-down. */
  escalated_on: CalendarDate | null;
  /** The refusal date (any year): a refused complaint is never in CH01. */
  refused_on: CalendarDate | null;
  /** Compensation kind ('unspecified' for a payment that names none), refusal ground, Ombudsman finding. */
  kind: string | null;
  /** A response's overall outcome (overallOutcome). */
  decision: string | null;
  /** acknowledged / responded: working days from the stage's start; extension_agreed: days agreed. */
  working_days: number | null;
  /** extension_agreed: the working days that moved the Code target. */
  counted_days: number | null;
  pence: number | null;
  /** ombudsman_determined: orders made. */
  orders: number | null;
  /** acknowledged: after its due date. */
  late: boolean | null;
  /** responded: within the Code target (computeSla's withinCodeTimescales). */
  within_code: boolean | null;
  /** responded: the Code target it was judged against. */
  code_due: CalendarDate | null;
  /** responded at stage 1: the resident went on to stage 2 (whenever they asked). */
  escalated: boolean | null;
  agreed_after_target: boolean | null;
  /** extension_agreed: the stage's extensions agreed so far go beyond the Code's limit (Code 6.5). */
  beyond_limit: boolean | null;
  good_reason: boolean | null;
  with_improvement_action: boolean | null;
  with_handling: string | null;
  with_outcome: string | null;
  /** acknowledged: the complaint definition's heads of complaint are recorded (at stage 2 none given means stage 1's; Code 5.6). */
  defined: boolean | null;
  /** acknowledged: the outcomes the resident is seeking are recorded (Code 5.6). */
  outcomes_recorded: boolean | null;
  /** responded: the response gave an apology (Code 7.1). */
  apology: boolean | null;
}

type Facts = Partial<
  Omit<
    MeasureRow,
    | 'complaint_id'
    | 'seq'
    | 'measure'
    | 'on_date'
    | 'reference'
    | 'received_on'
    | 'service_area'
    | 'category'
    | 'tenure'
    | 'escalated_on'
    | 'refused_on'
  >
>;

const EMPTY: Required<Facts> = {
  stage: null,
  kind: null,
  decision: null,
  working_days: null,
  counted_days: null,
  pence: null,
  orders: null,
  late: null,
  within_code: null,
  code_due: null,
  escalated: null,
  agreed_after_target: null,
  beyond_limit: null,
  good_reason: null,
  with_improvement_action: null,
  with_handling: null,
  with_outcome: null,
  defined: null,
  outcomes_recorded: null,
  apology: null,
};

const dateOf = (at: Instant | null | undefined): CalendarDate | null => (at ? toLondonDate(at) : null);

/**
 * The measures of one complaint's whole current history, read with the domain's own fold and
 * computeSla (the 2024 Code): each dated as the period figures and the TSM count it (volumes on
 * receipt, outcomes and timeliness on the response, payments on payment…), so a report of any
 * period is a range over `on_date`. No text is kept: only labels, dates, numbers and flags.
 */
export function measureRows(file: CaseFile, calendar: WorkingDayCalendar): MeasureRow[] {
  const state = fold(complaintDecider, file.events);
  if (!isReceived(state)) return [];
  const sla = computeSla(file.events, calendar, CODE_2024);
  const stages: StageRecord[] = [state.stage1, ...(state.stage2 ? [state.stage2] : [])];
  const escalatedOn = dateOf(state.stage2 ? (state.stage2.escalation?.requestedAt ?? state.stage2.startedAt) : null);
  const caseColumns = {
    complaint_id: file.complaintId,
    reference: file.reference,
    received_on: toLondonDate(state.receivedAt),
    service_area: state.serviceArea,
    category: state.category,
    tenure: state.tenure,
    escalated_on: escalatedOn,
    refused_on: dateOf(state.refusal?.refusedAt),
  };
  const rows: MeasureRow[] = [];
  const add = (measure: Measure, on: CalendarDate | null, facts: Facts = {}) => {
    if (on === null) return;
    rows.push({ ...caseColumns, ...EMPTY, ...facts, seq: rows.length, measure, on_date: on });
  };

  add('received', caseColumns.received_on);
  add('closed', dateOf(state.closure?.closedAt));
  // A stage 1 closure that an escalation reopened still happened.
  add('closed', dateOf(state.stage2?.escalation?.reopenedClosure?.closedAt));
  add('withdrawn', dateOf(state.withdrawal?.withdrawnAt));
  if (state.refusal) add('refused', caseColumns.refused_on, { kind: state.refusal.ground });
  add('escalated', escalatedOn, { stage: 2 });

  for (const stage of stages) {
    const at = { stage: stage.stage };
    if (stage.satisfaction) {
      add('survey_recorded', dateOf(stage.satisfaction.recordedAt), {
        ...at,
        with_handling: stage.satisfaction.withHandling,
        with_outcome: stage.satisfaction.withOutcome,
      });
    }
    const timing = sla.stages.find((s) => s.stage === stage.stage);
    if (!timing) continue;
    if (timing.acknowledgedOn) {
      add('acknowledged', timing.acknowledgedOn, {
        ...at,
        working_days: calendar.workingDaysBetween(timing.startedOn, timing.acknowledgedOn),
        // A late acknowledgement is its own breach, reported apart (docs/domain.md, "Timescales").
        late: (timing.acknowledgementLateByWorkingDays ?? 0) > 0,
        defined: stage.headsOfComplaint.length > 0 || (stage.stage === 2 && state.stage1.headsOfComplaint.length > 0),
        outcomes_recorded: stage.outcomesSought.length > 0,
      });
    }
    if (timing.respondedOn) {
      add('responded', timing.respondedOn, {
        ...at,
        working_days: calendar.workingDaysBetween(timing.startedOn, timing.respondedOn),
        within_code: timing.withinCodeTimescales === true,
        code_due: timing.codeResponseDue,
        decision: overallOutcome(stage),
        escalated: stage.stage === 1 ? state.stage2 !== null : null,
        apology: stage.apology === true,
      });
      for (const offer of stage.compensationOffered)
        add('compensation_offered', timing.respondedOn, { ...at, kind: offer.kind, pence: offer.amountPence });
    }
    // Each extension as the domain counted it towards the Code target, in the order agreed.
    let agreedSoFar = 0;
    for (const extension of timing.extensions) {
      agreedSoFar += extension.workingDays;
      add('extension_agreed', extension.agreedOn, {
        ...at,
        working_days: extension.workingDays,
        counted_days: extension.countedTowardsCodeWorkingDays,
        agreed_after_target: extension.agreedAfterCodeTarget,
        beyond_limit: agreedSoFar > CODE_2024.stages[stage.stage].maxExtensionWorkingDays,
        good_reason: extension.goodReason,
      });
    }
  }
  for (const payment of state.compensation.payments)
    add('compensation_paid', dateOf(payment.paidAt), {
      kind: payment.kind ?? 'unspecified',
      pence: payment.amountPence,
    });
  for (const lesson of state.lessons) {
    add('lesson_recorded', dateOf(lesson.recordedAt), {
      with_improvement_action: lesson.improvementAction !== null && lesson.improvementAction.trim() !== '',
    });
  }
  if (state.ombudsman) {
    add('ombudsman_referred', dateOf(state.ombudsman.referredAt));
    const determination = state.ombudsman.determination;
    if (determination) {
      const on = dateOf(determination.determinedAt);
      add('ombudsman_determined', on, { orders: determination.orders.length });
      for (const finding of determination.findings) add('ombudsman_finding', on, { kind: finding.finding });
      for (const order of determination.orders) add('ombudsman_order_complied', dateOf(order.compliedAt));
    }
  }
  for (const enquiry of state.enquiries) {
    const receivedOn = toLondonDate(enquiry.receivedAt);
    add('enquiry_received', receivedOn, { kind: enquiry.from });
    const answeredOn = dateOf(enquiry.answeredAt);
    if (answeredOn)
      add('enquiry_answered', answeredOn, {
        kind: enquiry.from,
        working_days: calendar.workingDaysBetween(receivedOn, answeredOn),
      });
  }
  return rows;
}
