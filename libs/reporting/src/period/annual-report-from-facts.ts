import type { SqlQueryable } from '@complaints/adapter-postgres';
import { reportingYear } from '@complaints/domain';
import { periodFiguresFromFacts } from './period-figures-from-facts';
import { enquiryFiguresFromFacts } from './enquiry-figures-from-facts';

/** The annual report's data (annualReport's JSON) from the measures read model: the reporting year's period figures. */
export async function annualReportFromFacts(sql: SqlQueryable, year: number) {
  const period = reportingYear(year);
  const range = { from: period.from, to: period.to };
  return { year, ...(await periodFiguresFromFacts(sql, range)), enquiries: await enquiryFiguresFromFacts(sql, range) };
}
