import type { CalendarDate } from '@complaints/contracts';
import type { ComplaintState } from '../state';
import type { RestrictionRecord } from './restriction-record';

/**
 * The longest a restriction may run before a manager must look at it again: six calendar months
 * from its imposition or its latest review (docs/domain.md, "Restrictions"). The landlords'
 * policies say restrictions are reviewed regularly; six months is the longest of the periods
 * they name, so a shorter local practice is always allowed.
 */
export const MAX_RESTRICTION_REVIEW_MONTHS = 6;

/**
 * Where a restriction stands on a date:
 * - `active`: in force, its review date today or later;
 * - `review_overdue`: its review date has passed without a review, so it no longer applies
 *   (a restriction cannot outlive its review); a manager may still review or lift it;
 * - `lifted`.
 */
export type RestrictionStatus = 'active' | 'review_overdue' | 'lifted';

export function restrictionStatusOf(restriction: RestrictionRecord, today: CalendarDate): RestrictionStatus {
  if (restriction.liftedAt !== null) return 'lifted';
  return restriction.reviewDue < today ? 'review_overdue' : 'active';
}

export type RestrictionWithStatus = RestrictionRecord & { readonly status: RestrictionStatus };

/** Every restriction ever imposed on the complaint, with where it stands on `today`. */
export function restrictionsOf(state: ComplaintState, today: CalendarDate): readonly RestrictionWithStatus[] {
  if (state.status === 'not_received') return [];
  return state.restrictions.map((r) => ({ ...r, status: restrictionStatusOf(r, today) }));
}

/**
 * The restrictions that apply on `today`: imposed, not lifted, and not past their review date.
 * What letters and the case page tell the resident and staff about; a lapsed one is not among them.
 */
export function activeRestrictionsOf(state: ComplaintState, today: CalendarDate): readonly RestrictionWithStatus[] {
  return restrictionsOf(state, today).filter((r) => r.status === 'active');
}

/** `date` plus `months` calendar months, on the same day of the month or the month's last day (31 Aug + 6 → 28/29 Feb). */
export function addCalendarMonths(date: CalendarDate, months: number): CalendarDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const monthIndex = y * 12 + (m - 1) + months;
  const year = Math.floor(monthIndex / 12);
  const month = (monthIndex % 12) + 1;
  const day = Math.min(d, daysInMonth(year, month));
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function daysInMonth(year: number, month: number): number {
  return [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 31;
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}
