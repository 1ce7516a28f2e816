import { describe, expect, it } from 'vitest';
import { createWorkingDayCalendar } from '../calendar';
import {
  acknowledged,
  assigned,
  closed,
  contactLogged,
  escalated,
  extended,
  received,
  refused,
  responded,
  withdrawn,
} from './complaint-history.fixture';
import { compareProfiles, computeSla } from './compute-sla';
import { CODE_2024, SALIX_HOMES_2021 } from './policy-profiles';

const calendar = createWorkingDayCalendar(); // england-and-wales

describe('stage 1 under the 2024 Code', () => {
  it('on time: received Mon 2 Mar 2026 → ack due Mon 9 Mar (3,4,5,6,9); acked Wed 4 Mar → response due Wed 18 Mar (5,6,9–13,16,17,18); answered Tue 17 Mar', () => {
    const report = computeSla(
      [
        received('2026-03-02'),
        assigned(1, '2026-03-03'),
        acknowledged(1, '2026-03-04'),
        contactLogged('2026-03-10'),
        responded(1, '2026-03-17'),
        closed('2026-03-18'),
      ],
      calendar,
    );
    expect(report).toEqual({
      profileId: 'code-2024',
      stages: [
        {
          stage: 1,
          startedOn: '2026-03-02',
          acknowledgementDue: '2026-03-09',
          acknowledgedOn: '2026-03-04',
          acknowledgementLateByWorkingDays: 0,
          responseDue: '2026-03-18',
          responseDueIsProvisional: false,
          codeResponseDue: '2026-03-18',
          extensionWorkingDays: 0,
          codeExtensionWorkingDays: 0,
          extensionsBeyondLimit: false,
          extensions: [],
          respondedOn: '2026-03-17',
          responseLateByWorkingDays: 0,
          withinCodeTimescales: true,
        },
      ],
    });
  });

  it('answered on the due date itself (Wed 18 Mar 2026) is within timescales', () => {
    const [stage] = computeSla(
      [received('2026-03-02'), acknowledged(1, '2026-03-04'), responded(1, '2026-03-18')],
      calendar,
    ).stages;
    expect(stage).toMatchObject({ responseLateByWorkingDays: 0, withinCodeTimescales: true });
  });

  it('the response clock starts at the acknowledgement, late or not (Code 6.3): ack due Mon 9 Mar 2026, acked Thu 12 Mar (late by 3: 10,11,12) → response due Thu 26 Mar (10 WD after 12 Mar), not Mon 23 Mar (10 WD after the ack due date)', () => {
    const [stage] = computeSla([received('2026-03-02'), acknowledged(1, '2026-03-12')], calendar).stages;
    expect(stage).toMatchObject({
      acknowledgementDue: '2026-03-09',
      acknowledgedOn: '2026-03-12',
      acknowledgementLateByWorkingDays: 3,
      responseDue: '2026-03-26',
      codeResponseDue: '2026-03-26',
      responseDueIsProvisional: false,
    });
  });

  it('after a late acknowledgement (12 Mar 2026), answered Tue 24 Mar is within Code timescales for the response; the late acknowledgement stays its own breach', () => {
    const [stage] = computeSla(
      [received('2026-03-02'), acknowledged(1, '2026-03-12'), responded(1, '2026-03-24')],
      calendar,
    ).stages;
    expect(stage).toMatchObject({
      acknowledgementLateByWorkingDays: 3,
      responseLateByWorkingDays: 0,
      withinCodeTimescales: true,
    });
  });

  it('answered Fri 27 Mar 2026 against a due date of Thu 26 Mar is late by 1 working day and outside Code timescales', () => {
    const [stage] = computeSla(
      [received('2026-03-02'), acknowledged(1, '2026-03-12'), responded(1, '2026-03-27')],
      calendar,
    ).stages;
    expect(stage).toMatchObject({
      respondedOn: '2026-03-27',
      responseLateByWorkingDays: 1,
      withinCodeTimescales: false,
    });
  });

  it('a back-dated cure does not work: Code due Wed 18 Mar 2026, +5 WD agreed Fri 20 Mar moves neither target, and a response on Tue 24 Mar is 4 WD late (19, 20, 23, 24)', () => {
    const [stage] = computeSla(
      [received('2026-03-02'), acknowledged(1, '2026-03-04'), extended(1, '2026-03-20', 5), responded(1, '2026-03-24')],
      calendar,
    ).stages;
    expect(stage).toMatchObject({
      codeResponseDue: '2026-03-18',
      responseDue: '2026-03-18',
      extensionWorkingDays: 5,
      codeExtensionWorkingDays: 0,
      responseLateByWorkingDays: 4,
      withinCodeTimescales: false,
    });
    expect(stage?.extensions).toEqual([
      {
        agreedOn: '2026-03-20',
        workingDays: 5,
        countedTowardsCodeWorkingDays: 0,
        movedOrganisationTarget: false,
        agreedAfterCodeTarget: true,
        goodReason: false,
      },
    ]);
  });

  it('an extension agreed on the due date itself (Wed 18 Mar 2026) still counts: +5 → due Wed 25 Mar', () => {
    const [stage] = computeSla(
      [received('2026-03-02'), acknowledged(1, '2026-03-04'), extended(1, '2026-03-18', 5)],
      calendar,
    ).stages;
    expect(stage).toMatchObject({
      codeResponseDue: '2026-03-25',
      responseDue: '2026-03-25',
      codeExtensionWorkingDays: 5,
    });
  });

  it('after the Code target has passed, an extension agreed before the organisation’s own (later) target moves only that one', () => {
    // +15 on 12 Mar: Code due 1 Apr (10 counted), own target 10 Apr. +3 on Thu 2 Apr: after the Code target, before the own one.
    const [stage] = computeSla(
      [
        received('2026-03-02'),
        acknowledged(1, '2026-03-04'),
        extended(1, '2026-03-12', 15),
        extended(1, '2026-04-02', 3),
      ],
      calendar,
    ).stages;
    expect(stage).toMatchObject({
      codeResponseDue: '2026-04-01',
      responseDue: '2026-04-15',
      codeExtensionWorkingDays: 10,
      extensionWorkingDays: 18,
    });
    expect(
      stage?.extensions.map((e) => [
        e.countedTowardsCodeWorkingDays,
        e.movedOrganisationTarget,
        e.agreedAfterCodeTarget,
      ]),
    ).toEqual([
      [10, true, false],
      [0, true, true],
    ]);
  });

  it('until acknowledged the response due is provisional, counted from the ack due date: received Mon 2 Mar 2026 → ack due 9 Mar → response due 23 Mar', () => {
    const [stage] = computeSla([received('2026-03-02')], calendar).stages;
    expect(stage).toEqual({
      stage: 1,
      startedOn: '2026-03-02',
      acknowledgementDue: '2026-03-09',
      acknowledgedOn: null,
      acknowledgementLateByWorkingDays: null,
      responseDue: '2026-03-23',
      responseDueIsProvisional: true,
      codeResponseDue: '2026-03-23',
      extensionWorkingDays: 0,
      codeExtensionWorkingDays: 0,
      extensionsBeyondLimit: false,
      extensions: [],
      respondedOn: null,
      responseLateByWorkingDays: null,
      withinCodeTimescales: null,
    });
  });

  it('an extension within the Code limit moves both targets: acked Wed 4 Mar 2026, +6 then +4 WD → due Wed 1 Apr (20 WD after 4 Mar); answered 1 Apr is within', () => {
    const [stage] = computeSla(
      [
        received('2026-03-02'),
        acknowledged(1, '2026-03-04'),
        extended(1, '2026-03-12', 6),
        extended(1, '2026-03-25', 4),
        responded(1, '2026-04-01'),
      ],
      calendar,
    ).stages;
    expect(stage).toMatchObject({
      extensionWorkingDays: 10,
      extensionsBeyondLimit: false,
      responseDue: '2026-04-01',
      codeResponseDue: '2026-04-01',
      responseLateByWorkingDays: 0,
      withinCodeTimescales: true,
    });
  });

  it('extensions beyond the 10 WD limit move only the organisation’s target: +10 +5 → due Fri 10 Apr 2026 (25 WD after 4 Mar, over Easter 3 and 6 Apr) but the Code target stays Wed 1 Apr', () => {
    const [stage] = computeSla(
      [
        received('2026-03-02'),
        acknowledged(1, '2026-03-04'),
        extended(1, '2026-03-12', 10),
        extended(1, '2026-03-30', 5),
        responded(1, '2026-04-09'),
      ],
      calendar,
    ).stages;
    expect(stage).toMatchObject({
      extensionWorkingDays: 15,
      extensionsBeyondLimit: true,
      responseDue: '2026-04-10',
      codeResponseDue: '2026-04-01',
      // answered Thu 9 Apr, before its own target but 4 WD after the Code's (2, 7, 8, 9 Apr)
      responseLateByWorkingDays: 4,
      withinCodeTimescales: false,
    });
  });

  it('an extension of another stage does not move this one', () => {
    const [stage] = computeSla(
      [received('2026-03-02'), acknowledged(1, '2026-03-04'), extended(2, '2026-03-05', 5)],
      calendar,
    ).stages;
    expect(stage).toMatchObject({ extensionWorkingDays: 0, responseDue: '2026-03-18' });
  });

  it('a complaint received at 23:30 UTC on Wed 1 Jul 2026 was received on Thu 2 Jul in London: ack due Thu 9 Jul (3,6,7,8,9), not Wed 8 Jul', () => {
    const [stage] = computeSla([received('2026-07-01T23:30:00Z')], calendar).stages;
    expect(stage).toMatchObject({ startedOn: '2026-07-02', acknowledgementDue: '2026-07-09' });
  });

  it('uses the organisation’s calendar: with a 29–31 Dec shutdown, a complaint received Fri 19 Dec 2025 is due to be acknowledged Mon 5 Jan 2026 (Tue 30 Dec without)', () => {
    const history = [received('2025-12-19')];
    const shutdown = createWorkingDayCalendar({ closureDays: ['2025-12-29', '2025-12-30', '2025-12-31'] });
    expect(computeSla(history, shutdown).stages[0]?.acknowledgementDue).toBe('2026-01-05');
    expect(computeSla(history, calendar).stages[0]?.acknowledgementDue).toBe('2025-12-30');
  });
});

