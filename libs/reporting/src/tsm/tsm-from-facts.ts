import type { SqlQueryable } from '@complaints/adapter-postgres';
import type { Stage, Tenure } from '@complaints/contracts';
import { reportingYear, type TsmHomes, type TsmReport } from '@complaints/domain';
import { CASE_FILES, CASE_MEASURES_TABLE, withActiveTables } from '@complaints/projections';
import { tsmReportFromCounts } from './tsm-figures';

interface TsmRow {
  measure: 'received' | 'escalated' | 'responded';
  stage: Stage | null;
  tenure: Tenure | null;
  refused: boolean;
  n: number;
  within: number;
}

/**
 * TSM CH01 and CH02 of a reporting year (computeTsm's JSON) as one aggregate over the measures
 * dated in it, with tsmMembership's rules: CH01 stage 1 = received in the year and not refused
 * (refused ones reported apart); CH01 stage 2 = escalation requested in the year; CH02 = stage
 * responses issued in the year, within the Code target or not. The caller waits for the read
 * models to catch up first.
 */
export async function tsmReportFromFacts(
  sql: SqlQueryable,
  options: { year: number; homes: TsmHomes },
): Promise<TsmReport> {
  const period = reportingYear(options.year);
  const rows = await withActiveTables(sql, CASE_FILES, (tables) =>
    sql.query<TsmRow>(
      `SELECT measure, stage, tenure, refused_on IS NOT NULL AS refused, count(*)::int AS n, count(*) FILTER (WHERE within_code)::int AS within
         FROM ${tables.table(CASE_MEASURES_TABLE)}
        WHERE measure IN ('received', 'escalated', 'responded') AND on_date BETWEEN $1::date AND $2::date
        GROUP BY measure, stage, tenure, refused_on IS NOT NULL`,
      [period.from, period.to],
    ),
  );
  return tsmReportFromCounts(period.year, options.homes, {
    ch01: rows
      .filter((row) => row.measure === 'escalated' || (row.measure === 'received' && !row.refused))
      .map((row) => ({ stage: row.measure === 'received' ? 1 : 2, tenure: row.tenure, count: row.n })),
    refused: rows.filter((row) => row.measure === 'received' && row.refused).reduce((sum, row) => sum + row.n, 0),
    ch02: rows
      .filter((row) => row.measure === 'responded')
      .map((row) => ({ stage: row.stage === 2 ? 2 : 1, responded: row.n, within: row.within })),
  });
}
