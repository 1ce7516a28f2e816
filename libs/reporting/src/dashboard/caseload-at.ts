import type { SqlQueryable } from '@complaints/adapter-postgres';
import type { CalendarDate } from '@complaints/contracts';
import { asOfVersions, overdue, toCount, withCaseVersions } from './case-versions';

/** The open caseload at the end of a date, and what of it was overdue against the Code target. */
export interface CaseloadAt {
  open: { total: number; stage1: number; stage2: number };
  /** Complaints with either milestone overdue (caseSlaStatus's overdueAgainstCode), and each milestone. */
  overdue: { complaints: number; acknowledgements: number; responses: number };
}

/**
 * What the panel's monthly report gives for the month's last day (openAtMonthEnd,
 * overdueAtMonthEnd), counted in the database over case_fact_versions as the complaints stood at
 * the end of `on`: open ones by stage, and of those the current stage's acknowledgement or Code
 * response not done by a due date before `on`.
 */
export async function caseloadAt(sql: SqlQueryable, on: CalendarDate): Promise<CaseloadAt> {
  const ack = overdue('acknowledgement_due', 'acknowledged_on');
  const response = overdue('code_response_due', 'responded_on');
  const [row] = await withCaseVersions(sql, (table) =>
    sql.query<Record<'total' | 'stage1' | 'stage2' | 'complaints' | 'acknowledgements' | 'responses', number | string>>(
      `SELECT count(*) AS total, count(*) FILTER (WHERE stage = 1) AS stage1, count(*) FILTER (WHERE stage = 2) AS stage2,
              count(*) FILTER (WHERE ${ack} OR ${response}) AS complaints,
              count(*) FILTER (WHERE ${ack}) AS acknowledgements, count(*) FILTER (WHERE ${response}) AS responses
         FROM ${table} WHERE ${asOfVersions('$1')} AND status = 'open'`,
      [on],
    ),
  );
  return {
    open: { total: toCount(row?.total), stage1: toCount(row?.stage1), stage2: toCount(row?.stage2) },
    overdue: {
      complaints: toCount(row?.complaints),
      acknowledgements: toCount(row?.acknowledgements),
      responses: toCount(row?.responses),
    },
  };
}
