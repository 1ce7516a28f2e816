import type { CalendarDate, Instant, LegalHoldCategory } from '@complaints/contracts';
import { toLondonDate } from '../../calendar/london-date';
import { latest } from '../instants';
import type { RetentionRecord } from './retention-record';

/** What keeps a complaint's personal data beyond its retention period (docs/domain.md, "Retention and legal hold"). */
export type Hold =
  | {
      readonly kind: 'ombudsman_case';
      readonly ombudsmanReference: string;
      readonly outstandingOrders: readonly string[];
    }
  | {
      readonly kind: 'legal_hold';
      readonly holdId: string;
      readonly category: LegalHoldCategory;
      readonly placedAt: Instant;
      readonly placedBy: string;
    };

/** Every hold in force: an open Ombudsman case (automatic) and the explicit legal holds. */
export function holdsOf(record: RetentionRecord): Hold[] {
  const holds: Hold[] = [];
  const ombudsman = record.ombudsman;
  if (ombudsman !== null && ombudsman.closedAt === null) {
    holds.push({
      kind: 'ombudsman_case',
      ombudsmanReference: ombudsman.reference,
      outstandingOrders: ombudsman.outstandingOrders,
    });
  }
  for (const hold of record.holds) holds.push({ kind: 'legal_hold', ...hold });
  return holds;
}

/** One line per hold, naming no person: for a 409's detail. */
export function describeHold(hold: Hold): string {
  if (hold.kind === 'legal_hold')
    return `Legal hold ${hold.holdId} (${hold.category.replaceAll('_', ' ')}) placed ${hold.placedAt}.`;
  return hold.outstandingOrders.length > 0
    ? `Ombudsman order(s) ${hold.outstandingOrders.join(', ')} not yet complied with.`
    : `Ombudsman case ${hold.ombudsmanReference} has no determination yet.`;
}

/**
 * The moment the retention period runs from: the end of the complaint, or the close of its
 * Ombudsman case when that came later (the case file is evidence until then). While the
 * Ombudsman case is open the period runs from the end of the complaint and the case holds the
 * data (a `Hold`). Null while the complaint is open. A lifted legal hold does not restart it: a
 * hold only delays an erasure that is due.
 */
export function retentionStartOf(record: RetentionRecord): Instant | null {
  if (record.endedAt === null) return null;
  const closedAt = record.ombudsman?.closedAt ?? null;
  return closedAt === null ? record.endedAt : latest(record.endedAt, closedAt);
}

/** The same day `years` later (29 February becomes 28 February, as the 12-month rule reads it). ISO dates compare as strings. */
export function retentionDueOn(from: CalendarDate, years: number): CalendarDate {
  const [year = '', month = '', day = ''] = from.split('-');
  const later = Number(year) + years;
  const leap = (later % 4 === 0 && later % 100 !== 0) || later % 400 === 0;
  return `${String(later).padStart(4, '0')}-${month}-${month === '02' && day === '29' && !leap ? '28' : day}`;
}

export type RetentionStatus =
  /** Still open: the retention period has not started. */
  | { readonly status: 'open'; readonly retentionFrom: null; readonly dueOn: null; readonly holds: readonly Hold[] }
  | {
      readonly status: 'not_due' | 'due' | 'held';
      readonly retentionFrom: CalendarDate;
      readonly dueOn: CalendarDate;
      readonly holds: readonly Hold[];
    }
  | { readonly status: 'erased'; readonly erasedAt: Instant };

/**
 * Where a complaint stands against the retention schedule on a (London) date: `due` (erasure
 * may be approved), `held` (due, but a hold keeps it), `not_due`, `open` or `erased`.
 */
export function retentionStatusOf(record: RetentionRecord, asOf: CalendarDate, years: number): RetentionStatus {
  if (record.erasedAt !== null) return { status: 'erased', erasedAt: record.erasedAt };
  const holds = holdsOf(record);
  const start = retentionStartOf(record);
  if (start === null) return { status: 'open', retentionFrom: null, dueOn: null, holds };
  const retentionFrom = toLondonDate(start);
  const dueOn = retentionDueOn(retentionFrom, years);
  const status = asOf < dueOn ? 'not_due' : holds.length > 0 ? 'held' : 'due';
  return { status, retentionFrom, dueOn, holds };
}
