import { z } from 'zod';
import { QueryYear } from '@complaints/contracts';
import { quarterOf, QUARTER_HINT } from '@complaints/reporting';

/** `year` of the reports that cover a reporting year (April to March): TSM, panel views, the annual report. */
export const ReportingYear = QueryYear(
  'must be the year the reporting year starts in, e.g. 2025 for April 2025 to March 2026',
);

/** `quarter` of the quarterly reports (action plans, the Member Responsible's report): YYYY-Qn of a reporting year. */
export const ReportingQuarter = z.string().refine((quarter) => quarterOf(quarter) !== null, QUARTER_HINT);
