import type { CalendarDate, ComplaintEvent, Stage, Tenure } from '@complaints/contracts';
import { toLondonDate, type WorkingDayCalendar } from '../calendar';
import { CODE_2024, computeSla } from '../sla';
import { isInReportingYear, type ReportingYear } from './reporting-year';

/** One stage response issued in the reporting year: what CH02 counts. */
export interface TsmResponse {
  readonly stage: Stage;
  readonly respondedOn: CalendarDate;
  /**
   * The Code target (`codeResponseDue`): counted from the acknowledgement, moved only by extensions
   * agreed on or before it and only up to the Code's limit, so a back-dated extension cures nothing.
   */
  readonly due: CalendarDate;
  /** The stage's `withinCodeTimescales`, as computeSla decides it: never a second comparison here. */
  readonly withinTimescales: boolean;
}

/**
 * Where one complaint sits in the TSM of one reporting year. The single statement of the
 * counting rules: computeTsm adds these up and the drill-down lists them, so a figure and the
 * complaints behind it cannot disagree.
 */
export interface TsmMembership {
  readonly complaintId: string;
  readonly reference: string;
  readonly tenure: Tenure | null;
  readonly receivedOn: CalendarDate;
  /** The stage 2 request date, if the complaint was escalated (in any year). */
  readonly escalatedOn: CalendarDate | null;
  readonly refusedOn: CalendarDate | null;
  /** CH01 stage 1: received in the year and not refused. */
  readonly ch01Stage1: boolean;
  /** CH01 stage 2: the escalation was requested in the year (whenever the complaint was received). */
  readonly ch01Stage2: boolean;
  /** Received in the year and refused: reported apart, never in CH01. */
  readonly refused: boolean;
  /** CH02: stage responses issued in the year, whenever the complaint was received. */
  readonly responses: readonly TsmResponse[];
}

export function tsmMembership(
  history: readonly ComplaintEvent[],
  period: ReportingYear,
  calendar: WorkingDayCalendar,
): TsmMembership | null {
  const received = history.find((event) => event.type === 'ComplaintReceived');
  if (!received || received.type !== 'ComplaintReceived') return null;
  const receivedOn = toLondonDate(received.data.occurredAt);
  const receivedInYear = isInReportingYear(receivedOn, period);
  const refusal = history.find((event) => event.type === 'ComplaintRefused');
  const escalation = history.find((event) => event.type === 'ComplaintEscalated');
  const escalatedOn = escalation ? toLondonDate(escalation.data.occurredAt) : null;

  const responses: TsmResponse[] = [];
  for (const stage of computeSla(history, calendar, CODE_2024).stages) {
    if (stage.respondedOn === null || !isInReportingYear(stage.respondedOn, period)) continue;
    responses.push({
      stage: stage.stage,
      respondedOn: stage.respondedOn,
      due: stage.codeResponseDue,
      withinTimescales: stage.withinCodeTimescales === true,
    });
  }

  return {
    complaintId: received.data.complaintId,
    reference: received.data.reference,
    tenure: received.data.tenure ?? null,
    receivedOn,
    escalatedOn,
    refusedOn: refusal ? toLondonDate(refusal.data.occurredAt) : null,
    ch01Stage1: receivedInYear && !refusal,
    ch01Stage2: escalatedOn !== null && isInReportingYear(escalatedOn, period),
    // A refusal belongs to the year the complaint was received, alongside the CH01 it stays out of.
    refused: receivedInYear && refusal !== undefined,
    responses,
  };
}

export const TSM_MEASURES = ['ch01-stage1', 'ch01-stage2', 'ch02-stage1', 'ch02-stage2', 'refused'] as const;
export type TsmMeasure = (typeof TSM_MEASURES)[number];

export interface TsmComplaintsQuery {
  readonly measure: TsmMeasure;
  readonly tenure?: Tenure;
  /** CH02 only: just those within (true) or outside (false) Code timescales. */
  readonly withinTimescales?: boolean;
}

export interface TsmComplaint {
  readonly complaintId: string;
  readonly reference: string;
  readonly tenure: Tenure | null;
  readonly receivedOn: CalendarDate;
  readonly escalatedOn: CalendarDate | null;
  readonly refusedOn: CalendarDate | null;
  /** CH02 measures only: the response counted. */
  readonly response?: TsmResponse;
}

/** Does this membership count towards the measure (and the filters)? The response counted for CH02. */
export function tsmEntry(membership: TsmMembership, query: TsmComplaintsQuery): TsmComplaint | null {
  if (query.tenure !== undefined && membership.tenure !== query.tenure) return null;
  const base = {
    complaintId: membership.complaintId,
    reference: membership.reference,
    tenure: membership.tenure,
    receivedOn: membership.receivedOn,
    escalatedOn: membership.escalatedOn,
    refusedOn: membership.refusedOn,
  };
  switch (query.measure) {
    case 'ch01-stage1':
      return membership.ch01Stage1 ? base : null;
    case 'ch01-stage2':
      return membership.ch01Stage2 ? base : null;
    case 'refused':
      return membership.refused ? base : null;
    case 'ch02-stage1':
    case 'ch02-stage2': {
      const stage: Stage = query.measure === 'ch02-stage1' ? 1 : 2;
      const response = membership.responses.find((r) => r.stage === stage);
      if (!response) return null;
      if (query.withinTimescales !== undefined && response.withinTimescales !== query.withinTimescales) return null;
      return { ...base, response };
    }
  }
}
