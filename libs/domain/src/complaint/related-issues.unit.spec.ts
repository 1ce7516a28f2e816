import { describe, expect, it } from 'vitest';
import { fold } from '../decider';
import { complaintDecider } from './complaint-decider';
import { complaintRules } from './rules';
import type { ReceivedComplaint } from './state';
import { caseworkEvents } from './testing/casework-fixtures';
import { COMPLAINT_ID, command, events, HEADS, history, REFERENCE } from './testing/fixtures';
import { given } from './testing/given-when-then';

const NOISE = 'Neighbour noise from the flat above at night';
const add = (heads: string[], addedAt = '2026-03-10T10:00:00Z') => command('AddHeadsOfComplaint', { addedAt, heads });
const respond = (decisions: { head: string; outcome: 'upheld' | 'not_upheld'; reasons: string }[]) =>
  command('IssueStageResponse', {
    respondedAt: '2026-03-20T16:30:00Z',
    decisions,
    remedies: { apology: true, actions: [], compensation: [] },
  });

describe('related issues: heads added to the stage', () => {
  it("join the current stage's definition after its acknowledgement", () => {
    const state = given(history.stage1Acknowledged)
      .when(add([NOISE]))
      .then([caseworkEvents.headsAdded(1, [NOISE], '2026-03-10T10:00:00Z')]) as ReceivedComplaint;
    expect(state.stage1.headsOfComplaint).toEqual([...HEADS, NOISE]);
  });

  it('are added to stage 2 at stage 2', () => {
    given(history.stage2Acknowledged)
      .when(add([NOISE], '2026-03-30T10:00:00+01:00'))
      .then([caseworkEvents.headsAdded(2, [NOISE], '2026-03-30T10:00:00+01:00')]);
  });

  it('need the stage acknowledged (its complaint defined) first', () => {
    given(history.received)
      .when(add([NOISE], '2026-03-03T10:00:00Z'))
      .thenViolates(complaintRules.stageNotAcknowledged);
    given(history.escalated)
      .when(add([NOISE], '2026-03-25T10:00:00Z'))
      .thenViolates(complaintRules.stageNotAcknowledged);
  });

  it('are refused once the stage response is issued', () => {
    given(history.stage1Responded)
      .when(add([NOISE], '2026-03-21T10:00:00Z'))
      .thenViolates(complaintRules.headsAddedAfterResponse);
  });

  it('are not dated before the acknowledgement', () => {
    given(history.stage1Acknowledged)
      .when(add([NOISE], '2026-03-03T10:00:00Z'))
      .thenViolates(complaintRules.occurredBeforePrecedingStep);
  });

  it('do not repeat a head already defined, or each other (spacing and capitals aside)', () => {
    given(history.stage1Acknowledged)
      .when(add([HEADS[0]!.toUpperCase()]))
      .thenViolates(complaintRules.duplicateHeadOfComplaint);
    const refused = given(history.stage1Acknowledged)
      .when(add([NOISE, `  ${NOISE} `]))
      .thenViolates(complaintRules.duplicateHeadOfComplaint);
    expect(refused.message).toContain('Added head(s) 2');
    expect(refused.message).not.toContain(NOISE);
  });

  it('must then be decided by the stage response, like the heads defined at acknowledgement', () => {
    const withNoise = [...history.stage1Acknowledged, caseworkEvents.headsAdded(1, [NOISE], '2026-03-10T10:00:00Z')];
    const decided = HEADS.map((head) => ({ head, outcome: 'upheld' as const, reasons: 'Found so' }));
    given(withNoise).when(respond(decided)).thenViolates(complaintRules.headOfComplaintUndecided);
    given(withNoise)
      .when(respond([...decided, { head: NOISE, outcome: 'not_upheld', reasons: 'No reports on file' }]))
      .then([expect.objectContaining({ type: 'StageResponseIssued' })]);
    // Without the addition, a decision on it names no head of the stage.
    given(history.stage1Acknowledged)
      .when(respond([...decided, { head: NOISE, outcome: 'not_upheld', reasons: 'No reports on file' }]))
      .thenViolates(complaintRules.decisionForUnknownHead);
  });

  it('are erased with the other heads', () => {
    const state = fold(complaintDecider, [
      ...history.stage1Acknowledged,
      caseworkEvents.headsAdded(1, [NOISE], '2026-03-10T10:00:00Z'),
      events.withdrawn('2026-03-12T10:00:00Z'),
      events.personalDataErased('2027-01-01T00:00:00Z'),
    ]) as ReceivedComplaint;
    expect(state.stage1.headsOfComplaint).toEqual(['[erased]', '[erased]', '[erased]']);
  });
});

