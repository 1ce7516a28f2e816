import { ERASED, streamCategoryOf, type ComplaintEvent, type EventOfType, type Stage } from '@complaints/contracts';
import { erased } from './erased';
import { caseworkOnReceipt, evolveCasework } from './casework/casework-record';
import { latest } from './instants';
import { evolveRetention, NEW_RETENTION_RECORD } from './retention/retention-record';
import {
  eraseEnquiries,
  eraseRestrictions,
  evolveEnquiries,
  evolveRestrictions,
} from './restrictions/restriction-record';
import {
  eraseCircumstances,
  evolveCircumstances,
  NEW_CIRCUMSTANCES_RECORD,
} from './circumstances/circumstances-record';
import { evolveKeepingInformed, NEW_KEEPING_INFORMED_RECORD } from './circumstances/keeping-informed';
import {
  isReceived,
  latestAnsweredStage,
  newStageRecord,
  type ComplaintState,
  type ReceivedComplaint,
  type StageRecord,
} from './state';

/**
 * Apply one event to the state. Total and pure: every event type is handled, nothing is
 * validated (the events are facts that were already decided), nothing throws. An event other
 * than ComplaintReceived on a complaint never received cannot come from `decide`; it leaves the
 * state unchanged rather than inventing a complaint.
 */
export function evolve(state: ComplaintState, event: ComplaintEvent): ComplaintState {
  if (event.type === 'ComplaintReceived') return received(event);
  // Another record's event (a compliment, a self-assessment statement) never reaches a complaint's stream (the store refuses it there).
  if (!isReceived(state) || streamCategoryOf(event.type) !== 'complaint') return state;
  const next = applyToReceived(state, event);
  return {
    ...next,
    retention: evolveRetention(state.retention, event),
    casework: evolveCasework(state.casework, event),
    keepingInformed: evolveKeepingInformed(state.keepingInformed, event),
    lastActivityAt: latest(next.lastActivityAt, event.data.occurredAt),
  };
}

function received(event: EventOfType<'ComplaintReceived'>): ReceivedComplaint {
  const { data } = event;
  return {
    status: 'open',
    complaintId: data.complaintId,
    reference: data.reference,
    dataSubjectId: data.dataSubjectId,
    receivedAt: data.occurredAt,
    channel: data.channel,
    serviceArea: data.serviceArea,
    category: data.category ?? null,
    tenure: data.tenure ?? null,
    issueKnownSince: data.issueKnownSince ?? null,
    stage: 1,
    handler: null,
    stage1: newStageRecord(1, data.occurredAt, null),
    stage2: null,
    remedyActions: [],
    compensation: { offeredPence: 0, paidPence: 0, payments: [] },
    lessons: [],
    contacts: [],
    closure: null,
    withdrawal: null,
    refusal: null,
    escalationRefusals: [],
    endedAt: null,
    ombudsman: null,
    personalDataErased: null,
    retention: NEW_RETENTION_RECORD,
    restrictions: [],
    enquiries: [],
    circumstances: NEW_CIRCUMSTANCES_RECORD,
    keepingInformed: NEW_KEEPING_INFORMED_RECORD,
    casework: caseworkOnReceipt(event),
    documents: [],
    lettersSent: [],
    lastActivityAt: data.occurredAt,
  };
}

