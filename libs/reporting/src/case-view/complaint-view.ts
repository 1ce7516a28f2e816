import type { CalendarDate, EventOfType } from '@complaints/contracts';
import {
  legalHoldOf,
  restrictionsOf,
  stageTwoPanelOf,
  toLondonDate,
  type CaseStanding,
  type MilestoneState,
  type StageSla,
} from '@complaints/domain';
import type { ComplaintEnvelope } from '@complaints/event-store';
import { caseAsOf, type CaseTimings } from '../case-as-of/case-as-of';
import type { Organisation } from '../organisation';
import { circumstancesView, keepingInformedView } from './circumstances-view';

// Where the reports have always found it; it belongs to caseAsOf now.
export { eventsUpTo } from '../case-as-of/events-up-to';

export type SlaStageView = StageSla & {
  /** Where the milestone stood on `asOf`: met / late once done; overdue / due_soon / pending while open. */
  acknowledgementStatus: MilestoneState | null;
  /** The response against the Code target (`codeResponseDue`): the status `withinCodeTimescales` agrees with. */
  codeResponseStatus: MilestoneState | null;
  /** The response against the organisation's own target (`responseDue`). */
  organisationResponseStatus: MilestoneState | null;
  /** Open, unanswered, and the Code's response date has passed: the resident may go to the Ombudsman now. */
  codeResponseDatePassed: boolean;
};

export interface SlaView {
  profile: string;
  asOf: CalendarDate;
  /** The domain's caseSlaStatus: open, and the current stage's acknowledgement or response overdue against the Code target. */
  overdueAgainstCode: boolean;
  /** The same against the organisation's own target. */
  overdueAgainstOrganisationTarget: boolean;
  stages: SlaStageView[];
}

/**
 * GET /complaints/{id}: the case as it stood on `asOf` (caseAsOf), the fixed fields of api.md first
 * (id, reference, status, stage, revision, sla.stages[]), then everything an officer needs.
 * `asOf` is the date SLA statuses are judged on: today, or the date of an "as at" view.
 */
export function complaintView(envelopes: readonly ComplaintEnvelope[], organisation: Organisation, asOf: CalendarDate) {
  const complaint = caseAsOf(
    envelopes.map((e) => e.event),
    asOf,
    organisation.calendar,
    organisation.localProfile,
  );
  if (!complaint) return null;
  const { state, standing } = complaint;
  const received = complaint.events.find((e): e is EventOfType<'ComplaintReceived'> => e.type === 'ComplaintReceived');

  return {
    id: state.complaintId,
    reference: state.reference,
    status: state.status,
    stage: state.stage,
    revision: envelopes.at(-1)?.revision ?? 0,
    sla: slaView(complaint.code, asOf, standing),
    localSla: complaint.local ? slaView(complaint.local, asOf, standing) : null,
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
    /** Stage 2 panel participation (requested, held or declined), or null: docs/domain.md, "Stage 2 panel participation". */
    panelParticipation: stageTwoPanelOf(state),
    /** Complaints linked to this one for an unrelated issue (Code 6.8), each way. */
    linkedComplaints: state.casework.links,
    /** The feedback item this complaint was raised from (GET /api/v1/feedback/{id}), or null. */
    raisedFromFeedback: state.casework.raisedFromFeedback,
    /** Every grant of the representative's authority, with its expiry and withdrawal: docs/domain.md, "Representative authority". */
    representativeAuthority: state.casework.representative.grants,
    /** Legal holds in place (holds; an open Ombudsman case holds too: see legalHold) and what the retention schedule counts from. */
    retention: state.retention,
    personalDataErased: state.personalDataErased,
    /** Restrictions on contact, each with its status on `asOf` (active / review_overdue / lifted: docs/domain.md, "Restrictions"). */
    restrictions: restrictionsOf(state, asOf),
    /** Enquiries from MPs, councillors and representative bodies, answered or not. */
    enquiries: state.enquiries,
    circumstances: circumstancesView(state, asOf),
    keepingInformed: keepingInformedView(state, organisation.calendar, asOf),
    lastActivityAt: state.lastActivityAt,
  };
}

export type ComplaintView = NonNullable<ReturnType<typeof complaintView>>;

/**
 * The SLA block: the domain's figures and its caseSlaStatus, so this view, the list filter, the
 * dashboards and the resident page cannot disagree on "overdue". The response has two statuses
 * with two names, one per target (docs/domain.md, "Timescales"): never one "met" beside
 * `withinCodeTimescales: false`. Under `localSla` the "code" fields are the local policy's.
 */
function slaView({ report, status }: CaseTimings, asOf: CalendarDate, standing: CaseStanding): SlaView {
  return {
    profile: report.profileId,
    asOf,
    overdueAgainstCode: status.overdueAgainstCode,
    overdueAgainstOrganisationTarget: status.overdueAgainstOrganisationTarget,
    stages: report.stages.map((stage, index) => {
      // While the complaint is open, undone milestones are overdue / due soon / pending as of the
      // date; once it has ended they are neither (a withdrawn complaint is not "overdue").
      const asOfStatus = standing.open ? status.stages[index] : undefined;
      return {
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
        codeExtensionWorkingDays: stage.codeExtensionWorkingDays,
        extensionsBeyondLimit: stage.extensionsBeyondLimit,
        extensions: stage.extensions,
        acknowledgementStatus:
          asOfStatus?.acknowledgement.state ?? doneState(stage.acknowledgedOn, stage.acknowledgementDue),
        codeResponseStatus: asOfStatus?.codeResponse.state ?? doneState(stage.respondedOn, stage.codeResponseDue),
        organisationResponseStatus:
          asOfStatus?.organisationResponse.state ?? doneState(stage.respondedOn, stage.responseDue),
        codeResponseDatePassed: asOfStatus?.codeResponseDatePassed ?? false,
      };
    }),
  };
}

function doneState(doneOn: CalendarDate | null, due: CalendarDate): MilestoneState | null {
  if (doneOn === null) return null;
  return doneOn <= due ? 'met' : 'late';
}
