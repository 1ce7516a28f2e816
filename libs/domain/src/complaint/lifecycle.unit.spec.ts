import { eventTypesOn, type ComplaintCommand, type ComplaintEvent } from '@complaints/contracts';
import { describe, expect, it } from 'vitest';
import { isRuleViolation } from '../decider';
import { complaintDecider } from './complaint-decider';
import type { ComplaintState } from './state';
import {
  command,
  COMPLAINT_ID,
  DATA_SUBJECT_ID,
  HEADS,
  manager,
  otherOfficer,
  REFERENCE,
  stageOneHandler,
  stageTwoHandler,
} from './testing/fixtures';

/** Drive the decider from nothing, as the application does: fold, decide, append, repeat. */
function run(commands: readonly ComplaintCommand[]): { events: ComplaintEvent[]; state: ComplaintState } {
  const events: ComplaintEvent[] = [];
  let state = complaintDecider.initialState();
  for (const next of commands) {
    const outcome = complaintDecider.decide(next, state);
    if (isRuleViolation(outcome)) expect.fail(`${next.type} refused by ${outcome.rule}: ${outcome.message}`);
    events.push(...outcome);
    state = outcome.reduce(complaintDecider.evolve, state);
  }
  return { events, state };
}

const receive = command('ReceiveComplaint', {
  receivedAt: '2026-03-02T09:15:00Z',
  reference: REFERENCE,
  dataSubjectId: DATA_SUBJECT_ID,
  channel: 'phone',
  complainant: { name: 'Margaret Ellis', phone: '0161 496 0732' },
  serviceArea: 'Repairs',
  category: 'Damp and mould',
  categories: ['Repairs', 'Damp and mould'],
  description: 'Black mould keeps coming back on the bedroom wall and ceiling.',
  tenure: 'LCRA',
});

const decisions = (outcome: 'upheld' | 'partially_upheld') =>
  HEADS.map((head) => ({ head, outcome, reasons: 'Inspection records confirm the resident’s account' }));

