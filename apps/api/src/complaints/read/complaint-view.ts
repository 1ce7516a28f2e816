import type { CalendarDate, ComplaintEvent, EventOfType } from '@complaints/contracts';
import {
  CODE_2024,
  complaintDecider,
  computeSla,
  fold,
  isReceived,
  legalHoldOf,
  slaStatusAsOf,
  toLondonDate,
  type MilestoneState,
  type SlaReport,
  type StageSla,
} from '@complaints/domain';
import type { ComplaintEnvelope } from '@complaints/event-store';
import type { Organisation } from '../../app/tokens';

export type SlaStageView = StageSla & {
  /** Where the milestone stood on `asOf`: met / late once done; overdue / due_soon / pending while open. */
  acknowledgementStatus: MilestoneState | null;
  responseStatus: MilestoneState | null;
};

export interface SlaView {
  profile: string;
  asOf: CalendarDate;
  stages: SlaStageView[];
}

/**
 * GET /complaints/{id}: the state folded from the stream, the fixed fields of api.md first
 * (id, reference, status, stage, revision, sla.stages[]), then everything an officer needs.
 * `asOf` is the date SLA statuses are judged on: today, or the date of an "as at" view.
 */
export function complaintView(envelopes: readonly ComplaintEnvelope[], organisation: Organisation, asOf: CalendarDate) {
  const events = envelopes.map((e) => e.event);
  const state = fold(complaintDecider, events);
  if (!isReceived(state)) return null;
  const received = events.find((e): e is EventOfType<'ComplaintReceived'> => e.type === 'ComplaintReceived');
  const open = state.status === 'open';
  const slaOf = (report: SlaReport): SlaView => slaView(report, asOf, open, organisation);

  return {
    id: state.complaintId,
    reference: state.reference,
    status: state.status,
    stage: state.stage,
    revision: envelopes.at(-1)?.revision ?? 0,
    sla: slaOf(computeSla(events, organisation.calendar, CODE_2024)),
    localSla: organisation.localProfile ? slaOf(computeSla(events, organisation.calendar, organisation.localProfile)) : null,
    receivedAt: state.receivedAt,
    receivedOn: toLondonDate(state.receivedAt),
    channel: state.channel,
    serviceArea: state.serviceArea,
    category: state.category,
    tenure: state.tenure,
    issueKnownSince: received?.data.issueKnownSince ?? null,
    complainant: received?.data.complainant ?? null,
    representative: received?.data.representative ?? null,
    description: received?.data.description ?? null,
    outcomeSought: received?.data.outcomeSought ?? null,
    handler: state.handler,
    stages: [state.stage1, ...(state.stage2 ? [state.stage2] : [])],
    remedyActions: state.remedyActions,
    compensation: state.compensation,
    lessons: state.lessons,
    contacts: state.contacts,
    closure: state.closure,
    withdrawal: state.withdrawal,
    refusal: state.refusal,
    endedAt: state.endedAt,
    // One survey per stage (issue 11): both are shown, never only the latest.
    satisfaction: { stage1: state.stage1.satisfaction, stage2: state.stage2?.satisfaction ?? null },
    escalationRefusals: state.escalationRefusals,
    ombudsman: state.ombudsman,
    legalHold: legalHoldOf(state),
    personalDataErased: state.personalDataErased,
    lastActivityAt: state.lastActivityAt,
  };
}

export type ComplaintView = NonNullable<ReturnType<typeof complaintView>>;

function slaView(report: SlaReport, asOf: CalendarDate, open: boolean, organisation: Organisation): SlaView {
  // While the complaint is open, undone milestones are overdue / due soon / pending as of the
  // date; once it has ended they are neither (a withdrawn complaint is not "overdue").
  const statuses = open ? slaStatusAsOf(report, asOf, organisation.calendar) : null;
  return {
    profile: report.profileId,
    asOf,
    stages: report.stages.map((stage, index) => ({
      // The fixed fields of api.md first, in its order.
      stage: stage.stage,
      acknowledgementDue: stage.acknowledgementDue,
      acknowledgedOn: stage.acknowledgedOn,
      responseDue: stage.responseDue,
      respondedOn: stage.respondedOn,
      extensionWorkingDays: stage.extensionWorkingDays,
      withinCodeTimescales: stage.withinCodeTimescales,
      startedOn: stage.startedOn,
      codeResponseDue: stage.codeResponseDue,
      responseDueIsProvisional: stage.responseDueIsProvisional,
      acknowledgementLateByWorkingDays: stage.acknowledgementLateByWorkingDays,
      responseLateByWorkingDays: stage.responseLateByWorkingDays,
      extensionsBeyondLimit: stage.extensionsBeyondLimit,
      acknowledgementStatus: statuses?.[index]?.acknowledgement.state ?? doneState(stage.acknowledgedOn, stage.acknowledgementDue),
      responseStatus: statuses?.[index]?.response.state ?? doneState(stage.respondedOn, stage.responseDue),
    })),
  };
}

function doneState(doneOn: CalendarDate | null, due: CalendarDate): MilestoneState | null {
  if (doneOn === null) return null;
  return doneOn <= due ? 'met' : 'late';
}

/** Only the events that had happened by the end of `asOf` (London): the complaint as it stood that day. */
export function eventsUpTo(events: readonly ComplaintEvent[], asOf: CalendarDate): ComplaintEvent[] {
  return events.filter((event) => toLondonDate(event.data.occurredAt) <= asOf);
}
