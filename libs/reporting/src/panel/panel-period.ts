import type { CalendarDate } from '@complaints/contracts';
import { reportingYear } from '@complaints/domain';
import { monthBounds } from './monthly-report';

/** A period a panel asks about: YYYY-MM (a month), YYYY (a reporting year) or YYYY-Qn (a quarter of the reporting year). */
export const PANEL_PERIOD = /^(\d{4})(?:-(0[1-9]|1[0-2])|-Q([1-4]))?$/;
export const PANEL_PERIOD_HINT =
  'must be YYYY-MM (a month), YYYY (the reporting year starting in April of YYYY) or YYYY-Qn (quarter n of that reporting year: Q1 April–June … Q4 January–March)';

export function panelPeriod(period: string): { from: CalendarDate; to: CalendarDate } {
  const match = PANEL_PERIOD.exec(period);
  if (!match) throw new RangeError(`Not a panel period: ${period}`);
  const year = Number(match[1]);
  if (match[2]) return monthBounds(period);
  if (!match[3]) {
    const { from, to } = reportingYear(year);
    return { from, to };
  }
  // Quarters of the reporting year, as landlords report them: Q1 starts in April.
  const quarter = Number(match[3]);
  const firstMonth = 4 + (quarter - 1) * 3; // 4, 7, 10, 13
  const startYear = firstMonth > 12 ? year + 1 : year;
  const startMonth = ((firstMonth - 1) % 12) + 1;
  const from = monthBounds(`${startYear}-${String(startMonth).padStart(2, '0')}`).from;
  const to = monthBounds(`${startYear}-${String(startMonth + 2).padStart(2, '0')}`).to;
  return { from, to };
}
