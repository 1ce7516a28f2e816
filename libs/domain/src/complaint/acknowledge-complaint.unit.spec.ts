import { describe, expect, it } from 'vitest';
import { complaintRules } from './rules';
import {
  at,
  command,
  events,
  HEADS,
  history,
  manager,
  officer,
  otherOfficer,
  recorder,
  stageOneHandler,
  stageTwoHandler,
} from './testing/fixtures';
import { given } from './testing/given-when-then';

type Extra = { headsOfComplaint?: string[]; outcomesSought?: string[]; discretionExercised?: string };

/** Stage 1 is recorded by the officer who handles it; stage 2 by the manager who reviews it. */
const acknowledge = (acknowledgedAt: string, handler = stageOneHandler, extra: Extra = {}, actor = officer) =>
  command(
    'AcknowledgeComplaint',
    { acknowledgedAt, handler, method: 'letter', headsOfComplaint: HEADS, ...extra },
    { actor },
  );
const acknowledgeStageTwo = (acknowledgedAt: string, handler = stageTwoHandler, extra: Extra = {}, actor = manager) =>
  command('AcknowledgeComplaint', { acknowledgedAt, handler, method: 'letter', ...extra }, { actor });

describe('acknowledging stage 1', () => {
  it('names each head of complaint once: spacing and capitals do not make another head', () => {
    given(history.received)
      .when(
        acknowledge(at.stage1Acknowledged, stageOneHandler, {
          headsOfComplaint: ['Leak in the roof', 'Repairs not done', 'leak in  the roof'],
        }),
      )
      .thenViolates(complaintRules.duplicateHeadOfComplaint);
  });

  it('names the handler and defines the complaint (Code 5.6)', () => {
    const state = given(history.received)
      .when(
        acknowledge(at.stage1Acknowledged, stageOneHandler, {
          headsOfComplaint: HEADS,
          outcomesSought: ['Permanent repair of the damp'],
        }),
      )
      .then([
        {
          type: 'ComplaintAcknowledged',
          data: {
            occurredAt: at.stage1Acknowledged,
            stage: 1,
            handler: stageOneHandler,
            method: 'letter',
            headsOfComplaint: HEADS,
            outcomesSought: ['Permanent repair of the damp'],
            recordedBy: recorder(officer),
          },
        },
      ]);
    expect(state).toMatchObject({
      handler: stageOneHandler,
      stage1: { acknowledgedAt: at.stage1Acknowledged, headsOfComplaint: HEADS, participants: [stageOneHandler.id] },
    });
  });

  describe('defines the complaint: at least one head (Code 5.6, issue 11 defect 7)', () => {
    it('refuses an acknowledgement that names no head of complaint', () => {
      given(history.received)
        .when(acknowledge(at.stage1Acknowledged, stageOneHandler, { headsOfComplaint: [] }))
        .thenViolates(complaintRules.complaintDefinitionRequired);
      const withoutHeads = acknowledge(at.stage1Acknowledged);
      given(history.received)
        .when({ ...withoutHeads, data: { ...withoutHeads.data, headsOfComplaint: undefined } })
        .thenViolates(complaintRules.complaintDefinitionRequired);
    });
  });

  describe('a complaint made more than 12 months after the issue became known (discretion, issue 11 defect 6)', () => {
    const late = [events.received({ issueKnownSince: '2025-03-02' })];

    it('is accepted only with the discretion exercised recorded', () => {
      given(late).when(acknowledge(at.stage1Acknowledged)).thenViolates(complaintRules.lateComplaintNeedsDiscretion);
      const state = given(late)
        .when(
          acknowledge(at.stage1Acknowledged, stageOneHandler, {
            discretionExercised: 'The resident was in hospital for most of the year',
          }),
        )
        .then([
          {
            type: 'ComplaintAcknowledged',
            data: {
              occurredAt: at.stage1Acknowledged,
              stage: 1,
              handler: stageOneHandler,
              method: 'letter',
              headsOfComplaint: HEADS,
              outcomesSought: [],
              recordedBy: recorder(officer),
              discretionExercised: 'The resident was in hospital for most of the year',
            },
          },
        ]);
      expect(state).toMatchObject({
        stage1: { discretionExercised: 'The resident was in hospital for most of the year' },
      });
    });

    it('needs no discretion for one made within 12 months', () => {
      given([events.received({ issueKnownSince: '2025-03-03' })])
        .when(acknowledge(at.stage1Acknowledged))
        .then([expect.anything()]);
    });
  });

  it('acknowledges each stage once', () => {
    given(history.stage1Acknowledged)
      .when(acknowledge('2026-03-05T10:00:00Z'))
      .thenViolates(complaintRules.stageAlreadyAcknowledged);
  });

  it('must name the handler', () => {
    given(history.received)
      .when({
        ...acknowledge(at.stage1Acknowledged),
        data: { acknowledgedAt: at.stage1Acknowledged, handler: { id: 'u-101', name: ' ' } },
      })
      .thenViolates(complaintRules.handlerRequired);
  });
});

