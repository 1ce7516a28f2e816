import type { SqlQueryable } from '@complaints/adapter-postgres';
import type { EnquirySource } from '@complaints/contracts';
import { CASE_FILES, CASE_MEASURES_TABLE, withActiveTables } from '@complaints/projections';
import type { Period } from './figures-arithmetic';
import { enquiryFiguresOf, type EnquiryFact, type EnquiryFigures } from './enquiry-figures';

/**
 * The enquiry figures of a period from the case_measures rows (enquiry_received and
 * enquiry_answered, with the kind and the working days to answer): a range over the (measure,
 * on_date) index. The rows themselves, not sums, because a median needs every value; a year
 * of a landlord's enquiries is a few hundred rows.
 */
export async function enquiryFiguresFromFacts(sql: SqlQueryable, period: Period): Promise<EnquiryFigures> {
  const rows = await withActiveTables(sql, CASE_FILES, (tables) =>
    sql.query<{ measure: EnquiryFact['measure']; kind: EnquirySource; working_days: number | null }>(
      `SELECT measure, kind, working_days FROM ${tables.table(CASE_MEASURES_TABLE)}
        WHERE measure IN ('enquiry_received', 'enquiry_answered') AND on_date BETWEEN $1::date AND $2::date`,
      [period.from, period.to],
    ),
  );
  return enquiryFiguresOf(
    rows.map((row) => ({
      measure: row.measure,
      kind: row.kind,
      workingDays: row.working_days === null ? null : Number(row.working_days),
    })),
  );
}
