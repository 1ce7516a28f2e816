import { z } from 'zod';
import { MAX_GOVERNING_BODY_RESPONSE } from '../events/annual-report-events';
import { Actor, InputInstant, InputShortText, InputText } from '../primitives';

/**
 * What managers ask of a reporting year's annual report (docs/annual-report.md). The request
 * bodies: the year comes from the path, the time defaults to now.
 */
export const RecordGoverningBodyResponse = z.strictObject({
  /** Which body responded: "Board", "Audit and Risk Committee". */
  body: InputShortText,
  response: InputText(MAX_GOVERNING_BODY_RESPONSE),
  /** When the body gave its response (the meeting); default now. */
  respondedAt: InputInstant.optional(),
});
export const PublishAnnualReport = z.strictObject({
  /** When it was published; default now. */
  publishedAt: InputInstant.optional(),
});

export const annualReportCommandSchemas = { RecordGoverningBodyResponse, PublishAnnualReport } as const;
export type AnnualReportCommandType = keyof typeof annualReportCommandSchemas;

/** A command to the annual report of `year`: what the decider is given. Time comes on it (`now`), never from a clock. */
export type AnnualReportCommand =
  | {
      type: 'RecordGoverningBodyResponse';
      year: number;
      now: string;
      actor: Actor;
      data: { body: string; response: string; respondedAt: string };
    }
  | { type: 'PublishAnnualReport'; year: number; now: string; actor: Actor; data: { publishedAt: string } };