describe('stage 2 under the 2024 Code', () => {
  const stage1 = [received('2026-03-02'), acknowledged(1, '2026-03-04'), responded(1, '2026-03-17')];

  it('starts on the escalation request: requested Fri 20 Mar 2026 → ack due Fri 27 Mar (23–27); acked Wed 25 Mar → response due Fri 24 Apr (20 WD, skipping Good Friday 3 Apr and Easter Monday 6 Apr)', () => {
    const report = computeSla(
      [...stage1, escalated('2026-03-20'), acknowledged(2, '2026-03-25'), responded(2, '2026-04-23')],
      calendar,
    );
    expect(report.stages).toHaveLength(2);
    expect(report.stages[0]).toMatchObject({ stage: 1, respondedOn: '2026-03-17', withinCodeTimescales: true });
    expect(report.stages[1]).toEqual({
      stage: 2,
      startedOn: '2026-03-20',
      acknowledgementDue: '2026-03-27',
      acknowledgedOn: '2026-03-25',
      acknowledgementLateByWorkingDays: 0,
      responseDue: '2026-04-24',
      responseDueIsProvisional: false,
      codeResponseDue: '2026-04-24',
      extensionWorkingDays: 0,
      codeExtensionWorkingDays: 0,
      extensionsBeyondLimit: false,
      extensions: [],
      respondedOn: '2026-04-23',
      responseLateByWorkingDays: 0,
      withinCodeTimescales: true,
    });
  });

  it('stage 2 allows up to 20 WD of extension: +20 keeps the Code target with it, +21 does not', () => {
    const base = [...stage1, escalated('2026-03-20'), acknowledged(2, '2026-03-25')];
    const within = computeSla([...base, extended(2, '2026-04-20', 20)], calendar).stages[1];
    const beyond = computeSla([...base, extended(2, '2026-04-20', 21)], calendar).stages[1];
    expect(within).toMatchObject({ extensionsBeyondLimit: false });
    expect(within?.codeResponseDue).toBe(within?.responseDue);
    expect(beyond).toMatchObject({ extensionsBeyondLimit: true, codeResponseDue: within?.responseDue });
    expect(beyond!.responseDue > beyond!.codeResponseDue).toBe(true);
  });

  it('there is no stage 2 entry until the complaint is escalated', () => {
    expect(computeSla(stage1, calendar).stages.map((stage) => stage.stage)).toEqual([1]);
  });
});

