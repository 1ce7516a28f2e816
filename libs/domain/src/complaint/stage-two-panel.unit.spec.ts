import { ERASED, type ComplaintEvent } from '@complaints/contracts';
import { describe, expect, it } from 'vitest';
import { fold } from '../decider';
import { stageTwoPanelOf } from './casework/stage-two-panel';
import { complaintDecider } from './complaint-decider';
import { complaintRules } from './rules';
import { caseworkAt, caseworkEvents, PANEL_MEMBERS } from './testing/casework-fixtures';
import { command, events, history, manager } from './testing/fixtures';
import { given } from './testing/given-when-then';

const request = (requestedAt: string = caseworkAt.panelRequested) =>
  command('RequestPanelParticipation', { requestedAt, requestedBy: 'resident' }, { actor: manager });
const hold = (heldOn: string = caseworkAt.panelHeldOn, recordedAt: string = caseworkAt.panelRecorded) =>
  command(
    'RecordPanelMeeting',
    {
      recordedAt,
      heldOn,
      panelMembers: PANEL_MEMBERS,
      outcomeNotes: 'The panel member agreed the fan should be fitted first',
    },
    { actor: manager },
  );
const decline = (declinedAt = '2026-03-30T10:00:00+01:00') =>
  command(
    'DeclinePanelParticipation',
    { declinedAt, reason: 'No panel member free before the response is due' },
    { actor: manager },
  );

const requested = (): ComplaintEvent[] => [...history.stage2Acknowledged, caseworkEvents.panelRequested()];

describe('stage 2 panel participation: the request', () => {
  it('is recorded at stage 2, with who asked and who recorded it', () => {
    given(history.stage2Acknowledged).when(request()).then([caseworkEvents.panelRequested()]);
  });

  it('may come before the stage 2 acknowledgement, but not before the request for stage 2', () => {
    given(history.escalated)
      .when(request('2026-03-25T10:00:00Z'))
      .then([caseworkEvents.panelRequested('2026-03-25T10:00:00Z')]);
    given(history.escalated)
      .when(request('2026-03-24T10:00:00Z'))
      .thenViolates(complaintRules.occurredBeforePrecedingStep);
  });

  it('is refused at stage 1', () => {
    given(history.stage1Responded)
      .when(request('2026-03-21T10:00:00Z'))
      .thenViolates(complaintRules.panelNeedsStageTwo);
  });

  it('is refused once the stage 2 response is issued', () => {
    given(history.stage2Responded)
      .when(request('2026-04-21T10:00:00+01:00'))
      .thenViolates(complaintRules.panelAfterStageTwoResponse);
  });

  it('is recorded once', () => {
    given(requested()).when(request('2026-03-28T10:00:00Z')).thenViolates(complaintRules.panelAlreadyRequested);
  });
});

describe('stage 2 panel participation: the meeting', () => {
  it('is recorded after the request, with the panel members and the outcome notes', () => {
    given(requested()).when(hold()).then([caseworkEvents.panelHeld()]);
  });

  it('needs a request first', () => {
    given(history.stage2Acknowledged).when(hold()).thenViolates(complaintRules.panelNotRequested);
  });

  it('is recorded once, and not for a request declined', () => {
    given([...requested(), caseworkEvents.panelHeld()])
      .when(hold('2026-04-09', '2026-04-09T16:00:00+01:00'))
      .thenViolates(complaintRules.panelMeetingAlreadyHeld);
    given([...requested(), caseworkEvents.panelDeclined()])
      .when(hold())
      .thenViolates(complaintRules.panelAlreadyDeclined);
  });

  it('is not dated before the request, nor after the day it is recorded', () => {
    given(requested()).when(hold('2026-03-26')).thenViolates(complaintRules.panelMeetingBeforeRequest);
    given(requested())
      .when(hold('2026-04-09', '2026-04-08T16:00:00+01:00'))
      .thenViolates(complaintRules.panelMeetingBeforeRequest);
  });

  it('is refused once the stage 2 response is issued', () => {
    given([...requested(), events.responded(2)])
      .when(hold('2026-04-20', '2026-04-21T10:00:00+01:00'))
      .thenViolates(complaintRules.panelAfterStageTwoResponse);
  });
});

describe('stage 2 panel participation: declining the request', () => {
  it('records the reason', () => {
    given(requested()).when(decline()).then([caseworkEvents.panelDeclined()]);
  });

  it('needs an open request: none, one met, or one already declined is refused', () => {
    given(history.stage2Acknowledged).when(decline()).thenViolates(complaintRules.panelNotRequested);
    given([...requested(), caseworkEvents.panelHeld()])
      .when(decline('2026-04-09T10:00:00+01:00'))
      .thenViolates(complaintRules.panelMeetingAlreadyHeld);
    given([...requested(), caseworkEvents.panelDeclined()])
      .when(decline('2026-03-31T10:00:00+01:00'))
      .thenViolates(complaintRules.panelAlreadyDeclined);
  });

  it('is not dated before the request', () => {
    given(requested()).when(decline('2026-03-26T10:00:00Z')).thenViolates(complaintRules.occurredBeforePrecedingStep);
  });
});

describe('stageTwoPanelOf (what the stage 2 response letter reads)', () => {
  const panelOf = (history: readonly ComplaintEvent[]) => stageTwoPanelOf(fold(complaintDecider, history));

  it('is null when no panel member was requested', () => {
    expect(panelOf(history.stage2Responded)).toBeNull();
  });

  it('says requested, held (with the meeting) or declined (with the reason)', () => {
    expect(panelOf(requested())).toEqual({
      status: 'requested',
      requestedAt: caseworkAt.panelRequested,
      requestedBy: 'resident',
    });
    expect(panelOf([...requested(), caseworkEvents.panelHeld(), events.responded(2)])).toEqual({
      status: 'held',
      requestedAt: caseworkAt.panelRequested,
      requestedBy: 'resident',
      heldOn: caseworkAt.panelHeldOn,
      panelMembers: PANEL_MEMBERS,
      outcomeNotes: 'The panel member agreed the fan should be fitted first',
    });
    expect(panelOf([...requested(), caseworkEvents.panelDeclined()])).toMatchObject({
      status: 'declined',
      reason: 'No panel member free before the response is due',
    });
  });

  it('keeps the facts but not the names or notes once the personal data is erased', () => {
    const erased = panelOf([
      ...requested(),
      caseworkEvents.panelHeld(),
      events.responded(2),
      events.lessonRecorded(),
      events.closed(),
      events.personalDataErased('2027-01-01T00:00:00Z'),
    ]);
    expect(erased).toMatchObject({
      status: 'held',
      heldOn: caseworkAt.panelHeldOn,
      panelMembers: [ERASED, ERASED],
      outcomeNotes: ERASED,
    });
  });
});