/** A damp and mould case taken through both stages to closure, and on to the Ombudsman. */
const twoStageCase: ComplaintCommand[] = [
  receive,
  command('AcknowledgeComplaint', {
    acknowledgedAt: '2026-03-04T10:00:00Z',
    handler: stageOneHandler,
    method: 'letter',
    headsOfComplaint: HEADS,
    outcomesSought: ['Permanent repair of the damp'],
  }),
  command('LogContact', {
    at: '2026-03-05T11:00:00Z',
    direction: 'outbound',
    channel: 'phone',
    reached: true,
    summary: 'Surveyor visit agreed',
  }),
  command('AssignHandler', { assignedAt: '2026-03-09T09:00:00Z', handler: otherOfficer, reason: 'Priya on leave' }),
  command('AgreeExtension', {
    agreedAt: '2026-03-11T14:20:00Z',
    additionalWorkingDays: 5,
    reason: 'Waiting for the damp survey report',
    residentInformed: true,
    ombudsmanDetailsGiven: true,
  }),
  command('IssueStageResponse', {
    respondedAt: '2026-03-20T16:30:00Z',
    decisions: decisions('partially_upheld'),
    remedies: {
      apology: true,
      actions: [{ description: 'Mould wash and stain block', dueBy: '2026-03-31' }],
      compensation: [{ amountPence: 5000, kind: 'time_and_trouble' }],
    },
  }),
  command('RecordLetterSent', {
    sentAt: '2026-03-20T17:00:00Z',
    letter: 'response-1',
    channel: 'email',
    recipient: 'resident',
  }),
  command('EscalateComplaint', { requestedAt: '2026-03-24T11:00:00Z', reason: 'The mould came back within a week' }),
  // Stage 2 is recorded by its reviewer, who took no part in stage 1 (Code 6.13).
  command(
    'AcknowledgeComplaint',
    { acknowledgedAt: '2026-03-26T09:30:00Z', handler: stageTwoHandler, method: 'email' },
    { actor: manager },
  ),
  command(
    'IssueStageResponse',
    {
      respondedAt: '2026-04-20T15:00:00+01:00',
      decisions: decisions('upheld'),
      remedies: {
        apology: true,
        actions: [{ description: 'Install an extractor fan in the bedroom', dueBy: '2026-05-15' }],
        compensation: [
          { amountPence: 15000, kind: 'time_and_trouble' },
          { amountPence: 8999, kind: 'loss' },
        ],
      },
    },
    { actor: manager },
  ),
  command('RecordLesson', {
    recordedAt: '2026-04-21T09:00:00+01:00',
    lesson: 'Mould washes were treated as a fix without finding the cause',
  }),
  command(
    'CloseComplaint',
    { closedAt: '2026-04-21T10:00:00+01:00', outcome: 'Upheld at stage 2' },
    { actor: manager },
  ),
  command('CompleteRemedyAction', {
    completedAt: '2026-05-12T14:00:00+01:00',
    actionId: 'S2-A1',
    evidence: 'Job 88412 signed off',
  }),
  command('RecordCompensationPayment', { paidAt: '2026-04-24T10:00:00+01:00', amountPence: 23999, method: 'BACS' }),
  command('RecordSatisfaction', {
    recordedAt: '2026-05-20T10:00:00+01:00',
    withHandling: 'fairly_dissatisfied',
    withOutcome: 'fairly_satisfied',
  }),
  command('RecordOmbudsmanReferral', { referredAt: '2026-05-27T10:00:00+01:00', ombudsmanReference: '202612345' }),
  command('RecordOmbudsmanDetermination', {
    determinedAt: '2026-06-10T10:00:00+01:00',
    ombudsmanReference: '202612345',
    findings: [{ element: 'Complaint handling', finding: 'service_failure' }],
    orders: [{ description: 'Apologise for the delay at stage 1', dueBy: '2026-07-08' }],
  }),
  command('RecordOmbudsmanOrderCompliance', {
    compliedAt: '2026-06-17T10:00:00+01:00',
    orderId: 'O1',
    evidence: 'Apology letter sent 17 June',
  }),
  command('ErasePersonalData', {
    erasedAt: '2026-06-29T10:00:00+01:00',
    reason: 'Erasure request upheld; no retention need',
  }),
];

