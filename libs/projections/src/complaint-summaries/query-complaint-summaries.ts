import type { SqlParam, SqlQueryable } from '@complaints/adapter-postgres';
import type { CalendarDate, Person, Stage, Tenure } from '@complaints/contracts';
import { withActiveTables } from '../engine/active-tables';
import { COMPLAINT_SUMMARIES, COMPLAINT_SUMMARIES_TABLE } from './complaint-summaries.projection';
import type { SummaryRow } from './summary-row';
import type { SummaryStatus } from './summary-state';

export interface ComplaintSummaryQuery {
  /** The London date "overdue" is judged on (today, for a live list). */
  asOf: CalendarDate;
  status?: SummaryStatus;
  stage?: Stage;
  /** Exact reference, ignoring case and surrounding spaces (an auditor's search). */
  reference?: string;
  /** Exact service area, ignoring case. */
  serviceArea?: string;
  /** The current stage's handler. */
  handlerId?: string;
  /** true: only complaints overdue against the Code (see `overdue` below); false: only those that are not. */
  overdue?: boolean;
  /** true: only complaints with a current vulnerability recorded (triage); false: only those without. */
  vulnerable?: boolean;
  /** 1–500; default 100. */
  limit?: number;
  /** Default 0. */
  offset?: number;
}

export interface ComplaintSummary {
  id: string;
  reference: string;
  status: SummaryStatus;
  stage: Stage;
  revision: number;
  serviceArea: string;
  category: string | null;
  tenure: Tenure | null;
  handler: Person | null;
  receivedAt: string;
  receivedOn: CalendarDate;
  /** The current stage's dates (Europe/London), under the projection's timescales. */
  acknowledgementDue: CalendarDate;
  acknowledgedOn: CalendarDate | null;
  /** The organisation's own target (extensions beyond the Code's limit included): what staff work to. */
  responseDue: CalendarDate;
  responseDueIsProvisional: boolean;
  respondedOn: CalendarDate | null;
  /** The Code target: what `overdue` is judged by. */
  codeResponseDue: CalendarDate;
  /** Every working day of extension agreed for the current stage, whether or not it counted. */
  extensionWorkingDays: number;
  /**
   * Overdue against the Code on `asOf`: caseSlaStatus(...).overdueAgainstCode of the domain, i.e.
   * open, and the current stage's acknowledgement or its response past the Code date and not done.
   */
  overdue: boolean;
  /** A vulnerability is recorded and has not ended (docs/domain.md, "Circumstances"). */
  vulnerable: boolean;
  lastActivityAt: string;
  closedOn: CalendarDate | null;
  withdrawnOn: CalendarDate | null;
  refusedOn: CalendarDate | null;
}

export interface ComplaintSummaryPage {
  /** How many complaints match, across all pages. */
  total: number;
  limit: number;
  offset: number;
  asOf: CalendarDate;
  items: ComplaintSummary[];
}

export const MAX_PAGE_SIZE = 500;

/**
 * A row as read back: the written columns (SummaryRow), with the integer columns as the drivers
 * return them (pg gives text for some) and the computed `overdue` flag; `state` is not selected.
 */
type SummarySelectRow = Omit<
  SummaryRow,
  'status' | 'tenure' | 'stage' | 'revision' | 'extension_working_days' | 'last_position' | 'state'
> & {
  status: SummaryStatus;
  tenure: Tenure | null;
  stage: number | string;
  revision: number | string;
  extension_working_days: number | string;
  overdue: boolean;
  vulnerable: boolean;
};

/**
 * Overdue against the Code on $1, in SQL so the list can filter, count and page on it: the domain's
 * caseSlaStatus(report, { open, stage }, asOf).overdueAgainstCode transcribed over the columns the
 * domain's SLA engine filled (summary-row.ts), which depend on the facts only, never on the date
 * asked about. caseSlaStatus: open, and on the current stage a milestone is overdue, where
 * overdue is "not done and asOf is after its due date" (stageStatusAsOf), the milestones being
 * the acknowledgement and the response against the Code target (`code_response_due`, never the
 * organisation's own `response_due`). Dates compare as dates, as the domain's ISO strings do.
 * tests/code-timescales.int.spec.ts holds the two to the same answer for every case and every day.
 */
const OVERDUE = `(status = 'open' AND ((acknowledged_on IS NULL AND acknowledgement_due < $1::date)
                                   OR (responded_on IS NULL AND code_response_due < $1::date)))`;

/** A current vulnerability: the ids the summary state keeps (summary-state.ts); absent on older rows, none. */
const VULNERABLE = `(jsonb_array_length(coalesce(state->'activeVulnerabilityIds', '[]'::jsonb)) > 0)`;

const date = (column: string) => `to_char(${column}, 'YYYY-MM-DD') AS ${column}`;

