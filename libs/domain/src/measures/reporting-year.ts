import type { CalendarDate } from '@complaints/contracts';

export interface ReportingYear {
  readonly year: number;
  readonly from: CalendarDate;
  readonly to: CalendarDate;
}

/** The TSM reporting year named by the year it starts in: 1 April to 31 March, both included. */
export function reportingYear(year: number): ReportingYear {
  if (!Number.isInteger(year) || year < 1000 || year > 9998) throw new RangeError(`Not a reporting year: ${year}`);
  return { year, from: `${year}-04-01`, to: `${year + 1}-03-31` };
}

export function isInReportingYear(date: CalendarDate, period: ReportingYear): boolean {
  return date >= period.from && date <= period.to;
}

/** The reporting year (April to March, by the year it starts in) that a London date falls in. */
export function reportingYearOf(date: CalendarDate): number {
  const year = Number(date.slice(0, 4));
  return Number(date.slice(5, 7)) >= 4 ? year : year - 1;
}
