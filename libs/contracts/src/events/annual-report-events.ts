import { z } from 'zod';
import { defineEvent } from '../define-event';
import { Instant, ShortText, Text } from '../primitives';

/**
 * The annual complaints performance and service-improvement report of a reporting year (Code
 * 8.1 and 8.2; docs/annual-report.md): a governance record, stream `governance-annual-report-<year>`.
 * The governing body's response is recorded first; the report is then published with it.
 */
export const MAX_GOVERNING_BODY_RESPONSE = 8000;
/** A reporting year by the year it starts in (2025: April 2025 to March 2026). */
export const GovernanceYear = z.number().int().min(1900).max(2100);

export const GoverningBodyResponseRecordedV1 = defineEvent({
  type: 'GoverningBodyResponseRecorded',
  schemaVersion: 1,
  description:
    "The governing body's response to a reporting year's annual complaints performance and service-improvement report (Code 8.2), as it will be published beside the report; a later one replaces it until the report is published.",
  personal: [],
  schema: z.strictObject({
    occurredAt: Instant,
    year: GovernanceYear,
    /** Which body responded: "Board", "Audit and Risk Committee". */
    body: ShortText,
    response: Text(MAX_GOVERNING_BODY_RESPONSE),
    /** The staff id of whoever recorded it. */
    recordedBy: ShortText,
  }),
});
export type GoverningBodyResponseRecorded = z.infer<typeof GoverningBodyResponseRecordedV1.schema>;

export const AnnualReportPublishedV1 = defineEvent({
  type: 'AnnualReportPublished',
  schemaVersion: 1,
  description:
    "A reporting year's annual complaints performance and service-improvement report was published with the governing body's response (Code 8.2): from then the public routes serve it and the response can no longer change.",
  personal: [],
  schema: z.strictObject({
    occurredAt: Instant,
    year: GovernanceYear,
    /** The staff id of whoever published it. */
    publishedBy: ShortText,
  }),
});
export type AnnualReportPublished = z.infer<typeof AnnualReportPublishedV1.schema>;
