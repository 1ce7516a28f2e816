import type { ComplaintEvent } from '@complaints/contracts';
import { describe, expect, it } from 'vitest';
import { createWorkingDayCalendar } from '../calendar';
import {
  acknowledged,
  escalated,
  extended,
  received,
  refused,
  responded,
  withdrawn,
} from '../sla/complaint-history.fixture';
import { computeTsm } from './compute-tsm';

const calendar = createWorkingDayCalendar();
const tsm = (
  histories: ComplaintEvent[][],
  year: number,
  homes: { total?: number; lcra?: number; lcho?: number } = { total: 1000 },
) => computeTsm(histories, { year, calendar, homes });

describe('CH01: complaints received per 1,000 homes, counted on receipt', () => {
  // BST began 30 Mar 2025 and 29 Mar 2026, so 23:30 UTC on 31 Mar is 00:30 on 1 Apr in London.
  const histories = [
    [received('2025-03-31T10:00:00Z')], // 31 Mar 2025, 11:00 London → 2024/25
    [received('2025-03-31T23:30:00Z')], // 1 Apr 2025, 00:30 London → 2025/26
    [received('2026-03-31T12:00:00Z')], // 31 Mar 2026 → 2025/26
    [received('2026-03-31T23:30:00Z')], // 1 Apr 2026, 00:30 London → 2026/27
  ];

  it('the year boundary is 1 April in London: of four complaints around it, 2025/26 has the ones received 1 Apr 2025 00:30 and 31 Mar 2026 → 2 per 2,000 homes = 1', () => {
    const report = tsm(histories, 2025, { total: 2000 });
    expect(report.year).toBe(2025);
    expect(report.ch01.stage1).toEqual({ count: 2, perThousandHomes: 1 });
  });

  it('received 31 Mar 2025 at 11:00 London falls in 2024/25; received 23:30 UTC on 31 Mar 2026 falls in 2026/27', () => {
    expect(tsm(histories, 2024, { total: 2000 }).ch01.stage1).toEqual({ count: 1, perThousandHomes: 0.5 });
    expect(tsm(histories, 2026, { total: 2000 }).ch01.stage1).toEqual({ count: 1, perThousandHomes: 0.5 });
  });

  it('stage 2 is counted on the escalation request: received Feb 2025 (2024/25), escalated Wed 2 Apr 2025 → a 2025/26 stage 2 complaint only', () => {
    const history = [
      received('2025-02-03'),
      acknowledged(1, '2025-02-05'),
      responded(1, '2025-02-19'),
      escalated('2025-04-02'),
    ];
    expect(tsm([history], 2025).ch01).toMatchObject({
      stage1: { count: 0 },
      stage2: { count: 1, perThousandHomes: 1 },
    });
    expect(tsm([history], 2024).ch01).toMatchObject({ stage1: { count: 1 }, stage2: { count: 0 } });
  });

  it('refused complaints are reported apart, in the year they were received, and never in CH01', () => {
    const histories = [
      [received('2025-06-02'), refused('2025-06-03')],
      [received('2025-03-03'), refused('2025-04-02')], // received in 2024/25
      [received('2025-06-02')],
    ];
    const report = tsm(histories, 2025);
    expect(report.ch01.stage1).toEqual({ count: 1, perThousandHomes: 1 });
    expect(report.ch01.refused).toEqual({ count: 1 });
  });

  it('a withdrawn complaint was still received: it counts in CH01', () => {
    const report = tsm([[received('2025-06-02'), acknowledged(1, '2025-06-04'), withdrawn('2025-06-06')]], 2025);
    expect(report.ch01.stage1.count).toBe(1);
  });

  it('per 1,000 homes to 2 dp (1 in 3,000 = 0.33, 2 in 3,000 = 0.67), null when the number of homes is unknown or 0', () => {
    const one = [[received('2025-06-02')]];
    const two = [[received('2025-06-02')], [received('2025-06-03')]];
    expect(tsm(one, 2025, { total: 3000 }).ch01.stage1.perThousandHomes).toBe(0.33);
    expect(tsm(two, 2025, { total: 3000 }).ch01.stage1.perThousandHomes).toBe(0.67);
    expect(tsm(one, 2025, {}).ch01.stage1).toEqual({ count: 1, perThousandHomes: null });
    expect(tsm(one, 2025, { total: 0 }).ch01.stage1.perThousandHomes).toBeNull();
    expect(() => tsm(one, 2025, { total: -5 })).toThrow(RangeError);
  });
});