describe('acknowledging stage 2', () => {
  it('is a new stage: the stage 1 acknowledgement does not count for it', () => {
    given(history.escalated)
      .when(
        acknowledgeStageTwo(at.stage2Acknowledged, stageTwoHandler, { headsOfComplaint: ['The fan was never fitted'] }),
      )
      .then([
        {
          type: 'ComplaintAcknowledged',
          data: {
            occurredAt: at.stage2Acknowledged,
            stage: 2,
            handler: stageTwoHandler,
            method: 'letter',
            headsOfComplaint: ['The fan was never fitted'],
            outcomesSought: [],
            recordedBy: recorder(manager),
          },
        },
      ]);
  });

  it('inherits the stage 1 heads of complaint when none are given', () => {
    const state = given(history.escalated)
      .when(acknowledgeStageTwo(at.stage2Acknowledged))
      .then([
        {
          type: 'ComplaintAcknowledged',
          data: {
            occurredAt: at.stage2Acknowledged,
            stage: 2,
            handler: stageTwoHandler,
            method: 'letter',
            headsOfComplaint: HEADS,
            outcomesSought: [],
            recordedBy: recorder(manager),
          },
        },
      ]);
    expect(state).toMatchObject({ stage: 2, handler: stageTwoHandler, stage2: { headsOfComplaint: HEADS } });
  });

  it('must be by a different person from the stage 1 handler (Code 6.13)', () => {
    given(history.escalated)
      .when(acknowledgeStageTwo(at.stage2Acknowledged, stageOneHandler))
      .thenViolates(complaintRules.stageTwoHandlerMustDiffer);
  });

  it('compares people by id: a renamed record of the stage 1 handler is still them', () => {
    given(history.escalated)
      .when(acknowledgeStageTwo(at.stage2Acknowledged, { id: stageOneHandler.id, name: 'P. Shah (Complaints Lead)' }))
      .thenViolates(complaintRules.stageTwoHandlerMustDiffer);
  });

  it('excludes whoever held stage 1 before a reassignment too', () => {
    given([
      ...history.stage1Acknowledged,
      events.assigned(1, otherOfficer, '2026-03-09T09:00:00Z'),
      events.responded(1),
      events.escalated(),
    ])
      .when(acknowledgeStageTwo(at.stage2Acknowledged, stageOneHandler))
      .thenViolates(complaintRules.stageTwoHandlerMustDiffer);
  });

  describe('is independent of everyone who acted on stage 1 (Code 6.13, issue 11 defect 5)', () => {
    // Stage 1 handled by Priya, but acknowledged by a team leader and answered by Tom.
    const teamLeader = { id: 'u-300', name: 'Helen Carter', role: 'complaints_manager' } as const;
    const tom = { id: otherOfficer.id, name: otherOfficer.name, role: 'complaints_officer' } as const;
    const stageOneByOthers = [
      events.received(),
      events.acknowledged(1, { recordedBy: recorder(teamLeader) }),
      events.responded(1, { recordedBy: recorder(tom) }),
      events.escalated(),
    ];

    it('refuses naming as reviewer whoever issued the stage 1 response or recorded its acknowledgement', () => {
      given(stageOneByOthers)
        .when(acknowledgeStageTwo(at.stage2Acknowledged, otherOfficer))
        .thenViolates(complaintRules.stageTwoHandlerMustDiffer);
      given(stageOneByOthers)
        .when(acknowledgeStageTwo(at.stage2Acknowledged, { id: teamLeader.id, name: 'Helen Carter' }))
        .thenViolates(complaintRules.stageTwoHandlerMustDiffer);
    });

    it('refuses a stage 2 acknowledgement recorded by someone who acted on stage 1', () => {
      given(stageOneByOthers)
        .when(acknowledgeStageTwo(at.stage2Acknowledged, stageTwoHandler, {}, tom))
        .thenViolates(complaintRules.stageTwoRecorderMustBeIndependent);
      given(stageOneByOthers)
        .when(acknowledgeStageTwo(at.stage2Acknowledged, stageTwoHandler, {}, officer))
        .thenViolates(complaintRules.stageTwoRecorderMustBeIndependent);
    });

    it('accepts an independent reviewer recorded by an independent person', () => {
      given(stageOneByOthers).when(acknowledgeStageTwo(at.stage2Acknowledged)).then([expect.anything()]);
    });

    it('still loads stage 1 events stored as v1 (no recorder): only their handlers count', () => {
      const v1 = [
        events.received(),
        events.acknowledged(1, { recordedBy: undefined }),
        events.responded(1, { recordedBy: undefined }),
        events.escalated(),
      ].map(
        (e) =>
          ({ ...e, data: Object.fromEntries(Object.entries(e.data).filter(([, v]) => v !== undefined)) }) as typeof e,
      );
      given(v1)
        .when(acknowledgeStageTwo(at.stage2Acknowledged, stageTwoHandler, {}, officer))
        .thenViolates(complaintRules.stageTwoRecorderMustBeIndependent);
      given(v1)
        .when(acknowledgeStageTwo(at.stage2Acknowledged, stageTwoHandler, {}, tom))
        .then([expect.anything()]);
    });
  });

  it('is not dated before the escalation request', () => {
    given(history.escalated)
      .when(acknowledgeStageTwo('2026-03-24T10:59:00Z'))
      .thenViolates(complaintRules.occurredBeforePrecedingStep);
  });

  it('is acknowledged once', () => {
    given(history.stage2Acknowledged)
      .when(acknowledgeStageTwo('2026-03-27T09:30:00Z', otherOfficer))
      .thenViolates(complaintRules.stageAlreadyAcknowledged);
  });
});
