import { QueryYear } from '@complaints/contracts';

/** `year` of the reports that cover a reporting year (April to March): TSM, panel views, the annual report. */
export const ReportingYear = QueryYear('must be the year the reporting year starts in, e.g. 2025 for April 2025 to March 2026');
