import { parseBankHolidayFeed, type BankHolidayFeed } from './bank-holiday-feed';
import snapshotJson from './data/uk-bank-holidays.json';
import supplementJson from './data/unverified-supplement.json';

/**
 * The verified GOV.UK feed shipped with the product: 2018 to 2027, snapshot taken 2025-07-06.
 * Known gap: Scotland's 2026-06-15 (proclaimed later). See data/PROVENANCE.md.
 */
export const GOV_UK_SNAPSHOT: BankHolidayFeed = parseBankHolidayFeed(snapshotJson);

/**
 * UNVERIFIED: 2028 for every division and Scotland's 2026-06-15, from secondary copies rather
 * than the GOV.UK feed. Never merged by default; a caller who accepts that merges it explicitly
 * with `mergeBankHolidayFeeds(GOV_UK_SNAPSHOT, UNVERIFIED_SUPPLEMENT)`. See data/PROVENANCE.md.
 */
export const UNVERIFIED_SUPPLEMENT: BankHolidayFeed = parseBankHolidayFeed(supplementJson);