function applyToReceived(
  c: ReceivedComplaint,
  event: Exclude<ComplaintEvent, { type: 'ComplaintReceived' }>,
): ReceivedComplaint {
  switch (event.type) {
    case 'ComplaintRefused': {
      const { data } = event;
      return {
        ...c,
        status: 'refused',
        endedAt: data.occurredAt,
        refusal: {
          refusedAt: data.occurredAt,
          ground: data.ground,
          explanation: data.explanation,
          ombudsmanReferralRightGiven: data.ombudsmanReferralRightGiven,
          issueKnownSince: data.issueKnownSince ?? null,
        },
      };
    }
    case 'ComplaintAcknowledged': {
      const { data } = event;
      const updated = updateStage(c, data.stage, (s) => ({
        ...s,
        acknowledgedAt: data.occurredAt,
        handler: data.handler,
        handlers: [...s.handlers, data.handler],
        participants: withPeople(s.participants, data.handler, data.recordedBy),
        method: data.method ?? null,
        headsOfComplaint: data.headsOfComplaint,
        outcomesSought: data.outcomesSought,
        discretionExercised: data.discretionExercised ?? null,
      }));
      return data.stage === c.stage ? { ...updated, handler: data.handler } : updated;
    }
    case 'ComplaintAssigned': {
      const { data } = event;
      const updated = updateStage(c, data.stage, (s) => ({
        ...s,
        handler: data.handler,
        handlers: [...s.handlers, data.handler],
        participants: withPeople(s.participants, data.handler, data.recordedBy),
      }));
      return data.stage === c.stage ? { ...updated, handler: data.handler } : updated;
    }
    case 'ExtensionAgreed': {
      const { data } = event;
      return updateStage(c, data.stage, (s) => ({
        ...s,
        extensions: [
          ...s.extensions,
          {
            workingDays: data.additionalWorkingDays,
            reason: data.reason,
            at: data.occurredAt,
            residentInformed: data.residentInformed,
            ombudsmanDetailsGiven: data.ombudsmanDetailsGiven,
            goodReason: data.goodReason ?? null,
          },
        ],
      }));
    }
    case 'StageResponseIssued': {
      const { data } = event;
      const offered = data.remedies.compensation.reduce((sum, offer) => sum + offer.amountPence, 0);
      const updated = updateStage(c, data.stage, (s) => ({
        ...s,
        respondedAt: data.occurredAt,
        decisions: data.decisions,
        apology: data.remedies.apology,
        apologyNotGivenReason: data.remedies.apologyNotGivenReason ?? null,
        participants: withPeople(s.participants, data.recordedBy),
        compensationOffered: data.remedies.compensation,
      }));
      return {
        ...updated,
        remedyActions: [
          ...c.remedyActions,
          ...data.remedies.actions.map((action) => ({
            actionId: action.actionId,
            stage: data.stage,
            description: action.description,
            dueBy: action.dueBy,
            completedAt: null,
            evidence: null,
          })),
        ],
        compensation: { ...c.compensation, offeredPence: c.compensation.offeredPence + offered },
      };
    }
    case 'ComplaintEscalated': {
      const { data } = event;
      const escalation = {
        requestedAt: data.occurredAt,
        reason: data.reason ?? null,
        reviewRequestWindow: data.reviewRequestWindow ?? null,
        reopenedClosure: c.status === 'closed' ? c.closure : null,
      };
      // Nobody handles stage 2 until its acknowledgement names the (different) reviewer. A
      // request after a stage 1 closure reopens the complaint; the closure stays on the request.
      return {
        ...c,
        status: 'open',
        endedAt: null,
        closure: null,
        stage: 2,
        handler: null,
        stage2: newStageRecord(2, data.occurredAt, escalation),
      };
    }
    case 'EscalationRefused': {
      const { data } = event;
      return {
        ...c,
        escalationRefusals: [
          ...c.escalationRefusals,
          {
            refusedAt: data.occurredAt,
            requestedAt: data.requestedAt,
            ground: data.ground,
            explanation: data.explanation,
            ombudsmanReferralRightGiven: data.ombudsmanReferralRightGiven,
            issueKnownSince: data.issueKnownSince ?? null,
          },
        ],
      };
    }
    case 'ComplaintClosed': {
      const { data } = event;
      return {
        ...c,
        status: 'closed',
        endedAt: data.occurredAt,
        closure: {
          closedAt: data.occurredAt,
          outcome: data.outcome,
          closedBy: data.closedBy,
          lessonsRecorded: data.lessonsRecorded,
          lessonsNotApplicableReason: data.lessonsNotApplicableReason ?? null,
        },
      };
    }
    case 'ComplaintWithdrawn': {
      const { data } = event;
      return {
        ...c,
        status: 'withdrawn',
        endedAt: data.occurredAt,
        withdrawal: { withdrawnAt: data.occurredAt, reason: data.reason ?? null },
      };
    }
    case 'LessonRecorded': {
      const { data } = event;
      return {
        ...c,
        lessons: [
          ...c.lessons,
          {
            lessonId: data.lessonId,
            recordedAt: data.occurredAt,
            lesson: data.lesson,
            serviceArea: data.serviceArea ?? null,
            rootCause: data.rootCause ?? null,
            improvementAction: data.improvementAction ?? null,
            owner: data.owner ?? null,
            dueBy: data.dueBy ?? null,
            plannedAt: null,
            completion: null,
          },
        ],
      };
    }
    case 'ImprovementActionPlanned': {
      const { data } = event;
      return {
        ...c,
        lessons: c.lessons.map((l) =>
          l.lessonId === data.lessonId ? { ...l, owner: data.owner, dueBy: data.dueBy, plannedAt: data.occurredAt } : l,
        ),
      };
    }
    case 'ImprovementActionCompleted': {
      const { data } = event;
      const completion = {
        completedAt: data.occurredAt,
        whatChanged: data.whatChanged,
        evidence: data.evidence,
        documentId: data.documentId ?? null,
      };
      return { ...c, lessons: c.lessons.map((l) => (l.lessonId === data.lessonId ? { ...l, completion } : l)) };
    }
    case 'ContactLogged': {
      const { data } = event;
      return {
        ...c,
        contacts: [
          ...c.contacts,
          {
            at: data.occurredAt,
            direction: data.direction,
            channel: data.channel,
            reached: data.reached,
            summary: data.summary ?? null,
            with: data.with ?? 'resident',
          },
        ],
      };
    }
    case 'RemedyActionCompleted': {
      const { data } = event;
      return {
        ...c,
        remedyActions: c.remedyActions.map((action) =>
          action.actionId === data.actionId
            ? { ...action, completedAt: data.occurredAt, evidence: data.evidence ?? null }
            : action,
        ),
      };
    }
    case 'CompensationPaid': {
      const { data } = event;
      return {
        ...c,
        compensation: {
          ...c.compensation,
          paidPence: c.compensation.paidPence + data.amountPence,
          payments: [
            ...c.compensation.payments,
            { paidAt: data.occurredAt, amountPence: data.amountPence, kind: data.kind ?? null, method: data.method },
          ],
        },
      };
    }
    case 'SatisfactionRecorded': {
      const { data } = event;
      // One survey per stage. A v1 event names no stage: it is about the latest stage answered
      // when it was recorded, and (as v1 behaved) a later one for that stage replaces it.
      const stage = data.stage ?? latestAnsweredStage(c)?.stage ?? c.stage;
      return updateStage(c, stage, (s) => ({
        ...s,
        satisfaction: {
          recordedAt: data.occurredAt,
          withHandling: data.withHandling,
          withOutcome: data.withOutcome,
          comment: data.comment ?? null,
        },
      }));
    }
    case 'OmbudsmanReferralRecorded': {
      const { data } = event;
      return {
        ...c,
        ombudsman: { reference: data.ombudsmanReference, referredAt: data.occurredAt, determination: null },
      };
    }
    case 'OmbudsmanDeterminationRecorded': {
      const { data } = event;
      return {
        ...c,
        ombudsman: {
          reference: c.ombudsman?.reference ?? data.ombudsmanReference,
          referredAt: c.ombudsman?.referredAt ?? data.occurredAt,
          determination: {
            determinedAt: data.occurredAt,
            findings: data.findings,
            orders: data.orders.map((order) => ({ ...order, compliedAt: null, evidence: null })),
          },
        },
      };
    }
    case 'OmbudsmanOrderComplied': {
      const { data } = event;
      const ombudsman = c.ombudsman;
      if (!ombudsman?.determination) return c;
      return {
        ...c,
        ombudsman: {
          ...ombudsman,
          determination: {
            ...ombudsman.determination,
            orders: ombudsman.determination.orders.map((order) =>
              order.orderId === data.orderId
                ? { ...order, compliedAt: data.occurredAt, evidence: data.evidence }
                : order,
            ),
          },
        },
      };
    }
    case 'PersonalDataErased': {
      const { data } = event;
      // The reason is personal, encrypted under the key this erasure destroys: it is erased with it.
      return {
        ...erasePersonalFields(c),
        personalDataErased: {
          erasedAt: data.occurredAt,
          basis: data.basis ?? null,
          reason: erased(data.reason ?? null),
        },
      };
    }
    case 'LetterSent': {
      const { data } = event;
      return {
        ...c,
        lettersSent: [
          ...c.lettersSent,
          {
            letter: data.letter,
            sentAt: data.occurredAt,
            channel: data.channel,
            recipient: data.recipient,
            sentBy: data.sentBy,
          },
        ],
      };
    }
    // A governance record's event (docs/complaint-handling-code.md): appended to a governance
    // stream, never a complaint's; `evolve` returns before this (no activity either).
    case 'SelfAssessmentStatementRecorded':
      return c;
    // Kept on `retention` (evolveRetention), which `evolve` applies to every event.
    case 'LegalHoldPlaced':
    case 'LegalHoldLifted':
    case 'RetentionErasureApproved':
      return c;
    case 'RestrictionImposed':
    case 'RestrictionReviewed':
    case 'RestrictionLifted':
      return { ...c, restrictions: evolveRestrictions(c.restrictions, event) };
    case 'EnquiryReceived':
    case 'EnquiryAnswered':
      return { ...c, enquiries: evolveEnquiries(c.enquiries, event) };
    case 'VulnerabilityRecorded':
    case 'VulnerabilityEnded':
    case 'ReasonableAdjustmentAgreed':
    case 'ReasonableAdjustmentReviewed':
    case 'EqualityMonitoringRecorded':
      return { ...c, circumstances: evolveCircumstances(c.circumstances, event) };
    // Kept on `keepingInformed` (evolveKeepingInformed), which `evolve` applies to every event.
    case 'UpdateIntervalAgreed':
      return c;
    // Kept on `casework` (evolveCasework), which `evolve` applies to every event.
    case 'PanelParticipationRequested':
    case 'PanelMeetingHeld':
    case 'PanelParticipationDeclined':
    case 'ComplaintLinked':
    case 'RepresentativeAuthorityRecorded':
    case 'RepresentativeAuthorityWithdrawn':
      return c;
    // Added heads join the stage's definition: its response must decide them too.
    case 'HeadsOfComplaintAdded': {
      const { data } = event;
      return updateStage(c, data.stage, (s) => ({
        ...s,
        headsOfComplaint: [...s.headsOfComplaint, ...data.heads],
        participants: withPeople(s.participants, { id: data.recordedBy }),
      }));
    }
    // The feedback item the complaint was raised from: a link, no change to the case (chronology and case view read it).
    case 'ComplaintRaisedFromFeedback':
      return c;
    // Events of feedback streams (libs/domain/src/feedback) never reach a complaint's stream.
    case 'FeedbackReceived':
    case 'FeedbackShared':
    case 'FeedbackPassedToManager':
    case 'ServiceRequestCompleted':
    case 'FeedbackConvertedToComplaint':
      return c;
    case 'DocumentAttached': {
      const { data } = event;
      const document = {
        documentId: data.documentId,
        sha256: data.sha256,
        sizeBytes: data.sizeBytes,
        mediaType: data.mediaType,
        kind: data.kind,
        attachedAt: data.occurredAt,
        attachedBy: data.attachedBy,
      };
      return { ...c, documents: [...c.documents, document] };
    }
    // A reporting year's governance record (governance streams): never on a complaint's stream.
    case 'GoverningBodyResponseRecorded':
    case 'AnnualReportPublished':
      return c;
  }
}

