import { z } from 'zod';
import type { CalendarDate } from './calendar-date';

export const DIVISIONS = ['england-and-wales', 'scotland', 'northern-ireland'] as const;
export type Division = (typeof DIVISIONS)[number];

export interface BankHoliday {
  readonly title: string;
  readonly date: CalendarDate;
  readonly notes: string;
  /** GOV.UK always gives a boolean; null only where a supplement does not know. */
  readonly bunting: boolean | null;
}

export interface DivisionHolidays {
  readonly division: Division;
  /** Sorted by date, one entry per date. */
  readonly events: readonly BankHoliday[];
}

/** The GOV.UK feed (https://www.gov.uk/bank-holidays.json), all three divisions. */
export type BankHolidayFeed = { readonly [D in Division]: DivisionHolidays };

const bankHolidaySchema = z.object({
  title: z.string().trim().min(1),
  date: z.iso.date(),
  notes: z.string(),
  bunting: z.boolean().nullable(),
});

function divisionSchema(division: Division) {
  return z
    .object({
      division: z.literal(division, { error: `must be "${division}", the key it is filed under` }),
      events: z.array(bankHolidaySchema),
    })
    .superRefine((value, ctx) => {
      const seen = new Set<string>();
      value.events.forEach((event, index) => {
        if (seen.has(event.date)) {
          ctx.addIssue({ code: 'custom', path: ['events', index, 'date'], message: `${event.date} is listed twice` });
        }
        seen.add(event.date);
      });
    });
}

// Unknown top-level keys (the supplement's `_meta`) and unknown event fields (`source`) are
// dropped, not refused: the GOV.UK feed may grow fields, and a refresh must not break on them.
const feedSchema = z.object({
  'england-and-wales': divisionSchema('england-and-wales'),
  scotland: divisionSchema('scotland'),
  'northern-ireland': divisionSchema('northern-ireland'),
});

export class BankHolidayFeedError extends Error {
  constructor(readonly issues: readonly string[]) {
    super(`Not a valid GOV.UK bank holiday feed:\n${issues.map((issue) => `  - ${issue}`).join('\n')}`);
    this.name = 'BankHolidayFeedError';
  }
}

/** Validates a feed in the GOV.UK shape; throws BankHolidayFeedError naming every bad field. */
export function parseBankHolidayFeed(json: unknown): BankHolidayFeed {
  const result = feedSchema.safeParse(json);
  if (!result.success) {
    throw new BankHolidayFeedError(
      result.error.issues.map(
        (issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(feed)'}: ${issue.message}`,
      ),
    );
  }
  const feed = result.data;
  return {
    'england-and-wales': normaliseDivision('england-and-wales', feed['england-and-wales'].events),
    scotland: normaliseDivision('scotland', feed.scotland.events),
    'northern-ireland': normaliseDivision('northern-ireland', feed['northern-ireland'].events),
  };
}

/**
 * The union of two feeds, per division, by date; where both list a date, `newer` wins (a later
 * copy of the feed may retitle a day). Nothing is ever removed: a refreshed copy of the live feed
 * only adds the days proclaimed since the older copy was taken.
 */
export function mergeBankHolidayFeeds(base: BankHolidayFeed, newer: BankHolidayFeed): BankHolidayFeed {
  const mergeDivision = (division: Division): DivisionHolidays => {
    const byDate = new Map<CalendarDate, BankHoliday>();
    for (const event of base[division].events) byDate.set(event.date, event);
    for (const event of newer[division].events) byDate.set(event.date, event);
    return normaliseDivision(division, [...byDate.values()]);
  };
  return {
    'england-and-wales': mergeDivision('england-and-wales'),
    scotland: mergeDivision('scotland'),
    'northern-ireland': mergeDivision('northern-ireland'),
  };
}

function normaliseDivision(division: Division, events: readonly BankHoliday[]): DivisionHolidays {
  const sorted = events
    .map(({ title, date, notes, bunting }) => Object.freeze({ title, date, notes, bunting }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return Object.freeze({ division, events: Object.freeze(sorted) });
}
