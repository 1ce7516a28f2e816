import { complaintEventTypes, type ComplaintCommand, type ComplaintEvent } from '@complaints/contracts';
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
  command('LogContact', { at: '2026-03-05T11:00:00Z', direction: 'outbound', channel: 'phone', reached: true, summary: 'Surveyor visit agreed' }),
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
    remedies: { apology: true, actions: [{ description: 'Mould wash and stain block', dueBy: '2026-03-31' }], compensation: [{ amountPence: 5000, kind: 'time_and_trouble' }] },
  }),
  command('RecordLetterSent', { sentAt: '2026-03-20T17:00:00Z', letter: 'response-1', channel: 'email', recipient: 'resident' }),
  command('EscalateComplaint', { requestedAt: '2026-03-24T11:00:00Z', reason: 'The mould came back within a week' }),
  // Stage 2 is recorded by its reviewer, who took no part in stage 1 (Code 6.14).
  command('AcknowledgeComplaint', { acknowledgedAt: '2026-03-26T09:30:00Z', handler: stageTwoHandler, method: 'email' }, { actor: manager }),
  command('IssueStageResponse', {
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
  }, { actor: manager }),
  command('RecordLesson', { recordedAt: '2026-04-21T09:00:00+01:00', lesson: 'Mould washes were treated as a fix without finding the cause' }),
  command('CloseComplaint', { closedAt: '2026-04-21T10:00:00+01:00', outcome: 'Upheld at stage 2' }, { actor: manager }),
  command('CompleteRemedyAction', { completedAt: '2026-05-12T14:00:00+01:00', actionId: 'S2-A1', evidence: 'Job 88412 signed off' }),
  command('RecordCompensationPayment', { paidAt: '2026-04-24T10:00:00+01:00', amountPence: 23999, method: 'BACS' }),
  command('RecordSatisfaction', { recordedAt: '2026-05-20T10:00:00+01:00', withHandling: 'fairly_dissatisfied', withOutcome: 'fairly_satisfied' }),
  command('RecordOmbudsmanReferral', { referredAt: '2026-05-27T10:00:00+01:00', ombudsmanReference: '202612345' }),
  command('RecordOmbudsmanDetermination', {
    determinedAt: '2026-06-10T10:00:00+01:00',
    ombudsmanReference: '202612345',
    findings: [{ element: 'Complaint handling', finding: 'service_failure' }],
    orders: [{ description: 'Apologise for the delay at stage 1', dueBy: '2026-07-08' }],
  }),
  command('RecordOmbudsmanOrderCompliance', { compliedAt: '2026-06-17T10:00:00+01:00', orderId: 'O1', evidence: 'Apology letter sent 17 June' }),
  command('ErasePersonalData', { erasedAt: '2026-06-29T10:00:00+01:00', reason: 'Erasure request upheld; no retention need' }),
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
      stage2: { handler: stageTwoHandler, escalation: { requestedAt: '2026-03-24T11:00:00Z' }, respondedAt: '2026-04-20T15:00:00+01:00' },
      remedyActions: [
        { actionId: 'S1-A1', completedAt: null },
        { actionId: 'S2-A1', completedAt: '2026-05-12T14:00:00+01:00' },
      ],
      compensation: { offeredPence: 28999, paidPence: 23999 },
      lessons: [{ lessonId: 'L1' }],
      closure: { closedBy: { id: manager.id, name: manager.name }, lessonsRecorded: 1 },
      endedAt: '2026-04-21T10:00:00+01:00',
      ombudsman: { reference: '202612345', determination: { orders: [{ orderId: 'O1', compliedAt: '2026-06-17T10:00:00+01:00' }] } },
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
      command('ApproveRetentionErasure', { approvedAt: '2032-03-03T10:00:00Z', retentionYears: 6 }, { now: '2032-03-03T12:00:00Z' }),
    ]);
    const refused = run([
      receive,
      command('RefuseComplaint', { refusedAt: '2026-03-03T10:00:00Z', ground: 'already_considered', explanation: 'Decided in complaint CMP-2025-00077' }),
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
    const emitted = new Set([...run(twoStageCase).events, ...withdrawn.events, ...refused.events, ...escalationRefused.events].map((e) => e.type));
    expect([...emitted].sort()).toEqual([...complaintEventTypes].sort());
    expect(withdrawn.state).toMatchObject({ status: 'withdrawn', personalDataErased: { erasedAt: '2032-03-03T10:00:00Z' } });
    expect(refused.state.status).toBe('refused');
  });
});
