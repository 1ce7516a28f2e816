import type { SqlQueryable } from '@complaints/adapter-postgres';
import { reportingYear } from '@complaints/domain';
import { periodFiguresFromFacts } from './period-figures-from-facts';

/** The annual report's data (annualReport's JSON) from the measures read model: the reporting year's period figures. */
export async function annualReportFromFacts(sql: SqlQueryable, year: number) {
  const period = reportingYear(year);
  return { year, ...(await periodFiguresFromFacts(sql, { from: period.from, to: period.to })) };
}