/** People added once each, by staff id, in order; an unknown recorder (v1 events) adds nobody. */
function withPeople(
  ids: readonly string[],
  ...more: readonly ({ readonly id: string } | undefined)[]
): readonly string[] {
  const added = [...ids];
  for (const person of more) if (person && !added.includes(person.id)) added.push(person.id);
  return added;
}

function updateStage(
  c: ReceivedComplaint,
  stage: Stage,
  update: (record: StageRecord) => StageRecord,
): ReceivedComplaint {
  if (stage === 1) return { ...c, stage1: update(c.stage1) };
  return c.stage2 ? { ...c, stage2: update(c.stage2) } : c;
}

/**
 * The state's copy of every field the contracts mark as personal data, replaced by the
 * erased marker: once the key is destroyed the events read that way, and a state folded
 * in memory across the erasure must not keep what the store no longer can.
 */
function erasePersonalFields(c: ReceivedComplaint): ReceivedComplaint {
  const eraseStage = (s: StageRecord): StageRecord => ({
    ...s,
    extensions: s.extensions.map((x) => ({ ...x, reason: ERASED, goodReason: erased(x.goodReason) })),
    escalation: s.escalation && { ...s.escalation, reason: erased(s.escalation.reason) },
    headsOfComplaint: s.headsOfComplaint.map(() => ERASED),
    outcomesSought: s.outcomesSought.map(() => ERASED),
    decisions: s.decisions.map((d) => ({ ...d, head: ERASED, reasons: ERASED })),
    discretionExercised: erased(s.discretionExercised),
    apologyNotGivenReason: erased(s.apologyNotGivenReason),
    satisfaction: s.satisfaction && { ...s.satisfaction, comment: erased(s.satisfaction.comment) },
  });
  return {
    ...c,
    stage1: eraseStage(c.stage1),
    stage2: c.stage2 && eraseStage(c.stage2),
    remedyActions: c.remedyActions.map((a) => ({ ...a, description: ERASED, evidence: erased(a.evidence) })),
    contacts: c.contacts.map((contact) => ({ ...contact, summary: erased(contact.summary) })),
    compensation: { ...c.compensation, payments: c.compensation.payments.map((p) => ({ ...p, method: ERASED })) },
    lessons: c.lessons.map((l) => ({
      ...l,
      lesson: ERASED,
      rootCause: erased(l.rootCause),
      improvementAction: erased(l.improvementAction),
      owner: erased(l.owner),
      completion: l.completion && { ...l.completion, whatChanged: ERASED, evidence: ERASED },
    })),
    closure: c.closure && {
      ...c.closure,
      outcome: ERASED,
      lessonsNotApplicableReason: erased(c.closure.lessonsNotApplicableReason),
    },
    ombudsman: c.ombudsman && {
      ...c.ombudsman,
      determination: c.ombudsman.determination && {
        ...c.ombudsman.determination,
        findings: c.ombudsman.determination.findings.map((f) => ({ ...f, element: ERASED })),
        orders: c.ombudsman.determination.orders.map((o) => ({
          ...o,
          description: ERASED,
          evidence: erased(o.evidence),
        })),
      },
    },
    withdrawal: c.withdrawal && { ...c.withdrawal, reason: erased(c.withdrawal.reason) },
    refusal: c.refusal && { ...c.refusal, explanation: ERASED },
    escalationRefusals: c.escalationRefusals.map((r) => ({ ...r, explanation: ERASED })),
    restrictions: eraseRestrictions(c.restrictions),
    enquiries: eraseEnquiries(c.enquiries),
    circumstances: eraseCircumstances(c.circumstances),
  };
}
