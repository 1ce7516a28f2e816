import type { SqlQueryable } from '@complaints/adapter-postgres';
import { CASE_FACT_VERSIONS_TABLE, CASE_FILES, withActiveTables } from '@complaints/projections';

/**
 * The versions of every complaint as it stood at the end of the date in `param` (the fold's
 * eventsUpTo): valid from that date or before, and not yet replaced after it (valid_from <= D
 * AND (valid_to IS NULL OR valid_to > D)), written as the writer's GiST indexes are built.
 */
export function asOfVersions(param: string): string {
  return `daterange(valid_from, valid_to) @> ${param}::date`;
}

/** The rows the attention queue can list (the writer's partial index is on this predicate). */
export { CASE_FACT_VERSIONS_FOLLOW_UP as FOLLOW_UP } from '@complaints/projections';

/**
 * The order the case files are listed in (received_at, reference, complaint id): reports built
 * from them keep it wherever their fold's answer depends on which case came first.
 */
export const CASE_ORDER = `received_at, reference COLLATE "C", complaint_id COLLATE "C"`;

/** Milestone statuses on $1 (asOf) with $2 (the due-soon bound, as-of-thresholds.ts): stageStatusAsOf in SQL. */
export const overdue = (due: string, doneOn: string) => `(${doneOn} IS NULL AND ${due} < $1::date)`;
export const dueSoon = (due: string, doneOn: string) =>
  `(${doneOn} IS NULL AND ${due} >= $1::date AND ${due} < $2::date)`;

/** Open on the date, with a current stage the SLA engine times (dashboardCase's condition). */
export const OPEN_AND_TIMED = `status = 'open' AND started_on IS NOT NULL`;

/** Run a read against the active case_fact_versions table (it lives in the case files' table set). */
export function withCaseVersions<T>(sql: SqlQueryable, read: (table: string) => Promise<T>): Promise<T> {
  return withActiveTables(sql, CASE_FILES, (tables) => read(tables.table(CASE_FACT_VERSIONS_TABLE)));
}

/** Counts come back as text from pg (bigint) and as numbers from PGlite. */
export const toCount = (value: unknown): number => Number(value ?? 0);