describe('CH01 by tenure', () => {
  const histories = [
    [
      received('2025-06-02', { tenure: 'LCRA' }),
      acknowledged(1, '2025-06-04'),
      responded(1, '2025-06-10'),
      escalated('2025-06-16'),
    ],
    [received('2025-06-02', { tenure: 'LCRA' })],
    [received('2025-06-02', { tenure: 'LCHO' })],
    [received('2025-06-02')], // tenure not known: in the total only
  ];

  it('splits LCRA and LCHO against their own homes (800 and 200): stage 1 LCRA 2 → 2.5, LCHO 1 → 5; the unknown tenure counts only in the total (4)', () => {
    const report = tsm(histories, 2025, { total: 1000, lcra: 800, lcho: 200 });
    expect(report.ch01.stage1).toEqual({ count: 4, perThousandHomes: 4 });
    expect(report.ch01.stage2).toEqual({ count: 1, perThousandHomes: 1 });
    expect(report.ch01.byTenure).toEqual({
      LCRA: { stage1: { count: 2, perThousandHomes: 2.5 }, stage2: { count: 1, perThousandHomes: 1.25 } },
      LCHO: { stage1: { count: 1, perThousandHomes: 5 }, stage2: { count: 0, perThousandHomes: 0 } },
    });
  });

  it('is absent when no homes per tenure are configured, and a tenure without homes has no rate', () => {
    expect(tsm(histories, 2025, { total: 1000 }).ch01.byTenure).toBeUndefined();
    const onlyLcra = tsm(histories, 2025, { total: 1000, lcra: 800 }).ch01.byTenure;
    expect(onlyLcra?.LCHO.stage1).toEqual({ count: 1, perThousandHomes: null });
  });
});

describe('CH02: responses within Code timescales, counted on response', () => {
  // Stage 1, acked 2 WD after receipt, so due 10 WD after the ack (2024 Code):
  const onTime = [received('2025-06-02'), acknowledged(1, '2025-06-04'), responded(1, '2025-06-10')]; // due 18 Jun 2025
  const late = [received('2025-06-02'), acknowledged(1, '2025-06-04'), responded(1, '2025-07-01')]; // due 18 Jun 2025
  // Received 24 Mar 2025 (2024/25), acked 26 Mar → due Wed 9 Apr 2025 (27,28,31 Mar, 1–4, 7,8,9 Apr); answered 8 Apr.
  const receivedLastYear = [received('2025-03-24'), acknowledged(1, '2025-03-26'), responded(1, '2025-04-08')];
  // Received 2 Mar 2026 (2025/26), acked 4 Mar → due 18 Mar 2026; answered Thu 2 Apr 2026 (2026/27), late.
  const answeredNextYear = [received('2026-03-02'), acknowledged(1, '2026-03-04'), responded(1, '2026-04-02')];

  it('2025/26 has three stage 1 responses (one of them to a complaint received in 2024/25), two within timescales → 66.7%', () => {
    const report = tsm([onTime, late, receivedLastYear, answeredNextYear], 2025);
    expect(report.ch02.stage1).toEqual({ responded: 3, withinTimescales: 2, percent: 66.7 });
  });

  it('a complaint received in one year and answered in the next counts in CH01 for the first and CH02 for the second', () => {
    expect(tsm([answeredNextYear], 2025)).toMatchObject({
      ch01: { stage1: { count: 1 } },
      ch02: { stage1: { responded: 0, percent: null } },
    });
    expect(tsm([answeredNextYear], 2026)).toMatchObject({
      ch01: { stage1: { count: 0 } },
      ch02: { stage1: { responded: 1, withinTimescales: 0, percent: 0 } },
    });
  });

  it('stage 2 separately: escalated Mon 16 Jun 2025, acked 18 Jun → due Wed 16 Jul (20 WD); answered 1 Jul → 1 of 1, 100%', () => {
    const history = [...onTime, escalated('2025-06-16'), acknowledged(2, '2025-06-18'), responded(2, '2025-07-01')];
    const report = tsm([history], 2025);
    expect(report.ch02.stage2).toEqual({ responded: 1, withinTimescales: 1, percent: 100 });
    expect(report.ch02.stage1).toEqual({ responded: 1, withinTimescales: 1, percent: 100 });
  });

  it('a response within an extended target but beyond the Code’s 10 WD extension limit is outside Code timescales: acked 4 Jun 2025 +15 WD → Code due Wed 2 Jul, own target Wed 9 Jul; answered Fri 4 Jul', () => {
    const history = [
      received('2025-06-02'),
      acknowledged(1, '2025-06-04'),
      extended(1, '2025-06-16', 15),
      responded(1, '2025-07-04'),
    ];
    expect(tsm([history], 2025).ch02.stage1).toEqual({ responded: 1, withinTimescales: 0, percent: 0 });
  });

  it('withdrawn complaints without a response are not in CH02; refused ones never reach it', () => {
    const report = tsm(
      [
        [received('2025-06-02'), acknowledged(1, '2025-06-04'), withdrawn('2025-06-06')],
        [received('2025-06-02'), refused('2025-06-03')],
      ],
      2025,
    );
    expect(report.ch02).toEqual({
      stage1: { responded: 0, withinTimescales: 0, percent: null },
      stage2: { responded: 0, withinTimescales: 0, percent: null },
    });
  });
});
