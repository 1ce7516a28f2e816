import type { SqlParam, SqlQueryable } from '@complaints/adapter-postgres';
import type { CalendarDate, ComplaintEvent } from '@complaints/contracts';
import { withActiveTables } from '../engine/active-tables';
import { CASE_FILES, CASE_FILES_TABLE } from './case-files.projection';

/** One complaint's events, every personal field ERASED, in stream order. */
export interface CaseFile {
  complaintId: string;
  reference: string;
  events: ComplaintEvent[];
}

/** Cheap pre-selection on the row's dates (London); callers apply their exact rules to each history. */
export interface CaseFileFilter {
  /** Received on or before this date. */
  receivedOnOrBefore?: CalendarDate;
  /** Not closed, withdrawn or refused before this date (still open, or ended on or after it). */
  notEndedBefore?: CalendarDate;
  /** Some event happened on or after this date. */
  activeOnOrAfter?: CalendarDate;
}

/** The case files matching the filter, in the order complaints were received (then by reference). */
export async function queryCaseFiles(sql: SqlQueryable, filter: CaseFileFilter = {}): Promise<CaseFile[]> {
  const params: SqlParam[] = [];
  const param = (value: SqlParam) => `$${params.push(value)}::date`;
  const where: string[] = [];
  if (filter.receivedOnOrBefore !== undefined) where.push(`received_on <= ${param(filter.receivedOnOrBefore)}`);
  if (filter.notEndedBefore !== undefined)
    where.push(`(ended_on IS NULL OR ended_on >= ${param(filter.notEndedBefore)})`);
  // Some event on or after the date exactly when the latest one is.
  if (filter.activeOnOrAfter !== undefined) where.push(`last_activity_on >= ${param(filter.activeOnOrAfter)}`);
  return withActiveTables(sql, CASE_FILES, async (tables) => {
    const rows = await sql.query<{ complaint_id: string; reference: string; events: string }>(
      `SELECT complaint_id, reference, events::text AS events FROM ${tables.table(CASE_FILES_TABLE)}
        ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY received_at, reference COLLATE "C", complaint_id COLLATE "C"`,
      params,
    );
    return rows.map((row) => ({
      complaintId: row.complaint_id,
      reference: row.reference,
      events: JSON.parse(row.events) as ComplaintEvent[],
    }));
  });
}

/** The case file of the complaint with this reference (the resident's view starts from it), or null. */
export async function findCaseFileByReference(sql: SqlQueryable, reference: string): Promise<CaseFile | null> {
  return withActiveTables(sql, CASE_FILES, async (tables) => {
    const rows = await sql.query<{ complaint_id: string; reference: string; events: string }>(
      `SELECT complaint_id, reference, events::text AS events FROM ${tables.table(CASE_FILES_TABLE)} WHERE reference = $1`,
      [reference],
    );
    const row = rows[0];
    return row
      ? { complaintId: row.complaint_id, reference: row.reference, events: JSON.parse(row.events) as ComplaintEvent[] }
      : null;
  });
}
