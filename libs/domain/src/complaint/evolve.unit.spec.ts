import { ERASED, type ComplaintEvent, type ComplaintEventType } from '@complaints/contracts';
import { describe, expect, it } from 'vitest';
import { fold } from '../decider';
import { complaintDecider } from './complaint-decider';
import { evolve } from './evolve';
import { initialState, type ComplaintState, type ReceivedComplaint } from './state';
import { checkCircumstancesErased, circumstancesFoldChecks } from './circumstances/testing/fold-checks';
import { caseworkAt, caseworkEvents } from './testing/casework-fixtures';
import {
  at,
  COMPLAINT_ID,
  DATA_SUBJECT_ID,
  events,
  HEADS,
  history,
  manager,
  otherOfficer,
  REFERENCE,
  stageOneHandler,
  stageTwoHandler,
} from './testing/fixtures';

function received(state: ComplaintState): ReceivedComplaint {
  if (state.status === 'not_received') expect.fail('expected a received complaint');
  return state;
}

const foldAll = (events: readonly ComplaintEvent[]) => received(fold(complaintDecider, events));

/** One check per event type; the mapped type makes a missing event type a compile error. */
const foldsOf: { [K in ComplaintEventType]: () => void } = {
  ComplaintReceived: () => {
    expect(foldAll(history.received)).toEqual({
      status: 'open',
      complaintId: COMPLAINT_ID,
      reference: REFERENCE,
      dataSubjectId: DATA_SUBJECT_ID,
      receivedAt: at.received,
      channel: 'phone',
      serviceArea: 'Repairs',
      category: 'Damp and mould',
      tenure: 'LCRA',
      issueKnownSince: '2025-11-10',
      stage: 1,
      handler: null,
      stage1: {
        stage: 1,
        startedAt: at.received,
        escalation: null,
        acknowledgedAt: null,
        handler: null,
        handlers: [],
        participants: [],
        method: null,
        headsOfComplaint: [],
        outcomesSought: [],
        discretionExercised: null,
        extensions: [],
        respondedAt: null,
        decisions: [],
        apology: null,
        apologyNotGivenReason: null,
        compensationOffered: [],
        satisfaction: null,
      },
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
      retention: { endedAt: null, ombudsman: null, holds: [], holdsPlaced: 0, erasedAt: null },
      restrictions: [],
      enquiries: [],
      circumstances: { vulnerabilities: [], adjustments: [], equalityMonitoringRecordedAt: null },
      keepingInformed: { updateInterval: null, lastOutboundContactAt: null },
      casework: {
        panel: null,
        links: [],
        raisedFromFeedback: null,
        representative: { namedAtReceipt: false, grants: [] },
      },
      documents: [],
      lettersSent: [],
      lastActivityAt: at.received,
    });
  },
  ComplaintRefused: () => {
    expect(foldAll(history.refused)).toMatchObject({
      status: 'refused',
      endedAt: '2026-03-03T15:00:00Z',
      refusal: { refusedAt: '2026-03-03T15:00:00Z', ground: 'legal_proceedings', ombudsmanReferralRightGiven: true },
    });
  },
  ComplaintAcknowledged: () => {
    const state = foldAll(history.stage1Acknowledged);
    expect(state.handler).toEqual(stageOneHandler);
    expect(state.stage1).toMatchObject({
      acknowledgedAt: at.stage1Acknowledged,
      handler: stageOneHandler,
      handlers: [stageOneHandler],
      method: 'letter',
      headsOfComplaint: HEADS,
      outcomesSought: ['Permanent repair of the damp', 'Compensation for damaged bedding'],
    });
  },
  ComplaintAssigned: () => {
    const state = foldAll([...history.stage1Acknowledged, events.assigned(1, otherOfficer, '2026-03-09T09:00:00Z')]);
    expect(state.handler).toEqual(otherOfficer);
    expect(state.stage1.handlers).toEqual([stageOneHandler, otherOfficer]);
  },
  ExtensionAgreed: () => {
    const state = foldAll([...history.stage1Acknowledged, events.extended(1)]);
    expect(state.stage1.extensions).toEqual([
      {
        workingDays: 5,
        reason: 'Waiting for the damp surveyor report',
        at: at.stage1Extended,
        residentInformed: true,
        ombudsmanDetailsGiven: true,
        goodReason: null,
      },
    ]);
  },
  StageResponseIssued: () => {
    const state = foldAll(history.stage1Responded);
    expect(state.stage1).toMatchObject({
      respondedAt: at.stage1Responded,
      apology: true,
      decisions: [{ head: HEADS[0] }, { head: HEADS[1] }],
    });
    expect(state.remedyActions).toEqual([
      {
        actionId: 'S1-A1',
        stage: 1,
        description: 'Install an extractor fan in the bedroom',
        dueBy: '2026-05-15',
        completedAt: null,
        evidence: null,
      },
    ]);
    expect(state.compensation.offeredPence).toBe(5000);
  },
  EscalationRefused: () => {
    expect(foldAll([...history.stage1Responded, events.escalationRefused('2026-03-26T10:00:00Z')])).toMatchObject({
      status: 'open',
      stage: 1,
      escalationRefusals: [
        {
          refusedAt: '2026-03-26T10:00:00Z',
          requestedAt: at.escalated,
          ground: 'legal_proceedings',
          explanation: 'The resident has issued a disrepair claim about the same damp',
          ombudsmanReferralRightGiven: true,
          issueKnownSince: null,
        },
      ],
    });
  },
  ComplaintEscalated: () => {
    const state = foldAll(history.escalated);
    expect(state).toMatchObject({ stage: 2, handler: null });
    expect(state.stage2).toMatchObject({
      stage: 2,
      startedAt: at.escalated,
      escalation: { requestedAt: at.escalated, reason: 'The mould is back and the fan has not been fitted' },
      acknowledgedAt: null,
    });
    // Stage 1 keeps its own record.
    expect(state.stage1.respondedAt).toBe(at.stage1Responded);
  },
  ComplaintClosed: () => {
    expect(foldAll(history.closed)).toMatchObject({
      status: 'closed',
      endedAt: at.closed,
      closure: {
        closedAt: at.closed,
        closedBy: { id: manager.id, name: manager.name },
        lessonsRecorded: 1,
        lessonsNotApplicableReason: null,
      },
    });
  },
  ComplaintWithdrawn: () => {
    expect(foldAll(history.withdrawn)).toMatchObject({
      status: 'withdrawn',
      endedAt: '2026-03-06T12:00:00Z',
      withdrawal: { withdrawnAt: '2026-03-06T12:00:00Z', reason: 'The repair was done and the resident is happy' },
    });
  },
  LessonRecorded: () => {
    expect(foldAll(history.closed).lessons).toEqual([
      {
        lessonId: 'L1',
        recordedAt: at.lessonRecorded,
        lesson: 'Mould washes were treated as a fix without finding the cause',
        serviceArea: null,
        rootCause: 'No damp survey was required before closing a mould job',
        improvementAction: 'Repairs to book a damp survey on any second mould report within 12 months',
        owner: 'Head of Repairs',
        dueBy: '2026-07-31',
        plannedAt: null,
        completion: null,
      },
    ]);
  },
  ContactLogged: () => {
    expect(foldAll([...history.received, events.contactLogged('2026-03-03T10:00:00Z')]).contacts).toEqual([
      {
        at: '2026-03-03T10:00:00Z',
        direction: 'outbound',
        channel: 'phone',
        reached: true,
        summary: 'Agreed a surveyor visit on 10 March',
        with: 'resident',
      },
    ]);
  },
  RemedyActionCompleted: () => {
    const state = foldAll([...history.closed, events.remedyCompleted('S2-A1', '2026-05-12T14:00:00+01:00')]);
    expect(state.remedyActions.map((a) => [a.actionId, a.completedAt, a.evidence])).toEqual([
      ['S1-A1', null, null],
      ['S2-A1', '2026-05-12T14:00:00+01:00', 'Job 88412: extractor fan fitted and tested'],
    ]);
  },
  CompensationPaid: () => {
    const state = foldAll([
      ...history.closed,
      events.compensationPaid('2026-04-24T10:00:00+01:00'),
      events.compensationPaid('2026-05-01T10:00:00+01:00', 15000),
    ]);
    expect(state.compensation).toEqual({
      offeredPence: 20000,
      paidPence: 20000,
      payments: [
        { paidAt: '2026-04-24T10:00:00+01:00', amountPence: 5000, kind: 'time_and_trouble', method: 'BACS' },
        { paidAt: '2026-05-01T10:00:00+01:00', amountPence: 15000, kind: 'time_and_trouble', method: 'BACS' },
      ],
    });
  },
  SatisfactionRecorded: () => {
    expect(
      foldAll([...history.closed, events.satisfactionRecorded('2026-05-20T10:00:00+01:00')]).stage2?.satisfaction,
    ).toEqual({
      recordedAt: '2026-05-20T10:00:00+01:00',
      withHandling: 'fairly_satisfied',
      withOutcome: 'very_satisfied',
      comment: 'Fan has made a big difference',
    });
  },
  OmbudsmanReferralRecorded: () => {
    expect(foldAll([...history.closed, events.referred()]).ombudsman).toEqual({
      reference: '202612345',
      referredAt: '2026-05-11T10:00:00+01:00',
      determination: null,
    });
  },
  OmbudsmanDeterminationRecorded: () => {
    expect(foldAll([...history.closed, events.referred(), events.determined()]).ombudsman).toEqual({
      reference: '202612345',
      referredAt: '2026-05-11T10:00:00+01:00',
      determination: {
        determinedAt: '2026-06-01T10:00:00+01:00',
        findings: [{ element: 'Response to reports of damp and mould', finding: 'maladministration' }],
        orders: [
          {
            orderId: 'O1',
            description: 'Pay the resident £300 for distress and inconvenience',
            dueBy: '2026-08-14',
            compliedAt: null,
            evidence: null,
          },
        ],
      },
    });
  },
  OmbudsmanOrderComplied: () => {
    const state = foldAll([...history.closed, events.referred(), events.determined(), events.orderComplied()]);
    expect(state.ombudsman?.determination?.orders).toEqual([
      {
        orderId: 'O1',
        description: 'Pay the resident £300 for distress and inconvenience',
        dueBy: '2026-08-14',
        compliedAt: '2026-06-15T10:00:00+01:00',
        evidence: 'BACS remittance 2026-06-15 for £300',
      },
    ]);
  },
  PersonalDataErased: () => {
    const before = foldAll([
      ...history.closed,
      events.remedyCompleted('S1-A1', '2026-05-01T10:00:00+01:00'),
      events.satisfactionRecorded('2026-05-20T10:00:00+01:00'),
      events.compensationPaid('2026-05-21T10:00:00+01:00'),
    ]);
    const extendedBefore = foldAll([...history.stage1Acknowledged, events.extended(1)]);
    const extendedAfter = received(evolve(extendedBefore, events.personalDataErased('2032-04-22T10:00:00+01:00')));
    const after = received(evolve(before, events.personalDataErased('2032-04-22T10:00:00+01:00')));
    // The erasure's own reason is personal, encrypted under the key it destroys: erased with it.
    expect(after.personalDataErased).toEqual({
      erasedAt: '2032-04-22T10:00:00+01:00',
      basis: 'data_subject_request',
      reason: ERASED,
    });
    // Every field the contracts mark personal now reads as erased…
    expect(after.stage1.headsOfComplaint).toEqual([ERASED, ERASED]);
    expect(after.stage1.outcomesSought).toEqual([ERASED, ERASED]);
    expect(after.stage2?.decisions.map((d) => [d.head, d.reasons])).toEqual([
      [ERASED, ERASED],
      [ERASED, ERASED],
    ]);
    expect(after.stage2?.escalation?.reason).toBe(ERASED);
    expect(after.remedyActions.map((a) => [a.description, a.evidence])).toEqual([
      [ERASED, ERASED],
      [ERASED, null],
    ]);
    expect(after.stage2?.satisfaction?.comment).toBe(ERASED);
    // …the staff's free text about the case too (issue 12)…
    expect(
      [
        before.lessons.length,
        received(extendedBefore).stage1.extensions.length,
        before.compensation.payments.length,
      ].every((n) => n > 0),
    ).toBe(true);
    expect(after.closure).toMatchObject({ outcome: ERASED, closedBy: before.closure?.closedBy });
    expect(after.lessons.map((l) => [l.lessonId, l.lesson])).toEqual(before.lessons.map((l) => [l.lessonId, ERASED]));
    const made = received(
      evolve(
        foldAll([...history.closed, events.improvementActionCompleted('L1', '2026-06-01T10:00:00+01:00')]),
        events.personalDataErased('2032-04-22T10:00:00+01:00'),
      ),
    );
    expect(made.lessons[0]?.completion).toMatchObject({
      completedAt: '2026-06-01T10:00:00+01:00',
      whatChanged: ERASED,
      evidence: ERASED,
    });
    expect(extendedAfter.stage1.extensions.map((x) => [x.workingDays, x.reason])).toEqual(
      received(extendedBefore).stage1.extensions.map((x) => [x.workingDays, ERASED]),
    );
    expect(after.compensation.payments.map((p) => [p.amountPence, p.method])).toEqual(
      before.compensation.payments.map((p) => [p.amountPence, ERASED]),
    );
    // …while the facts the statistics need stay.
    expect(after).toMatchObject({
      status: 'closed',
      stage: 2,
      compensation: { offeredPence: 20000 },
      stage2: { decisions: [{ outcome: 'upheld' }, { outcome: 'upheld' }] },
    });
    expect(after.retention.erasedAt).toBe('2032-04-22T10:00:00+01:00');
  },
  LegalHoldPlaced: () => {
    const state = foldAll([...history.closed, events.legalHoldPlaced('LH1', '2027-02-01T10:00:00Z')]);
    expect(state.retention).toMatchObject({
      holds: [{ holdId: 'LH1', category: 'litigation', placedAt: '2027-02-01T10:00:00Z', placedBy: 'u-900' }],
      holdsPlaced: 1,
    });
  },
  LegalHoldLifted: () => {
    const state = foldAll([
      ...history.closed,
      events.legalHoldPlaced('LH1'),
      events.legalHoldPlaced('LH2'),
      events.legalHoldLifted('LH1'),
    ]);
    expect(state.retention.holds.map((h) => h.holdId)).toEqual(['LH2']);
    expect(state.retention.holdsPlaced).toBe(2);
  },
  RetentionErasureApproved: () => {
    const approval: ComplaintEvent = {
      type: 'RetentionErasureApproved',
      data: {
        occurredAt: '2032-04-22T10:00:00+01:00',
        approvedBy: 'u-900',
        retentionYears: 6,
        retentionFrom: '2026-04-21',
        dueOn: '2032-04-21',
      },
    };
    // The approval is a record of who decided; the erasure itself is the PersonalDataErased after it.
    const withApproval = foldAll([...history.closed, approval]);
    expect({ ...withApproval, lastActivityAt: null }).toEqual({ ...foldAll(history.closed), lastActivityAt: null });
    expect(withApproval.personalDataErased).toBeNull();
  },
  RestrictionImposed: () => {
    expect(foldAll([...history.stage1Acknowledged, events.restrictionImposed()]).restrictions).toEqual([
      {
        restrictionId: 'R1',
        kind: 'single_point_of_contact',
        reason: 'Forty calls in a week to different staff, some abusive',
        terms: 'Contact the case handler only, by phone on Tuesdays',
        approvedBy: { id: manager.id, name: manager.name },
        imposedAt: '2026-03-05T10:00:00Z',
        reviewDue: '2026-06-05',
        reviews: [],
        liftedAt: null,
        liftedBy: null,
        liftReason: null,
      },
    ]);
  },
  RestrictionReviewed: () => {
    const varied: ComplaintEvent = {
      type: 'RestrictionReviewed',
      data: {
        occurredAt: '2026-09-01T10:00:00+01:00',
        restrictionId: 'R1',
        outcome: 'varied',
        terms: 'Email only',
        reviewedBy: { id: manager.id, name: manager.name },
        nextReviewDue: '2026-12-01',
      },
    };
    const [r] = foldAll([
      ...history.stage1Acknowledged,
      events.restrictionImposed(),
      events.restrictionReviewed(),
      varied,
    ]).restrictions;
    // The review date moves with each review; a continued review keeps the terms, a varied one replaces them.
    expect(r).toMatchObject({ reviewDue: '2026-12-01', terms: 'Email only', liftedAt: null });
    expect(r?.reviews.map((x) => [x.outcome, x.nextReviewDue, x.notes])).toEqual([
      ['continued', '2026-09-01', 'Calls now weekly, as agreed'],
      ['varied', '2026-12-01', null],
    ]);
  },
  RestrictionLifted: () => {
    const [r] = foldAll([
      ...history.stage1Acknowledged,
      events.restrictionImposed(),
      events.restrictionLifted(),
    ]).restrictions;
    expect(r).toMatchObject({
      liftedAt: '2026-06-10T10:00:00+01:00',
      liftedBy: { id: manager.id },
      liftReason: 'Behaviour has improved',
    });
  },
  EnquiryReceived: () => {
    expect(foldAll([...history.stage1Acknowledged, events.enquiryReceived()]).enquiries).toEqual([
      {
        enquiryId: 'E1',
        from: 'mp',
        who: 'Jane Smith MP',
        summary: 'Asks why the damp has not been treated',
        receivedAt: '2026-03-06T10:00:00Z',
        answeredAt: null,
        answeredBy: null,
      },
    ]);
  },
  EnquiryAnswered: () => {
    const [e] = foldAll([...history.stage1Acknowledged, events.enquiryReceived(), events.enquiryAnswered()]).enquiries;
    expect(e).toMatchObject({ answeredAt: '2026-03-10T10:00:00Z', answeredBy: 'letter' });
  },
  ...circumstancesFoldChecks,
  // Issue 15's casework: the rules and reads are in stage-two-panel.unit.spec.ts, related-issues.unit.spec.ts, representative-authority.unit.spec.ts.
  PanelParticipationRequested: () => {
    expect(foldAll([...history.stage2Acknowledged, caseworkEvents.panelRequested()]).casework.panel).toEqual({
      requestedAt: caseworkAt.panelRequested,
      requestedBy: 'resident',
      meeting: null,
      declined: null,
    });
  },
  PanelMeetingHeld: () => {
    expect(
      foldAll([...history.stage2Acknowledged, caseworkEvents.panelRequested(), caseworkEvents.panelHeld()]).casework
        .panel?.meeting,
    ).toMatchObject({ heldOn: caseworkAt.panelHeldOn });
  },
  PanelParticipationDeclined: () => {
    expect(
      foldAll([...history.stage2Acknowledged, caseworkEvents.panelRequested(), caseworkEvents.panelDeclined()]).casework
        .panel?.declined,
    ).toMatchObject({ reason: 'No panel member free before the response is due' });
  },
  HeadsOfComplaintAdded: () => {
    const state = foldAll([
      ...history.stage1Acknowledged,
      caseworkEvents.headsAdded(1, ['Noise at night'], '2026-03-10T10:00:00Z'),
    ]);
    expect(state.stage1.headsOfComplaint).toEqual([...HEADS, 'Noise at night']);
  },
  ComplaintLinked: () => {
    const linked: ComplaintEvent = {
      type: 'ComplaintLinked',
      data: {
        occurredAt: '2026-03-10T10:00:00Z',
        relation: 'new_complaint_logged',
        linkedComplaintId: 'c-2',
        linkedReference: 'CMP-2026-00500',
        stage: 1,
      },
    };
    expect(foldAll([...history.stage1Acknowledged, linked]).casework.links).toEqual([
      {
        relation: 'new_complaint_logged',
        complaintId: 'c-2',
        reference: 'CMP-2026-00500',
        stage: 1,
        linkedAt: '2026-03-10T10:00:00Z',
      },
    ]);
  },
  RepresentativeAuthorityRecorded: () => {
    expect(
      foldAll([...history.received, caseworkEvents.authorityRecorded()]).casework.representative.grants,
    ).toHaveLength(1);
  },
  RepresentativeAuthorityWithdrawn: () => {
    const state = foldAll([
      ...history.received,
      caseworkEvents.authorityRecorded(),
      caseworkEvents.authorityWithdrawn('2026-03-10T10:00:00Z'),
    ]);
    expect(state.casework.representative.grants[0]?.withdrawnAt).toBe('2026-03-10T10:00:00Z');
  },
  DocumentAttached: () => {
    const state = foldAll([
      ...history.stage1Acknowledged,
      events.documentAttached('D1'),
      events.documentAttached('D2'),
    ]);
    expect(state.documents.map((d) => d.documentId)).toEqual(['D1', 'D2']);
    // Nothing personal on the state: the file name stays in the event, encrypted.
    expect(state.documents[0]).toEqual({
      documentId: 'D1',
      sha256: 'a'.repeat(64),
      sizeBytes: 1_200_000,
      mediaType: 'image/jpeg',
      kind: 'photo',
      attachedAt: '2026-03-10T10:00:00Z',
      attachedBy: 'u-101',
    });
  },
  // A link to the feedback item the complaint was raised from, kept on the casework (the case view shows it).
  ComplaintRaisedFromFeedback: () => {
    const raised: ComplaintEvent = {
      type: 'ComplaintRaisedFromFeedback',
      data: { occurredAt: at.received, feedbackId: 'f-1', kind: 'service_request' },
    };
    const state = foldAll([...history.received, raised]);
    expect(state.casework.raisedFromFeedback).toEqual({ feedbackId: 'f-1', kind: 'service_request' });
    expect({ ...state, casework: { ...state.casework, raisedFromFeedback: null } }).toEqual(foldAll(history.received));
  },
  // Feedback streams' events never reach a complaint's stream; folded by mistake they change nothing.
  FeedbackReceived: () => {
    const event: ComplaintEvent = {
      type: 'FeedbackReceived',
      data: {
        occurredAt: at.received,
        feedbackId: 'f-1',
        dataSubjectId: 'ds-f',
        kind: 'comment',
        channel: 'phone',
        serviceArea: 'Repairs',
        summary: 'Said the van was late.',
      },
    };
    expect(foldAll([...history.received, event])).toEqual(foldAll(history.received));
  },
  FeedbackShared: () => {
    const event: ComplaintEvent = {
      type: 'FeedbackShared',
      data: { occurredAt: at.received, sharedWith: 'Repairs team', sharedBy: 'u-1' },
    };
    expect(foldAll([...history.received, event])).toEqual(foldAll(history.received));
  },
  FeedbackPassedToManager: () => {
    const event: ComplaintEvent = {
      type: 'FeedbackPassedToManager',
      data: { occurredAt: at.received, manager: 'A Manager', passedBy: 'u-1' },
    };
    expect(foldAll([...history.received, event])).toEqual(foldAll(history.received));
  },
  ServiceRequestCompleted: () => {
    const event: ComplaintEvent = {
      type: 'ServiceRequestCompleted',
      data: { occurredAt: at.received, completedBy: 'u-1' },
    };
    expect(foldAll([...history.received, event])).toEqual(foldAll(history.received));
  },
  FeedbackConvertedToComplaint: () => {
    const event: ComplaintEvent = {
      type: 'FeedbackConvertedToComplaint',
      data: { occurredAt: at.received, complaintId: 'c-9', reference: 'CMP-2026-00009' },
    };
    expect(foldAll([...history.received, event])).toEqual(foldAll(history.received));
  },
  LetterSent: () => {
    const letter: ComplaintEvent = {
      type: 'LetterSent',
      data: {
        occurredAt: '2026-03-20T17:00:00Z',
        letter: 'response-1',
        channel: 'letter',
        recipient: 'resident',
        sentBy: stageOneHandler,
      },
    };
    const state = foldAll([...history.stage1Responded, letter]);
    expect(state.lettersSent).toEqual([
      {
        letter: 'response-1',
        sentAt: '2026-03-20T17:00:00Z',
        channel: 'letter',
        recipient: 'resident',
        sentBy: stageOneHandler,
      },
    ]);
    expect(state.lastActivityAt).toBe('2026-03-20T17:00:00Z');
  },
  // Governance records' events (their own streams and decider, governance/annual-report.ts) leave a complaint as it was.
  GoverningBodyResponseRecorded: () => {
    const before = foldAll(history.stage1Responded);
    expect(
      evolve(before, {
        type: 'GoverningBodyResponseRecorded',
        data: { occurredAt: '2026-06-18T17:00:00Z', year: 2025, body: 'Board', response: 'Noted.', recordedBy: 'u-42' },
      }),
    ).toBe(before);
  },
  AnnualReportPublished: () => {
    const before = foldAll(history.stage1Responded);
    expect(
      evolve(before, {
        type: 'AnnualReportPublished',
        data: { occurredAt: '2026-06-30T09:00:00Z', year: 2025, publishedBy: 'u-42' },
      }),
    ).toBe(before);
  },
  SelfAssessmentStatementRecorded: () => {
    // A governance stream's event: were one ever folded into a complaint, it would change nothing.
    const statement: ComplaintEvent = {
      type: 'SelfAssessmentStatementRecorded',
      data: {
        occurredAt: '2026-03-20T17:00:00Z',
        year: 2025,
        provision: '6.2',
        compliance: 'compliant',
        statement: 'Policy 4.1.',
        version: 1,
        recordedBy: { id: manager.id, name: manager.name },
      },
    };
    expect(foldAll([...history.stage1Responded, statement])).toEqual(foldAll(history.stage1Responded));
  },
  ImprovementActionPlanned: () => {
    const state = foldAll([
      ...history.closed,
      events.improvementActionPlanned('L1', '2026-05-01T10:00:00+01:00', '2026-09-30'),
    ]);
    expect(state.lessons.map((l) => [l.lessonId, l.owner, l.dueBy, l.plannedAt, l.completion])).toEqual([
      ['L1', 'Repairs Manager', '2026-09-30', '2026-05-01T10:00:00+01:00', null],
    ]);
  },
  ImprovementActionCompleted: () => {
    const state = foldAll([...history.closed, events.improvementActionCompleted('L1', '2026-06-01T10:00:00+01:00')]);
    expect(state.lessons[0]?.completion).toEqual({
      completedAt: '2026-06-01T10:00:00+01:00',
      whatChanged: 'Second mould reports now book a damp survey automatically',
      evidence: 'Job scheduling rule DS-2 live since 1 June',
      documentId: null,
    });
  },
};

