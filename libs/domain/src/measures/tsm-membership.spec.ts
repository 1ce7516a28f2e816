import type { ComplaintEvent, Tenure } from '@complaints/contracts';
import { describe, expect, it } from 'vitest';
import { createWorkingDayCalendar } from '../calendar';
import { acknowledged, escalated, received, refused, responded, withdrawn } from '../sla/complaint-history.fixture';
import { computeTsm, tsmComplaints } from './compute-tsm';
import { TSM_MEASURES, type TsmMeasure } from './tsm-membership';

const calendar = createWorkingDayCalendar();
const homes = { total: 1000, lcra: 800, lcho: 200 };
const ids = (histories: ComplaintEvent[][], year: number, measure: TsmMeasure, extra: { tenure?: Tenure; withinTimescales?: boolean } = {}) =>
  tsmComplaints(histories, { year, calendar }, { measure, ...extra }).map((c) => c.complaintId);

const withId = (id: string, tenure: Tenure | undefined, ...rest: ComplaintEvent[]): ComplaintEvent[] => {
  const [first, ...others] = rest;
  if (first?.type !== 'ComplaintReceived') throw new Error('a history starts with its receipt');
  return [received(first.data.occurredAt, { id, ...(tenure ? { tenure } : {}) }), ...others];
};

// Received Mon 16 Mar 2026 (2025/26), acked 17 Mar → due Tue 31 Mar; answered Wed 1 Apr 2026 (2026/27), 1 WD late.
const marchToApril = withId('march-april', 'LCRA', received('2026-03-16'), acknowledged(1, '2026-03-17'), responded(1, '2026-04-01'));
const refusedInYear = withId('refused', 'LCHO', received('2025-06-02'), refused('2025-06-03'));
const withdrawnInYear = withId('withdrawn', 'LCHO', received('2025-06-02'), acknowledged(1, '2025-06-04'), withdrawn('2025-06-06'));
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
    expect(entry).toMatchObject({ reference: 'REF-march-april', receivedOn: '2026-03-16', response: { stage: 1, respondedOn: '2026-04-01', due: '2026-03-31', withinTimescales: false } });
  });

  it('refused: listed under refused in the year received, never in CH01 or CH02', () => {
    expect(ids(all, 2025, 'refused')).toEqual(['refused']);
    for (const measure of TSM_MEASURES.filter((m) => m !== 'refused')) expect(ids(all, 2025, measure), measure).not.toContain('refused');
    expect(tsmComplaints([refusedInYear], { year: 2025, calendar }, { measure: 'refused' })[0]).toMatchObject({ refusedOn: '2025-06-03' });
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