describe('a complaint’s whole life', () => {
  it('runs through both stages to closure and the after-closure steps', () => {
    const { events, state } = run(twoStageCase);
    expect(events.map((e) => e.type)).toEqual([
      'ComplaintReceived',
      'ComplaintAcknowledged',
      'ContactLogged',
      'ComplaintAssigned',
      'ExtensionAgreed',
      'StageResponseIssued',
      'LetterSent',
      'ComplaintEscalated',
      'ComplaintAcknowledged',
      'StageResponseIssued',
      'LessonRecorded',
      'ComplaintClosed',
      'RemedyActionCompleted',
      'CompensationPaid',
      'SatisfactionRecorded',
      'OmbudsmanReferralRecorded',
      'OmbudsmanDeterminationRecorded',
      'OmbudsmanOrderComplied',
      'PersonalDataErased',
    ]);
    expect(state).toMatchObject({
      status: 'closed',
      complaintId: COMPLAINT_ID,
      stage: 2,
      handler: stageTwoHandler,
      stage1: { handler: otherOfficer, handlers: [stageOneHandler, otherOfficer], extensions: [{ workingDays: 5 }] },
      stage2: {
        handler: stageTwoHandler,
        escalation: { requestedAt: '2026-03-24T11:00:00Z' },
        respondedAt: '2026-04-20T15:00:00+01:00',
      },
      remedyActions: [
        { actionId: 'S1-A1', completedAt: null },
        { actionId: 'S2-A1', completedAt: '2026-05-12T14:00:00+01:00' },
      ],
      compensation: { offeredPence: 28999, paidPence: 23999 },
      lessons: [{ lessonId: 'L1' }],
      closure: { closedBy: { id: manager.id, name: manager.name }, lessonsRecorded: 1 },
      endedAt: '2026-04-21T10:00:00+01:00',
      ombudsman: {
        reference: '202612345',
        determination: { orders: [{ orderId: 'O1', compliedAt: '2026-06-17T10:00:00+01:00' }] },
      },
      personalDataErased: { erasedAt: '2026-06-29T10:00:00+01:00' },
      lastActivityAt: '2026-06-29T10:00:00+01:00',
    });
  });

  it('together with a withdrawal and a refusal, has the decider emit every event type', () => {
    // Withdrawn, held for a claim, released, and erased once its retention period ran out.
    const withdrawn = run([
      receive,
      command('WithdrawComplaint', { withdrawnAt: '2026-03-03T10:00:00Z' }),
      command('PlaceLegalHold', { placedAt: '2026-03-04T10:00:00Z', category: 'pre_action_claim' }),
      command('LiftLegalHold', { liftedAt: '2026-03-05T10:00:00Z', holdId: 'LH1' }),
      command(
        'ApproveRetentionErasure',
        { approvedAt: '2032-03-03T10:00:00Z', retentionYears: 6 },
        { now: '2032-03-03T12:00:00Z' },
      ),
    ]);
    const refused = run([
      receive,
      command('RefuseComplaint', {
        refusedAt: '2026-03-03T10:00:00Z',
        ground: 'already_considered',
        explanation: 'Decided in complaint CMP-2025-00077',
      }),
    ]);
    const escalationRefused = run([
      ...twoStageCase.slice(0, 6),
      command('RefuseEscalation', {
        refusedAt: '2026-03-25T10:00:00Z',
        requestedAt: '2026-03-24T11:00:00Z',
        ground: 'legal_proceedings',
        explanation: 'A disrepair claim about the same damp is before the county court',
      }),
    ]);
    // A manager's restriction on contact, reviewed and lifted; an MP's enquiry, answered.
    const restricted = run([
      receive,
      command(
        'ImposeRestriction',
        {
          imposedAt: '2026-03-04T10:00:00Z',
          kind: 'contact_limits',
          reason: 'Daily calls to several staff',
          reviewDue: '2026-08-01',
        },
        { actor: manager },
      ),
      command(
        'ReviewRestriction',
        { reviewedAt: '2026-03-10T10:00:00Z', restrictionId: 'R1', outcome: 'continued', nextReviewDue: '2026-08-15' },
        { actor: manager },
      ),
      command('LiftRestriction', { liftedAt: '2026-03-11T10:00:00Z', restrictionId: 'R1' }, { actor: manager }),
      command('ReceiveEnquiry', {
        receivedAt: '2026-03-05T10:00:00Z',
        from: 'mp',
        who: 'Jane Smith MP',
        summary: 'Asks about the damp',
      }),
      command('AnswerEnquiry', { answeredAt: '2026-03-06T10:00:00Z', enquiryId: 'E1', channel: 'email' }),
    ]);
    // The resident's circumstances and keeping them informed (docs/domain.md, "Circumstances").
    const circumstances = run([
      receive,
      command('RecordVulnerability', { recordedAt: '2026-03-03T10:00:00Z', categories: ['language'] }),
      command('EndVulnerability', { endedAt: '2026-03-04T10:00:00Z', vulnerabilityId: 'V1' }),
      command('AgreeReasonableAdjustment', {
        agreedAt: '2026-03-03T10:00:00Z',
        kind: 'interpreter',
        adjustment: 'A Polish interpreter on calls',
        reviewDue: '2026-06-03',
      }),
      command('ReviewReasonableAdjustment', {
        reviewedAt: '2026-03-10T10:00:00Z',
        adjustmentId: 'RA1',
        outcome: 'ended',
      }),
      command('RecordEqualityMonitoring', { recordedAt: '2026-03-03T10:00:00Z', answers: { ageBand: '25_34' } }),
      command('AgreeUpdateInterval', { agreedAt: '2026-03-03T10:00:00Z', workingDays: 10 }),
    ]);
    // Issue 15's casework: heads added, a new complaint linked, the representative's authority; a panel member at stage 2, met or declined.
    const casework = run([
      ...twoStageCase.slice(0, 2),
      command('AddHeadsOfComplaint', { addedAt: '2026-03-05T12:00:00Z', heads: ['Noise at night'] }),
      command('LinkNewComplaint', {
        linkedAt: '2026-03-05T12:00:00Z',
        newComplaintId: 'c-new',
        newReference: 'CMP-2026-00500',
      }),
      command('RecordRepresentativeAuthority', { confirmedAt: '2026-03-05T12:00:00Z', basis: 'written_consent' }),
      command('WithdrawRepresentativeAuthority', { withdrawnAt: '2026-03-06T12:00:00Z' }),
      command('AttachDocument', {
        attachedAt: '2026-03-06T12:00:00Z',
        sha256: 'c'.repeat(64),
        sizeBytes: 250_000,
        mediaType: 'application/pdf',
        kind: 'report',
        fileName: 'damp-survey.pdf',
        maxBytes: 20 * 1024 * 1024,
      }),
    ]);
    const panelRequested = [
      ...twoStageCase.slice(0, 8),
      command('RequestPanelParticipation', { requestedAt: '2026-03-25T10:00:00Z', requestedBy: 'resident' }),
    ];
    const panelHeld = run([
      ...panelRequested,
      command('RecordPanelMeeting', {
        recordedAt: '2026-03-30T10:00:00+01:00',
        heldOn: '2026-03-30',
        panelMembers: ['Ann Hughes'],
      }),
    ]);
    const panelDeclined = run([
      ...panelRequested,
      command('DeclinePanelParticipation', {
        declinedAt: '2026-03-26T10:00:00Z',
        reason: 'No panel member free in time',
      }),
    ]);
    // A lesson's improvement action, planned after closure and made (docs/domain.md, "Improvement actions").
    const improved = run([
      ...twoStageCase.slice(0, 10),
      command('RecordLesson', {
        recordedAt: '2026-04-21T09:00:00+01:00',
        lesson: 'Mould washes were no fix',
        improvementAction: 'Damp survey on any second mould report',
      }),
      command(
        'CloseComplaint',
        { closedAt: '2026-04-21T10:00:00+01:00', outcome: 'Upheld at stage 2' },
        { actor: manager },
      ),
      command('PlanImprovementAction', {
        plannedAt: '2026-04-22T10:00:00+01:00',
        lessonId: 'L1',
        owner: 'Head of Repairs',
        dueBy: '2026-06-30',
      }),
      command('CompleteImprovementAction', {
        completedAt: '2026-06-01T10:00:00+01:00',
        lessonId: 'L1',
        whatChanged: 'Surveys booked on second reports',
        evidence: 'Rule DS-2 live',
      }),
    ]);
    // Issue 16: a complaint raised from feedback (a concern resolved at first contact, a service request).
    const fromFeedback = run([
      command('ReceiveComplaint', {
        ...receive.data,
        raisedFromFeedback: { feedbackId: 'f-1', kind: 'service_request' },
      }),
    ]);
    const emitted = new Set(
      [
        ...run(twoStageCase).events,
        ...withdrawn.events,
        ...refused.events,
        ...escalationRefused.events,
        ...restricted.events,
        ...circumstances.events,
        ...casework.events,
        ...panelHeld.events,
        ...panelDeclined.events,
        ...improved.events,
        ...fromFeedback.events,
      ].map((e) => e.type),
    );
    // Feedback items' and governance records' own events are their deciders' (libs/domain/src/feedback, governance; their specs emit each).
    expect([...emitted].sort()).toEqual([...eventTypesOn('complaint')].sort());
    expect(withdrawn.state).toMatchObject({
      status: 'withdrawn',
      personalDataErased: { erasedAt: '2032-03-03T10:00:00Z' },
    });
    expect(refused.state.status).toBe('refused');
  });
});