describe('withdrawn and refused complaints keep their stages as they were', () => {
  it('withdrawn after acknowledgement: stage 1 stays with its dates and no response', () => {
    const [stage, ...rest] = computeSla(
      [received('2026-03-02'), acknowledged(1, '2026-03-04'), withdrawn('2026-03-06')],
      calendar,
    ).stages;
    expect(rest).toEqual([]);
    expect(stage).toMatchObject({
      acknowledgedOn: '2026-03-04',
      responseDue: '2026-03-18',
      respondedOn: null,
      withinCodeTimescales: null,
    });
  });

  it('refused on receipt: stage 1 stays, never acknowledged', () => {
    const [stage] = computeSla([received('2026-03-02'), refused('2026-03-03')], calendar).stages;
    expect(stage).toMatchObject({ startedOn: '2026-03-02', acknowledgedOn: null, respondedOn: null });
  });

  it('a stream without a ComplaintReceived has no stages to time', () => {
    expect(computeSla([acknowledged(1, '2026-03-04')], calendar)).toEqual({ profileId: 'code-2024', stages: [] });
  });
});

describe('Code and a local policy side by side (Salix Homes 2021)', () => {
  const history = [
    received('2026-03-02'),
    acknowledged(1, '2026-03-05'),
    responded(1, '2026-03-18'),
    escalated('2026-03-20'),
    acknowledged(2, '2026-03-25'),
  ];

  it('stage 1: acked Thu 5 Mar 2026 is on time for the Code (due 9 Mar) but 1 WD late for Salix (2 WD → Wed 4 Mar)', () => {
    const [code, salix] = compareProfiles(history, calendar, [CODE_2024, SALIX_HOMES_2021]);
    expect(code?.profileId).toBe('code-2024');
    expect(salix?.profileId).toBe('salix-homes-2021');
    expect(code?.stages[0]).toMatchObject({ acknowledgementDue: '2026-03-09', acknowledgementLateByWorkingDays: 0 });
    expect(salix?.stages[0]).toMatchObject({ acknowledgementDue: '2026-03-04', acknowledgementLateByWorkingDays: 1 });
  });

  it('stage 1: Salix counts the response from receipt (10 WD after Mon 2 Mar = Mon 16 Mar), the Code from the ack (10 WD after Thu 5 Mar = Thu 19 Mar); answered Wed 18 Mar is within the Code, 2 WD late for Salix', () => {
    const [code, salix] = compareProfiles(history, calendar, [CODE_2024, SALIX_HOMES_2021]);
    expect(code?.stages[0]).toMatchObject({
      responseDue: '2026-03-19',
      withinCodeTimescales: true,
      responseLateByWorkingDays: 0,
    });
    expect(salix?.stages[0]).toMatchObject({
      responseDue: '2026-03-16',
      withinCodeTimescales: false,
      responseLateByWorkingDays: 2,
    });
  });

  it('stage 2 (review) requested Fri 20 Mar 2026: Salix acknowledges by Tue 24 Mar (2 WD) and answers by Tue 14 Apr (15 WD, Easter skipped); the Code by 27 Mar and 24 Apr', () => {
    const [code, salix] = compareProfiles(history, calendar, [CODE_2024, SALIX_HOMES_2021]);
    expect(salix?.stages[1]).toMatchObject({
      acknowledgementDue: '2026-03-24',
      acknowledgementLateByWorkingDays: 1,
      responseDue: '2026-04-14',
      responseDueIsProvisional: false,
    });
    expect(code?.stages[1]).toMatchObject({ acknowledgementDue: '2026-03-27', responseDue: '2026-04-24' });
  });

  it('under a policy that counts from receipt the acknowledgement cannot move the response due, so it is never provisional', () => {
    const unacknowledged = computeSla([received('2026-03-02')], calendar, SALIX_HOMES_2021).stages[0];
    const lateAck = computeSla([received('2026-03-02'), acknowledged(1, '2026-03-12')], calendar, SALIX_HOMES_2021)
      .stages[0];
    expect(unacknowledged).toMatchObject({ responseDue: '2026-03-16', responseDueIsProvisional: false });
    expect(lateAck).toMatchObject({ responseDue: '2026-03-16' });
  });

  it('gives the same reports as timing the history under each profile alone', () => {
    expect(compareProfiles(history, calendar, [SALIX_HOMES_2021, CODE_2024])).toEqual([
      computeSla(history, calendar, SALIX_HOMES_2021),
      computeSla(history, calendar, CODE_2024),
    ]);
  });
});
