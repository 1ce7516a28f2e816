import type { SqlQueryable } from '@complaints/adapter-postgres';
import type { CalendarDate } from '@complaints/contracts';
import { retentionStatusOf, type Hold, type RetentionRecord } from '@complaints/domain';
import { withActiveTables } from '../engine/active-tables';
import { RETENTION, RETENTION_CASES_TABLE } from './retention.projection';

/** A complaint whose retention period had run out on the date asked about. */
export interface RetentionDueCase {
  complaintId: string;
  reference: string;
  /** `due`: erasure may be approved; `held`: due, but kept by the holds listed. */
  status: 'due' | 'held';
  retentionFrom: CalendarDate;
  dueOn: CalendarDate;
  holds: readonly Hold[];
}

/**
 * The complaints due for erasure under a schedule of `years` on `asOf` (London date), the held
 * ones with what holds them; erased ones are left out. Oldest due first. SQL only narrows the
 * rows (a day's margin for 29 February); the domain's retentionStatusOf decides each, as the
 * approval will.
 */
export async function queryRetentionDue(
  sql: SqlQueryable,
  query: { asOf: CalendarDate; years: number },
): Promise<RetentionDueCase[]> {
  return withActiveTables(sql, RETENTION, async (tables) => {
    const rows = await sql.query<{ complaint_id: string; reference: string; record: string }>(
      `SELECT complaint_id, reference, record::text AS record FROM ${tables.table(RETENTION_CASES_TABLE)}
        WHERE NOT erased AND retention_from IS NOT NULL
          AND retention_from <= ($1::date - make_interval(years => $2::int))::date + 1
        ORDER BY retention_from, reference COLLATE "C", complaint_id COLLATE "C"`,
      [query.asOf, query.years],
    );
    const due: RetentionDueCase[] = [];
    for (const row of rows) {
      const status = retentionStatusOf(JSON.parse(row.record) as RetentionRecord, query.asOf, query.years);
      if (status.status !== 'due' && status.status !== 'held') continue;
      due.push({
        complaintId: row.complaint_id,
        reference: row.reference,
        status: status.status,
        retentionFrom: status.retentionFrom,
        dueOn: status.dueOn,
        holds: status.holds,
      });
    }
    return due;
  });
}