describe('related issues: an unrelated issue logged as a new complaint', () => {
  const NEW_ID = '5d0f7c1e-0000-4000-8000-000000000002';
  const link = (linkedAt = '2026-03-10T10:00:00Z') =>
    command('LinkNewComplaint', { linkedAt, newComplaintId: NEW_ID, newReference: 'CMP-2026-00500' });

  it('links the new complaint on this one, with the stage during which the issue was raised', () => {
    const state = given(history.stage1Acknowledged)
      .when(link())
      .then([
        {
          type: 'ComplaintLinked',
          data: {
            occurredAt: '2026-03-10T10:00:00Z',
            relation: 'new_complaint_logged',
            linkedComplaintId: NEW_ID,
            linkedReference: 'CMP-2026-00500',
            stage: 1,
          },
        },
      ]) as ReceivedComplaint;
    expect(state.casework.links).toEqual([
      {
        relation: 'new_complaint_logged',
        complaintId: NEW_ID,
        reference: 'CMP-2026-00500',
        stage: 1,
        linkedAt: '2026-03-10T10:00:00Z',
      },
    ]);
  });

  it('is refused on an ended complaint, to itself, or twice', () => {
    given(history.closed).when(link('2026-05-01T10:00:00+01:00')).thenViolates(complaintRules.ended);
    given(history.stage1Acknowledged)
      .when(
        command('LinkNewComplaint', {
          linkedAt: '2026-03-10T10:00:00Z',
          newComplaintId: COMPLAINT_ID,
          newReference: REFERENCE,
        }),
      )
      .thenViolates(complaintRules.linkToItself);
    const linked = [
      ...history.stage1Acknowledged,
      {
        type: 'ComplaintLinked',
        data: {
          occurredAt: '2026-03-10T10:00:00Z',
          relation: 'new_complaint_logged',
          linkedComplaintId: NEW_ID,
          linkedReference: 'CMP-2026-00500',
          stage: 1,
        },
      } as const,
    ];
    given(linked).when(link('2026-03-11T10:00:00Z')).thenViolates(complaintRules.linkAlreadyRecorded);
  });

  it('the new complaint records, in its receipt, the complaint during which it was raised', () => {
    const receipt = command('ReceiveComplaint', {
      receivedAt: '2026-03-10T10:00:00Z',
      reference: 'CMP-2026-00500',
      dataSubjectId: 'ds-new',
      channel: 'phone',
      complainant: { name: 'Margaret Ellis' },
      serviceArea: 'Neighbourhoods',
      description: 'Noise from the flat above every night since January.',
      relatedTo: { complaintId: COMPLAINT_ID, reference: REFERENCE, stage: 1 },
    });
    const newReceipt = { ...receipt, complaintId: NEW_ID };
    const state = given([])
      .when(newReceipt)
      .then([
        expect.objectContaining({
          type: 'ComplaintReceived',
          data: expect.not.objectContaining({ relatedTo: expect.anything() }),
        }),
        {
          type: 'ComplaintLinked',
          data: {
            occurredAt: '2026-03-10T10:00:00Z',
            relation: 'logged_from',
            linkedComplaintId: COMPLAINT_ID,
            linkedReference: REFERENCE,
            stage: 1,
          },
        },
      ]) as ReceivedComplaint;
    expect(state.casework.links).toMatchObject([
      { relation: 'logged_from', complaintId: COMPLAINT_ID, reference: REFERENCE },
    ]);
    given([]).when(receipt).thenViolates(complaintRules.linkToItself);
  });
});

describe('a complaint raised from feedback', () => {
  it('records, in its receipt, the feedback item it was raised from', () => {
    const receipt = command('ReceiveComplaint', {
      receivedAt: '2026-03-10T10:00:00Z',
      reference: 'CMP-2026-00501',
      dataSubjectId: 'ds-new',
      channel: 'phone',
      complainant: { name: 'Margaret Ellis' },
      serviceArea: 'Repairs',
      description: 'The boiler repair promised at first contact never happened.',
      raisedFromFeedback: { feedbackId: 'f-1', kind: 'resolved_at_first_contact' },
    });
    given([])
      .when(receipt)
      .then([
        expect.objectContaining({
          type: 'ComplaintReceived',
          data: expect.not.objectContaining({ raisedFromFeedback: expect.anything() }),
        }),
        {
          type: 'ComplaintRaisedFromFeedback',
          data: { occurredAt: '2026-03-10T10:00:00Z', feedbackId: 'f-1', kind: 'resolved_at_first_contact' },
        },
      ]);
  });
});