describe('evolve', () => {
  it.each(Object.entries(foldsOf))('folds %s', (_type, check) => check());

  it("erases the restrictions' reasons, terms and notes and the enquiries' who and summary, keeping their kinds and dates", () => {
    const before = [
      ...history.closed,
      events.restrictionImposed(),
      events.restrictionReviewed(),
      events.restrictionLifted(),
      events.enquiryReceived(),
      events.enquiryAnswered(),
    ];
    const after = received(evolve(foldAll(before), events.personalDataErased('2032-04-22T10:00:00+01:00')));
    expect(after.restrictions).toMatchObject([
      {
        kind: 'single_point_of_contact',
        reason: ERASED,
        terms: ERASED,
        liftReason: ERASED,
        reviews: [{ notes: ERASED, outcome: 'continued' }],
        reviewDue: '2026-09-01',
      },
    ]);
    expect(after.enquiries).toMatchObject([
      { from: 'mp', who: ERASED, summary: ERASED, answeredAt: '2026-03-10T10:00:00Z' },
    ]);
  });
  it('erases the circumstances: vulnerabilities and the words of adjustments', () => checkCircumstancesErased());

  it('erases the withdrawal reason, refusal explanation and contact summaries too', () => {
    const withdrawn = received(
      evolve(
        foldAll([
          ...history.received,
          events.contactLogged('2026-03-03T10:00:00Z'),
          events.withdrawn('2026-03-04T10:00:00Z'),
        ]),
        events.personalDataErased('2027-01-01T00:00:00Z'),
      ),
    );
    expect(withdrawn.withdrawal?.reason).toBe(ERASED);
    expect(withdrawn.contacts[0]?.summary).toBe(ERASED);
    const refused = received(evolve(foldAll(history.refused), events.personalDataErased('2027-01-01T00:00:00Z')));
    expect(refused.refusal?.explanation).toBe(ERASED);
    const determined = received(
      evolve(
        foldAll([...history.closed, events.referred(), events.determined(), events.orderComplied()]),
        events.personalDataErased('2027-01-01T00:00:00Z'),
      ),
    );
    expect(determined.ombudsman?.determination?.findings).toEqual([{ element: ERASED, finding: 'maladministration' }]);
    expect(determined.ombudsman?.determination?.orders).toMatchObject([
      { orderId: 'O1', description: ERASED, evidence: ERASED, dueBy: '2026-08-14' },
    ]);
  });

  it('keeps the latest occurrence as the last activity, even when a step is back-dated', () => {
    // A letter dated Friday typed in after Monday's contact: Monday stays the last activity.
    const state = foldAll([
      ...history.stage1Acknowledged,
      events.contactLogged('2026-03-09T10:00:00Z'),
      events.extended(1, '2026-03-06T16:00:00Z'),
    ]);
    expect(state.lastActivityAt).toBe('2026-03-09T10:00:00Z');
  });

  it('compares instants across offsets for the last activity', () => {
    // 10:30+01:00 is 09:30Z: earlier than 10:00Z.
    const state = foldAll([
      ...history.stage2Acknowledged,
      events.contactLogged('2026-04-01T10:00:00Z'),
      events.contactLogged('2026-04-01T10:30:00+01:00'),
    ]);
    expect(state.lastActivityAt).toBe('2026-04-01T10:00:00Z');
  });

  it('does not invent a complaint from events on a stream that never received one', () => {
    expect(evolve(initialState(), events.acknowledged(1))).toEqual({ status: 'not_received' });
  });

  it('does not change the state it is given', () => {
    const before = foldAll(history.stage1Acknowledged);
    const snapshot = structuredClone(before);
    evolve(before, events.responded(1));
    expect(before).toEqual(snapshot);
  });

  it('records the stage 2 acknowledgement without touching stage 1', () => {
    const state = foldAll(history.stage2Acknowledged);
    expect(state.stage1.handler).toEqual(stageOneHandler);
    expect(state.stage2).toMatchObject({ handler: stageTwoHandler, acknowledgedAt: at.stage2Acknowledged });
  });
});
