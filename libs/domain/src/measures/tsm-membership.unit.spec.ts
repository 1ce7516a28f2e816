import type { ComplaintEvent, Tenure } from '@complaints/contracts';
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
import { computeTsm, tsmComplaints } from './compute-tsm';
import { TSM_MEASURES, type TsmMeasure } from './tsm-membership';

const calendar = createWorkingDayCalendar();
const homes = { total: 1000, lcra: 800, lcho: 200 };
const ids = (
  histories: ComplaintEvent[][],
  year: number,
  measure: TsmMeasure,
  extra: { tenure?: Tenure; withinTimescales?: boolean } = {},
) => tsmComplaints(histories, { year, calendar }, { measure, ...extra }).map((c) => c.complaintId);

const withId = (id: string, tenure: Tenure | undefined, ...rest: ComplaintEvent[]): ComplaintEvent[] => {
  const [first, ...others] = rest;
  if (first?.type !== 'ComplaintReceived') throw new Error('a history starts with its receipt');
  return [received(first.data.occurredAt, { id, ...(tenure ? { tenure } : {}) }), ...others];
};

// Received Mon 16 Mar 2026 (2025/26), acked 17 Mar → due Tue 31 Mar; answered Wed 1 Apr 2026 (2026/27), 1 WD late.
const marchToApril = withId(
  'march-april',
  'LCRA',
  received('2026-03-16'),
  acknowledged(1, '2026-03-17'),
  responded(1, '2026-04-01'),
);
const refusedInYear = withId('refused', 'LCHO', received('2025-06-02'), refused('2025-06-03'));
const withdrawnInYear = withId(
  'withdrawn',
  'LCHO',
  received('2025-06-02'),
  acknowledged(1, '2025-06-04'),
  withdrawn('2025-06-06'),
);
// Received and answered in 2025/26; stage 2 requested Mon 30 Mar 2026, acked 1 Apr, answered 15 Apr 2026 (2026/27).
const escalatedAcross = withId(
  'escalated-across',
  undefined,
  received('2026-02-02'),
  acknowledged(1, '2026-02-03'),
  responded(1, '2026-02-10'),
  escalated('2026-03-30'),
  acknowledged(2, '2026-04-01'),
  responded(2, '2026-04-15'),
);
const all = [marchToApril, refusedInYear, withdrawnInYear, escalatedAcross];

describe('the complaints behind each TSM figure', () => {
  it('received in March and answered in April: in CH01 of the year received, in CH02 of the next year (late)', () => {
    expect(ids(all, 2025, 'ch01-stage1')).toContain('march-april');
    expect(ids(all, 2025, 'ch02-stage1')).not.toContain('march-april');
    expect(ids(all, 2026, 'ch01-stage1')).not.toContain('march-april');
    const [entry] = tsmComplaints([marchToApril], { year: 2026, calendar }, { measure: 'ch02-stage1' });
    expect(entry).toMatchObject({
      reference: 'REF-march-april',
      receivedOn: '2026-03-16',
      response: { stage: 1, respondedOn: '2026-04-01', due: '2026-03-31', withinTimescales: false },
    });
  });

  it('refused: listed under refused in the year received, never in CH01 or CH02', () => {
    expect(ids(all, 2025, 'refused')).toEqual(['refused']);
    for (const measure of TSM_MEASURES.filter((m) => m !== 'refused'))
      expect(ids(all, 2025, measure), measure).not.toContain('refused');
    expect(tsmComplaints([refusedInYear], { year: 2025, calendar }, { measure: 'refused' })[0]).toMatchObject({
      refusedOn: '2025-06-03',
    });
  });

  it('withdrawn without a response: counted as received (CH01), absent from CH02', () => {
    expect(ids(all, 2025, 'ch01-stage1')).toContain('withdrawn');
    expect(ids(all, 2025, 'ch02-stage1')).not.toContain('withdrawn');
  });

  it('stage 2 requested on 30 March and answered in April: CH01 stage 2 in the first year, CH02 stage 2 in the next', () => {
    expect(ids(all, 2025, 'ch01-stage2')).toEqual(['escalated-across']);
    expect(ids(all, 2026, 'ch01-stage2')).toEqual([]);
    expect(ids(all, 2025, 'ch02-stage2')).toEqual([]);
    expect(ids(all, 2026, 'ch02-stage2')).toEqual(['escalated-across']);
    expect(ids(all, 2025, 'ch02-stage1')).toEqual(['escalated-across']);
  });

  it('filters by tenure and by within timescales', () => {
    expect(ids(all, 2025, 'ch01-stage1', { tenure: 'LCHO' })).toEqual(['withdrawn']);
    expect(ids(all, 2025, 'ch01-stage1', { tenure: 'LCRA' })).toEqual(['march-april']);
    expect(ids(all, 2026, 'ch02-stage1', { withinTimescales: false })).toEqual(['march-april']);
    expect(ids(all, 2026, 'ch02-stage1', { withinTimescales: true })).toEqual([]);
  });

  it.each([2024, 2025, 2026])('in %i every list is exactly as long as the figure computeTsm reports', (year) => {
    const report = computeTsm(all, { year, calendar, homes });
    expect(ids(all, year, 'ch01-stage1')).toHaveLength(report.ch01.stage1.count);
    expect(ids(all, year, 'ch01-stage2')).toHaveLength(report.ch01.stage2.count);
    expect(ids(all, year, 'refused')).toHaveLength(report.ch01.refused.count);
    expect(ids(all, year, 'ch02-stage1')).toHaveLength(report.ch02.stage1.responded);
    expect(ids(all, year, 'ch02-stage2')).toHaveLength(report.ch02.stage2.responded);
    expect(ids(all, year, 'ch02-stage1', { withinTimescales: true })).toHaveLength(report.ch02.stage1.withinTimescales);
    for (const tenure of ['LCRA', 'LCHO'] as const) {
      expect(ids(all, year, 'ch01-stage1', { tenure })).toHaveLength(report.ch01.byTenure![tenure].stage1.count);
      expect(ids(all, year, 'ch01-stage2', { tenure })).toHaveLength(report.ch01.byTenure![tenure].stage2.count);
    }
  });
});

