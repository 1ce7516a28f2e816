import type { DecisionOutcome } from '@complaints/contracts';
import { describe, expect, it } from 'vitest';
import { complaintRules } from './rules';
import { at, command, events, HEADS, history, manager, officer, recorder } from './testing/fixtures';
import { given } from './testing/given-when-then';

type DecisionInput = { head: string; outcome: DecisionOutcome; reasons: string };

const decideOn = (head: string, outcome: DecisionOutcome = 'upheld'): DecisionInput => ({
  head,
  outcome,
  reasons: 'Our records confirm what the resident told us',
});

const respond = (respondedAt: string, decisions: DecisionInput[] = HEADS.map((h) => decideOn(h)), actor = officer) =>
  command(
    'IssueStageResponse',
    {
      respondedAt,
      decisions,
      remedies: {
        apology: true,
        actions: [
          { description: 'Install an extractor fan in the bedroom', dueBy: '2026-04-17' },
          { description: 'Replace the mould-damaged plasterboard', dueBy: '2026-05-01' },
        ],
        compensation: [
          { amountPence: 5000, kind: 'time_and_trouble' },
          { amountPence: 8999, kind: 'loss' },
        ],
      },
    },
    { actor },
  );

describe('issuing a stage response', () => {
  it('decides every head with reasons, and numbers the remedy actions by stage', () => {
    const state = given(history.stage1Acknowledged)
      .when(respond(at.stage1Responded))
      .then([
        {
          type: 'StageResponseIssued',
          data: {
            occurredAt: at.stage1Responded,
            stage: 1,
            decisions: HEADS.map((h) => decideOn(h)),
            remedies: {
              apology: true,
              actions: [
                { actionId: 'S1-A1', description: 'Install an extractor fan in the bedroom', dueBy: '2026-04-17' },
                { actionId: 'S1-A2', description: 'Replace the mould-damaged plasterboard', dueBy: '2026-05-01' },
              ],
              compensation: [
                { amountPence: 5000, kind: 'time_and_trouble' },
                { amountPence: 8999, kind: 'loss' },
              ],
            },
            recordedBy: recorder(officer),
          },
        },
      ]);
    expect(state).toMatchObject({
      stage1: { respondedAt: at.stage1Responded, apology: true },
      compensation: { offeredPence: 13999, paidPence: 0 },
    });
  });

  it('numbers stage 2 actions S2-…', () => {
    const state = given(history.stage2Acknowledged)
      .when(respond(at.stage2Responded, undefined, manager))
      .then([expect.anything()]);
    expect(state.status !== 'not_received' && state.remedyActions.map((a) => a.actionId)).toEqual([
      'S1-A1',
      'S2-A1',
      'S2-A2',
    ]);
  });

  it('needs the stage to be acknowledged', () => {
    given(history.received).when(respond('2026-03-10T10:00:00Z')).thenViolates(complaintRules.stageNotAcknowledged);
    given(history.escalated)
      .when(respond('2026-03-30T10:00:00+01:00'))
      .thenViolates(complaintRules.stageNotAcknowledged);
  });

  it('answers each stage once', () => {
    given(history.stage1Responded)
      .when(respond('2026-03-21T10:00:00Z'))
      .thenViolates(complaintRules.stageAlreadyResponded);
  });

  it('is not dated before the acknowledgement', () => {
    given(history.stage1Acknowledged)
      .when(respond('2026-03-04T09:59:59Z'))
      .thenViolates(complaintRules.occurredBeforePrecedingStep);
  });

  it('leaves no head of complaint undecided', () => {
    given(history.stage1Acknowledged)
      .when(respond(at.stage1Responded, [decideOn(HEADS[0]!)]))
      .thenViolates(complaintRules.headOfComplaintUndecided);
  });

  it('decides nothing that was not a head of complaint', () => {
    given(history.stage1Acknowledged)
      .when(respond(at.stage1Responded, [...HEADS.map((h) => decideOn(h)), decideOn('Rude call handler on 3 March')]))
      .thenViolates(complaintRules.decisionForUnknownHead);
  });

  it('decides each head once', () => {
    given(history.stage1Acknowledged)
      .when(respond(at.stage1Responded, [...HEADS.map((h) => decideOn(h)), decideOn(HEADS[1]!, 'not_upheld')]))
      .thenViolates(complaintRules.duplicateDecision);
  });

  it('matches heads regardless of spacing and capitals', () => {
    given(history.stage1Acknowledged)
      .when(
        respond(at.stage1Responded, [
          decideOn(HEADS[0]!.toUpperCase()),
          decideOn(`  ${HEADS[1]!.replace(/ /g, '  ')} `),
        ]),
      )
      .then([expect.objectContaining({ type: 'StageResponseIssued' })]);
  });

  it('counts a repeated head as a duplicate regardless of spacing and capitals', () => {
    given(history.stage1Acknowledged)
      .when(respond(at.stage1Responded, [...HEADS.map((h) => decideOn(h)), decideOn(HEADS[0]!.toLowerCase())]))
      .thenViolates(complaintRules.duplicateDecision);
  });

  it('with no heads defined, accepts any decisions but needs at least one', () => {
    const noHeads = [...history.received, events.acknowledged(1, { headsOfComplaint: [] })];
    given(noHeads)
      .when(respond(at.stage1Responded, [decideOn('The damp in the bedroom', 'partially_upheld')]))
      .then([expect.objectContaining({ type: 'StageResponseIssued' })]);
    const empty = respond(at.stage1Responded);
    given(noHeads)
      .when({ ...empty, data: { ...empty.data, decisions: [] } })
      .thenViolates(complaintRules.decisionRequired);
  });

  it('gives reasons for every decision, even in a command built without the schema', () => {
    const unreasoned = respond(at.stage1Responded);
    given(history.stage1Acknowledged)
      .when({
        ...unreasoned,
        data: {
          ...unreasoned.data,
          decisions: HEADS.map((head) => ({ head, outcome: 'not_upheld' as const, reasons: ' ' })),
        },
      })
      .thenViolates(complaintRules.decisionNeedsReasons);
  });

  it('keeps heads out of the violation message: they are personal data', () => {
    const refusal = given(history.stage1Acknowledged)
      .when(respond(at.stage1Responded, [decideOn(HEADS[0]!), decideOn('Rude call handler')]))
      .thenViolates(complaintRules.decisionForUnknownHead);
    expect(refusal.message).toContain('Decision(s) 2 match no head');
    expect(refusal.message).not.toContain('Rude call handler');
  });

  describe('only decides the heads the acknowledgement defined (Code 5.6, issue 11 defect 7)', () => {
    it('refuses a decision on a head nobody defined', () => {
      given(history.stage1Acknowledged)
        .when(respond(at.stage1Responded, [...HEADS.map((h) => decideOn(h)), decideOn('Rude call handler')]))
        .thenViolates(complaintRules.decisionForUnknownHead);
    });

    it('still answers a stream acknowledged without heads before they were required: its decisions stand as the definition', () => {
      given([events.received(), events.acknowledged(1, { headsOfComplaint: [] })])
        .when(respond(at.stage1Responded, [decideOn('Mould in the bedroom')]))
        .then([expect.objectContaining({ type: 'StageResponseIssued' })]);
    });
  });

  describe('an upheld head needs an apology or a reason for none (issue 11 defect 8)', () => {
    const withoutApology = (outcome: DecisionOutcome, apologyNotGivenReason?: string) =>
      command('IssueStageResponse', {
        respondedAt: at.stage1Responded,
        decisions: [decideOn(HEADS[0]!, outcome), decideOn(HEADS[1]!, 'not_upheld')],
        remedies: { apology: false, ...(apologyNotGivenReason ? { apologyNotGivenReason } : {}) },
      });

    it('refuses an upheld or partially upheld head with no apology and no reason', () => {
      given(history.stage1Acknowledged)
        .when(withoutApology('upheld'))
        .thenViolates(complaintRules.apologyOrReasonRequired);
      given(history.stage1Acknowledged)
        .when(withoutApology('partially_upheld'))
        .thenViolates(complaintRules.apologyOrReasonRequired);
    });

    it('records the reason when no apology is given', () => {
      const state = given(history.stage1Acknowledged)
        .when(withoutApology('upheld', 'The resident asked us not to contact them again'))
        .then([
          expect.objectContaining({
            data: expect.objectContaining({
              remedies: {
                apology: false,
                apologyNotGivenReason: 'The resident asked us not to contact them again',
                actions: [],
                compensation: [],
              },
            }),
          }),
        ]);
      expect(state).toMatchObject({
        stage1: { apology: false, apologyNotGivenReason: 'The resident asked us not to contact them again' },
      });
    });

    it('needs neither when nothing is upheld', () => {
      given(history.stage1Acknowledged).when(withoutApology('not_upheld')).then([expect.anything()]);
    });
  });

  describe('stage 2 is answered by someone independent of stage 1 (Code 6.13, issue 11 defect 5)', () => {
    it('refuses a stage 2 response issued by whoever acted on stage 1', () => {
      given(history.stage2Acknowledged)
        .when(respond(at.stage2Responded, undefined, officer))
        .thenViolates(complaintRules.stageTwoRecorderMustBeIndependent);
    });
  });
});
