import type { SqlParam, SqlQueryable } from '@complaints/adapter-postgres';
import type { CalendarDate, Stage, Tenure } from '@complaints/contracts';
import { isCalendarDate, reportingYear, type TsmComplaint, type TsmComplaintsQuery } from '@complaints/domain';
import { CASE_FILES, CASE_MEASURES_TABLE, storableText, withActiveTables } from '@complaints/projections';

/** Where a page ends: the last complaint listed, in the list's order (received on, reference, id). */
export interface TsmCursor {
  readonly receivedOn: CalendarDate;
  readonly reference: string;
  readonly complaintId: string;
}

export interface TsmComplaintsPage {
  /** The figure: every complaint behind it, whatever the page. */
  readonly count: number;
  readonly complaints: TsmComplaint[];
  /** The cursor to ask for the next page with (`after`), or null on the last one. */
  readonly next: string | null;
}

/** The cursor as the client passes it back: opaque, URL-safe. */
export function encodeTsmCursor(cursor: TsmCursor): string {
  return Buffer.from(JSON.stringify([cursor.receivedOn, cursor.reference, cursor.complaintId])).toString('base64url');
}

/** The cursor from `after`, or null when it is not one this endpoint gave out. */
export function decodeTsmCursor(text: string): TsmCursor | null {
  const parts = cursorParts(text);
  return parts?.length === 3 ? caseKeyOf(parts) : null;
}

/** A cursor's parts (base64url JSON array), or null when it is not one. Shared by the case lists that page by case. */
export function cursorParts(text: string): unknown[] | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    return Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}

/**
 * The received-on, reference and complaint id a case list pages by, from a cursor's first three
 * parts. Every cursor given out names a real date and text a read model holds (the row it ended
 * on): anything else was made by hand, and must be refused here, not by the database.
 */
export function caseKeyOf(parts: readonly unknown[]): TsmCursor | null {
  const [receivedOn, reference, complaintId] = parts;
  if (typeof receivedOn !== 'string' || !isCalendarDate(receivedOn)) return null;
  if (typeof reference !== 'string' || storableText(reference) !== reference) return null;
  if (typeof complaintId !== 'string' || storableText(complaintId) !== complaintId) return null;
  return { receivedOn, reference, complaintId };
}

interface ItemRow {
  complaint_id: string;
  reference: string;
  tenure: Tenure | null;
  received_on: CalendarDate;
  escalated_on: CalendarDate | null;
  refused_on: CalendarDate | null;
  stage: Stage | null;
  on_date: CalendarDate;
  code_due: CalendarDate | null;
  within_code: boolean | null;
}

/**
 * The complaints behind one TSM figure of a year (tsmComplaints' entries, same rules as
 * tsmReportFromFacts), in the order received then by reference, a page at a time: keyset
 * pagination on (received on, reference, id), so a page costs the same however deep it is.
 */
export async function tsmComplaintsFromFacts(
  sql: SqlQueryable,
  year: number,
  query: TsmComplaintsQuery,
  page: { readonly after?: TsmCursor; readonly limit: number },
): Promise<TsmComplaintsPage> {
  const period = reportingYear(year);
  const params: SqlParam[] = [period.from, period.to];
  const param = (value: SqlParam) => `$${params.push(value)}`;
  const where = [`on_date BETWEEN $1::date AND $2::date`];
  switch (query.measure) {
    case 'ch01-stage1':
      where.push(`measure = 'received'`, `refused_on IS NULL`);
      break;
    case 'refused':
      // A refusal belongs to the year the complaint was received (tsmMembership).
      where.push(`measure = 'received'`, `refused_on IS NOT NULL`);
      break;
    case 'ch01-stage2':
      where.push(`measure = 'escalated'`);
      break;
    case 'ch02-stage1':
    case 'ch02-stage2':
      where.push(`measure = 'responded'`, `stage = ${query.measure === 'ch02-stage1' ? 1 : 2}`);
      if (query.withinTimescales !== undefined) where.push(`within_code = ${param(query.withinTimescales)}`);
      break;
  }
  if (query.tenure !== undefined) where.push(`tenure = ${param(query.tenure)}`);
  const figure = where.join(' AND ');
  const countParams = [...params];
  const after = page.after
    ? ` AND (received_on, reference COLLATE "C", complaint_id COLLATE "C") > (${param(page.after.receivedOn)}::date, ${param(page.after.reference)} COLLATE "C", ${param(page.after.complaintId)} COLLATE "C")`
    : '';
  const limit = param(page.limit + 1);

  const [counted, rows] = await withActiveTables(sql, CASE_FILES, (tables) => {
    const t = tables.table(CASE_MEASURES_TABLE);
    return Promise.all([
      sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t} WHERE ${figure}`, countParams),
      sql.query<ItemRow>(
        `SELECT complaint_id, reference, tenure, to_char(received_on, 'YYYY-MM-DD') AS received_on, to_char(escalated_on, 'YYYY-MM-DD') AS escalated_on,
                to_char(refused_on, 'YYYY-MM-DD') AS refused_on, stage, to_char(on_date, 'YYYY-MM-DD') AS on_date,
                to_char(code_due, 'YYYY-MM-DD') AS code_due, within_code
           FROM ${t} WHERE ${figure}${after}
          ORDER BY received_on, reference COLLATE "C", complaint_id COLLATE "C"
          LIMIT ${limit}::int`,
        params,
      ),
    ]);
  });
  const listed = rows.slice(0, page.limit);
  const last = listed.at(-1);
  return {
    count: counted[0]?.n ?? 0,
    complaints: listed.map((row) => entry(row, query)),
    next:
      rows.length > page.limit && last
        ? encodeTsmCursor({ receivedOn: last.received_on, reference: last.reference, complaintId: last.complaint_id })
        : null,
  };
}

function entry(row: ItemRow, query: TsmComplaintsQuery): TsmComplaint {
  const base = {
    complaintId: row.complaint_id,
    reference: row.reference,
    tenure: row.tenure,
    receivedOn: row.received_on,
    escalatedOn: row.escalated_on,
    refusedOn: row.refused_on,
  };
  if (!query.measure.startsWith('ch02') || row.code_due === null) return base;
  return {
    ...base,
    response: {
      stage: row.stage === 2 ? 2 : 1,
      respondedOn: row.on_date,
      due: row.code_due,
      withinTimescales: row.within_code === true,
    },
  };
}
