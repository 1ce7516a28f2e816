import { describe, expect, it } from 'vitest';
import { BankHolidayFeedError, mergeBankHolidayFeeds, parseBankHolidayFeed } from './bank-holiday-feed';
import snapshotJson from './data/uk-bank-holidays.json';
import { GOV_UK_SNAPSHOT, UNVERIFIED_SUPPLEMENT } from './shipped-feeds';
import { createWorkingDayCalendar } from './working-day-calendar';

/** A copy of the live feed taken after 4 Feb 2026: the snapshot plus Scotland's proclaimed day. */
function refreshedFeedJson(): unknown {
  const copy = structuredClone(snapshotJson) as { scotland: { events: unknown[] } };
  copy.scotland.events.push({ title: 'Bank holiday for the World Cup', date: '2026-06-15', notes: '', bunting: true });
  return copy;
}

function errorOf(run: () => unknown): BankHolidayFeedError {
  try {
    run();
  } catch (error) {
    if (error instanceof BankHolidayFeedError) return error;
    throw error;
  }
  throw new Error('expected a BankHolidayFeedError');
}

describe('parseBankHolidayFeed', () => {
  it('reads the GOV.UK shape: the shipped snapshot has 83 england-and-wales, 93 scotland and 103 northern-ireland days', () => {
    const feed = parseBankHolidayFeed(snapshotJson);
    expect(feed['england-and-wales'].events).toHaveLength(83);
    expect(feed.scotland.events).toHaveLength(93);
    expect(feed['northern-ireland'].events).toHaveLength(103);
    expect(feed.scotland.events.find((day) => day.date === '2025-12-01')).toEqual({
      title: 'St Andrew’s Day',
      date: '2025-12-01',
      notes: 'Substitute day',
      bunting: true,
    });
  });

  it('names the field at fault: a date that does not exist', () => {
    const json = structuredClone(snapshotJson) as { scotland: { events: { date: string }[] } };
    json.scotland.events[3]!.date = '2026-02-30';
    const error = errorOf(() => parseBankHolidayFeed(json));
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]).toMatch(/^scotland\.events\.3\.date: /);
    expect(error.message).toContain('Not a valid GOV.UK bank holiday feed');
  });

  it('names a missing division and a division filed under the wrong key', () => {
    const json = structuredClone(snapshotJson) as Record<string, { division: string }>;
    delete json['northern-ireland'];
    json['scotland']!.division = 'england-and-wales';
    const issues = errorOf(() => parseBankHolidayFeed(json)).issues;
    expect(issues.some((issue) => issue.startsWith('northern-ireland:'))).toBe(true);
    expect(issues.some((issue) => issue.startsWith('scotland.division:') && issue.includes('"scotland"'))).toBe(true);
  });

  it('refuses a date listed twice in one division, and input that is not a feed at all', () => {
    const json = structuredClone(snapshotJson) as { 'england-and-wales': { events: unknown[] } };
    json['england-and-wales'].events.push({ title: 'Again', date: '2026-12-25', notes: '', bunting: true });
    expect(errorOf(() => parseBankHolidayFeed(json)).issues.join('\n')).toContain('2026-12-25 is listed twice');
    expect(errorOf(() => parseBankHolidayFeed('[]')).issues[0]).toMatch(/^\(feed\): /);
  });
});

describe('mergeBankHolidayFeeds', () => {
  it('a refreshed copy of the live feed adds Scotland’s Mon 15 Jun 2026: after Fri 12 Jun comes Tue 16 Jun (Mon 15 Jun before the merge)', () => {
    const merged = mergeBankHolidayFeeds(GOV_UK_SNAPSHOT, parseBankHolidayFeed(refreshedFeedJson()));
    const before = createWorkingDayCalendar({ division: 'scotland' });
    const after = createWorkingDayCalendar({ division: 'scotland', feed: merged });
    expect(before.nextWorkingDay('2026-06-12')).toBe('2026-06-15');
    expect(after.nextWorkingDay('2026-06-12')).toBe('2026-06-16');
    // England was not given the day.
    expect(createWorkingDayCalendar({ feed: merged }).isWorkingDay('2026-06-15')).toBe(true);
  });

  it('is a union by date: days only the older copy lists are kept, and where both list a date the newer title wins', () => {
    const newer = parseBankHolidayFeed({
      'england-and-wales': {
        division: 'england-and-wales',
        events: [{ title: 'Boxing Day (substitute)', date: '2026-12-28', notes: 'Substitute day', bunting: true }],
      },
      scotland: { division: 'scotland', events: [] },
      'northern-ireland': { division: 'northern-ireland', events: [] },
    });
    const merged = mergeBankHolidayFeeds(GOV_UK_SNAPSHOT, newer);
    expect(merged['england-and-wales'].events).toHaveLength(83);
    expect(merged['england-and-wales'].events.find((day) => day.date === '2026-12-28')?.title).toBe(
      'Boxing Day (substitute)',
    );
    expect(merged.scotland).toEqual(GOV_UK_SNAPSHOT.scotland);
  });

  it('keeps each division sorted by date, so display and coverage read in order', () => {
    const merged = mergeBankHolidayFeeds(UNVERIFIED_SUPPLEMENT, GOV_UK_SNAPSHOT);
    const dates = merged.scotland.events.map((day) => day.date);
    expect(dates).toEqual([...dates].sort());
    expect(dates.indexOf('2026-06-15')).toBeGreaterThan(dates.indexOf('2026-05-25'));
  });
});

describe('the unverified supplement', () => {
  it('is a separate feed: 2028 and Scotland 15 Jun 2026, none of which is in the shipped snapshot', () => {
    expect(UNVERIFIED_SUPPLEMENT.scotland.events.map((day) => day.date)).toContain('2026-06-15');
    expect(UNVERIFIED_SUPPLEMENT['england-and-wales'].events.every((day) => day.date.startsWith('2028-'))).toBe(true);
    const shipped = new Set(GOV_UK_SNAPSHOT.scotland.events.map((day) => day.date));
    expect(UNVERIFIED_SUPPLEMENT.scotland.events.some((day) => shipped.has(day.date))).toBe(false);
  });

  it('once merged explicitly, 5 WD after Fri 24 Dec 2027 becomes Wed 5 Jan 2028 (29,30,31 Dec; Mon 3 Jan New Year substitute; 4, 5 Jan)', () => {
    const calendar = createWorkingDayCalendar({ feed: mergeBankHolidayFeeds(GOV_UK_SNAPSHOT, UNVERIFIED_SUPPLEMENT) });
    expect(calendar.addWorkingDays('2027-12-24', 5)).toBe('2028-01-05');
    expect(calendar.coveredYears).toEqual({ first: 2018, last: 2028 });
  });

  it('keeps bunting unknown (null) where its sources did not give it', () => {
    expect(UNVERIFIED_SUPPLEMENT.scotland.events.find((day) => day.date === '2026-06-15')?.bunting).toBeNull();
  });
});
