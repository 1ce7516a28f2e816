import type { SqlQueryable } from '@complaints/adapter-postgres';
import type { CalendarDate, EqualityAnswers } from '@complaints/contracts';
import { withActiveTables } from '../engine/active-tables';
import { sealedFromColumn, type ReadModelSeal } from '../sealing/read-model-seal';
import { EQUALITY_MONITORING, EQUALITY_MONITORING_TABLE, equalityBinding } from './equality-monitoring.projection';

/**
 * The latest answers of each complaint received between `from` and `to` (London dates,
 * inclusive) that gave any, opened for aggregation only: callers count them and never return
 * them. An erased complaint's answers are gone (dropped, or sealed under a destroyed key).
 */
export async function queryEqualityAnswers(
  sql: SqlQueryable,
  seal: ReadModelSeal,
  period: { from: CalendarDate; to: CalendarDate },
): Promise<EqualityAnswers[]> {
  const rows = await withActiveTables(sql, EQUALITY_MONITORING, (tables) =>
    sql.query<{ complaint_id: string; data_subject_id: string | null; answers_sealed: string }>(
      `SELECT complaint_id, data_subject_id, answers_sealed::text AS answers_sealed FROM ${tables.table(EQUALITY_MONITORING_TABLE)}
        WHERE received_on BETWEEN $1::date AND $2::date AND NOT erased AND answers_sealed IS NOT NULL`,
      [period.from, period.to],
    ),
  );
  const keys = await seal.forOpening(rows.map((row) => row.data_subject_id ?? undefined));
  return rows.flatMap((row) => {
    const opened = keys.open<EqualityAnswers>(
      row.data_subject_id,
      sealedFromColumn(row.answers_sealed),
      equalityBinding(row.complaint_id),
    );
    return opened.erased ? [] : [opened.value];
  });
}