/**
 * Given a complaint's events, when the TSM of a year is computed, then CH02 (and the list behind
 * it) judges each response against the Code target of computeSla: counted from the
 * acknowledgement, moved only by extensions agreed on or before it, and only up to the limit.
 */
describe('CH02 follows the Code target, whatever the extensions and the acknowledgement', () => {
  const ch02 = (history: ComplaintEvent[], year: number, stage: 1 | 2 = 1) => {
    const [entry] = tsmComplaints(
      [history],
      { year, calendar },
      { measure: stage === 1 ? 'ch02-stage1' : 'ch02-stage2' },
    );
    return {
      response: entry?.response,
      figure: computeTsm([history], { year, calendar, homes }).ch02[stage === 1 ? 'stage1' : 'stage2'],
    };
  };
  const withGoodReason = (event: ComplaintEvent, goodReason: string): ComplaintEvent =>
    event.type === 'ExtensionAgreed' ? { ...event, data: { ...event.data, goodReason } } : event;

  it('given the Code due date Wed 18 Mar 2026 and +5 WD agreed on Fri 20 Mar (after it had passed), when answered Tue 24 Mar, then the response is outside Code timescales, due 18 Mar: a back-dated extension cures nothing', () => {
    const history = [
      received('2026-03-02'),
      acknowledged(1, '2026-03-04'),
      extended(1, '2026-03-20', 5),
      responded(1, '2026-03-24'),
    ];
    const { response, figure } = ch02(history, 2025);
    expect(response).toEqual({ stage: 1, respondedOn: '2026-03-24', due: '2026-03-18', withinTimescales: false });
    expect(figure).toEqual({ responded: 1, withinTimescales: 0, percent: 0 });
  });

  it('given the same +5 WD agreed on the due date itself (Wed 18 Mar 2026), when answered Tue 24 Mar, then it is within Code timescales, due Wed 25 Mar', () => {
    const history = [
      received('2026-03-02'),
      acknowledged(1, '2026-03-04'),
      extended(1, '2026-03-18', 5),
      responded(1, '2026-03-24'),
    ];
    expect(ch02(history, 2025).response).toEqual({
      stage: 1,
      respondedOn: '2026-03-24',
      due: '2026-03-25',
      withinTimescales: true,
    });
  });

  it('given an acknowledgement due Mon 9 Mar 2026 and made late on Thu 12 Mar, when answered Tue 24 Mar, then it is within Code timescales: the response is due 10 WD after the acknowledgement (Thu 26 Mar), not after its due date (Mon 23 Mar)', () => {
    const history = [received('2026-03-02'), acknowledged(1, '2026-03-12'), responded(1, '2026-03-24')];
    const { response, figure } = ch02(history, 2025);
    expect(response).toEqual({ stage: 1, respondedOn: '2026-03-24', due: '2026-03-26', withinTimescales: true });
    expect(figure).toEqual({ responded: 1, withinTimescales: 1, percent: 100 });
  });

  it('given the same late acknowledgement, when answered Fri 27 Mar 2026, then it is outside Code timescales, 1 WD after the due date Thu 26 Mar', () => {
    const history = [received('2026-03-02'), acknowledged(1, '2026-03-12'), responded(1, '2026-03-27')];
    expect(ch02(history, 2025).response).toEqual({
      stage: 1,
      respondedOn: '2026-03-27',
      due: '2026-03-26',
      withinTimescales: false,
    });
  });

  it('given stage 2 requested Mon 1 Jun 2026 and acknowledged late on Wed 10 Jun (due Mon 8 Jun), when answered Tue 7 Jul, then stage 2 is within Code timescales: due Wed 8 Jul, 20 WD after the acknowledgement (Code 6.15)', () => {
    const history = [
      received('2026-05-11'),
      acknowledged(1, '2026-05-13'),
      responded(1, '2026-05-20'),
      escalated('2026-06-01'),
      acknowledged(2, '2026-06-10'),
      responded(2, '2026-07-07'),
    ];
    const { response, figure } = ch02(history, 2026, 2);
    expect(response).toEqual({ stage: 2, respondedOn: '2026-07-07', due: '2026-07-08', withinTimescales: true });
    expect(figure).toEqual({ responded: 1, withinTimescales: 1, percent: 100 });
  });

  it('given +15 WD agreed in time with a good reason recorded (acked Wed 4 Jun 2025: Code due Wed 2 Jul, own target Wed 9 Jul), when answered Fri 4 Jul, then it is still outside Code timescales: a good reason is reported, it moves only the own target', () => {
    const history = [
      received('2025-06-02'),
      acknowledged(1, '2025-06-04'),
      withGoodReason(extended(1, '2025-06-16', 15), 'The only damp specialist has a four-week waiting list'),
      responded(1, '2025-07-04'),
    ];
    expect(ch02(history, 2025).response).toEqual({
      stage: 1,
      respondedOn: '2025-07-04',
      due: '2025-07-02',
      withinTimescales: false,
    });
  });
});
