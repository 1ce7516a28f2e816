import type { SqlQueryable } from '@complaints/adapter-postgres';
import type { PanelLessonEntry } from '@complaints/projections';
import { caseloadAt } from '../dashboard/caseload-at';
import { periodFiguresFromFacts } from '../period/period-figures-from-facts';
import { monthBounds, monthlyReportOf, type MonthlyPanelReport } from './monthly-report';

/**
 * The scrutiny panel's monthly report from the read models, the same JSON as monthlyPanelReport
 * (the fold it is proved against, part by part): the month's figures are SQL over case_measures
 * (periodFiguresFromFacts), the open caseload and what was overdue at the end of the month SQL
 * over case_fact_versions as the complaints stood that day (caseloadAt), and the lessons the
 * panel's screened copy, as before.
 */
export async function queryMonthlyPanelReport(
  sql: SqlQueryable,
  month: string,
  // May still be on its way: read beside the two statements rather than before them.
  lessonsInMonth: readonly PanelLessonEntry[] | Promise<readonly PanelLessonEntry[]>,
): Promise<MonthlyPanelReport> {
  const period = monthBounds(month);
  const [figures, caseload, lessons] = await Promise.all([
    periodFiguresFromFacts(sql, period),
    caseloadAt(sql, period.to),
    lessonsInMonth,
  ]);
  return monthlyReportOf(month, figures, caseload, lessons);
}