// Instants are returned as they were in the events (from the state), not re-formatted by the database.
const SELECT_LIST = [
  'complaint_id',
  'reference',
  'status',
  'stage',
  'revision',
  'service_area',
  'category',
  'tenure',
  'handler_id',
  'handler_name',
  `state->>'receivedAt' AS received_at`,
  date('received_on'),
  date('acknowledgement_due'),
  date('acknowledged_on'),
  date('response_due'),
  'response_due_provisional',
  date('responded_on'),
  date('code_response_due'),
  'extension_working_days',
  `${OVERDUE} AS overdue`,
  `${VULNERABLE} AS vulnerable`,
  `state->>'lastActivityAt' AS last_activity_at`,
  date('closed_on'),
  date('withdrawn_on'),
  date('refused_on'),
].join(', ');

/** The complaint list: filtered, newest received first, one page and the total. */
export async function queryComplaintSummaries(
  sql: SqlQueryable,
  query: ComplaintSummaryQuery,
): Promise<ComplaintSummaryPage> {
  const limit = query.limit ?? 100;
  const offset = query.offset ?? 0;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE)
    throw new RangeError(`limit must be 1–${MAX_PAGE_SIZE}, got ${limit}`);
  if (!Number.isInteger(offset) || offset < 0) throw new RangeError(`offset must be a whole number, got ${offset}`);

  const params: SqlParam[] = [query.asOf];
  const where: string[] = [];
  const param = (value: SqlParam) => `$${params.push(value)}`;
  if (query.status !== undefined) where.push(`status = ${param(query.status)}`);
  if (query.stage !== undefined) where.push(`stage = ${param(query.stage)}`);
  if (query.reference !== undefined) where.push(`upper(reference) = upper(${param(query.reference.trim())})`);
  if (query.serviceArea !== undefined) where.push(`lower(service_area) = lower(${param(query.serviceArea)})`);
  if (query.handlerId !== undefined) where.push(`handler_id = ${param(query.handlerId)}`);
  if (query.overdue !== undefined) where.push(query.overdue ? OVERDUE : `NOT ${OVERDUE}`);
  if (query.vulnerable !== undefined) where.push(query.vulnerable ? VULNERABLE : `NOT ${VULNERABLE}`);
  const limitParam = param(limit);
  const offsetParam = param(offset);

  return withActiveTables(sql, COMPLAINT_SUMMARIES, async (tables) => {
    const t = tables.table(COMPLAINT_SUMMARIES_TABLE);
    // One statement, so the page and the total come from the same snapshot. The outer join to a
    // single row keeps the total when the page itself is empty (an offset past the end).
    const rows = await sql.query<SummarySelectRow & { total: number | string; present: boolean | null }>(
      `WITH filtered AS (SELECT * FROM ${t} ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}),
            page AS (SELECT ${SELECT_LIST}, true AS present FROM filtered
                      ORDER BY received_at DESC, reference COLLATE "C" DESC, complaint_id COLLATE "C"
                      LIMIT ${limitParam} OFFSET ${offsetParam})
       SELECT (SELECT count(*) FROM filtered) AS total, page.*
         FROM (SELECT 1) AS one LEFT JOIN page ON true`,
      params,
    );
    const total = Number(rows[0]?.total ?? 0);
    const items = rows.filter((row) => row.present === true).map(toSummary);
    return { total, limit, offset, asOf: query.asOf, items };
  });
}

/** One complaint's summary, or null if the read model has not seen it (yet). */
export async function findComplaintSummary(
  sql: SqlQueryable,
  complaintId: string,
  asOf: CalendarDate,
): Promise<ComplaintSummary | null> {
  return withActiveTables(sql, COMPLAINT_SUMMARIES, async (tables) => {
    const rows = await sql.query<SummarySelectRow>(
      `SELECT ${SELECT_LIST} FROM ${tables.table(COMPLAINT_SUMMARIES_TABLE)} WHERE complaint_id = $2`,
      [asOf, complaintId],
    );
    return rows[0] ? toSummary(rows[0]) : null;
  });
}

function toSummary(row: SummarySelectRow): ComplaintSummary {
  return {
    id: row.complaint_id,
    reference: row.reference,
    status: row.status,
    stage: Number(row.stage) as Stage,
    revision: Number(row.revision),
    serviceArea: row.service_area,
    category: row.category,
    tenure: row.tenure,
    handler: row.handler_id === null ? null : { id: row.handler_id, name: row.handler_name ?? '' },
    receivedAt: row.received_at,
    receivedOn: row.received_on,
    acknowledgementDue: row.acknowledgement_due,
    acknowledgedOn: row.acknowledged_on,
    responseDue: row.response_due,
    responseDueIsProvisional: row.response_due_provisional,
    respondedOn: row.responded_on,
    codeResponseDue: row.code_response_due,
    extensionWorkingDays: Number(row.extension_working_days),
    overdue: row.overdue,
    vulnerable: row.vulnerable,
    lastActivityAt: row.last_activity_at,
    closedOn: row.closed_on,
    withdrawnOn: row.withdrawn_on,
    refusedOn: row.refused_on,
  };
}
