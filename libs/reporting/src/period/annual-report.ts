import type { ComplaintEvent } from '@complaints/contracts';
import { reportingYear, type WorkingDayCalendar } from '@complaints/domain';
import { periodFigures } from './period-figures';
import { enquiryFigures } from './enquiry-figures';

/**
 * The data of the annual complaints performance report (domain.md, "Measures"): volumes and
 * upheld rates by service area and category, timeliness per stage, extensions, escalation rate,
 * compensation by kind, refusals by ground, lessons and service changes, Ombudsman referrals,
 * findings and orders, satisfaction, enquiries from MPs, councillors and representative bodies. Aggregates only, so scrutiny panels may read it.
 * The fold: the reference annualReportFromFacts (what the API serves) is proved against.
 */
export function annualReport(
  histories: readonly (readonly ComplaintEvent[])[],
  calendar: WorkingDayCalendar,
  year: number,
) {
  const period = reportingYear(year);
  const range = { from: period.from, to: period.to };
  // Enquiries from MPs, councillors and representative bodies (docs/domain.md, "Enquiries").
  return { year, ...periodFigures(histories, calendar, range), enquiries: enquiryFigures(histories, calendar, range) };
}
