/**
 * The raw anchor of the bench at scale: what each report costs as one SQL aggregate over a plain
 * table of per-case, per-stage dates — the least a read model shaped for the reports could cost
 * on this database. The table holds the columns such a read model would (one row per case per
 * stage: received, acknowledgement due and on, Code and local response targets, extension,
 * responded on, outcome, compensation, case end, service area, category, tenure, handler) and is
 * given the indexes it would be (the dates the reports select on). The aggregation happens in
 * the database (GROUP BY, FILTER); what reaches Node is the answer, about as large as the API's.
 * It anchors cost, not figures: its dates are the generator's (e.g. the last activity as of the end
 * of the window), and the product's equality with the fold is proved by property tests, not here.
 */
import type { Pool } from 'pg';
import type { WorkingDayCalendar } from '@complaints/domain';
import type { CaseLife } from './landlord';

export const ANCHOR_TABLE = 'bench_case_dates';

export async function createAnchorTable(pool: Pool, lives: readonly CaseLife[]): Promise<number> {
  await pool.query(`
    CREATE TABLE ${ANCHOR_TABLE} (
      complaint_id text NOT NULL, stage smallint NOT NULL,
      service_area text NOT NULL, category text NOT NULL, tenure text NOT NULL, handler_id text,
      received_on date NOT NULL, started_on date NOT NULL, stage_ended_on date,
      ack_due date NOT NULL, acked_on date, ack_working_days integer,
      response_due date NOT NULL, local_response_due date NOT NULL,
      extended_on date, extension_days integer NOT NULL, extended_response_due date,
      responded_on date, response_working_days integer, outcome text,
      compensation_pence integer NOT NULL, compensation_kind text, compensation_paid_on date,
      case_end text, case_ended_on date, refusal_ground text, last_activity_on date NOT NULL,
      PRIMARY KEY (complaint_id, stage)
    )`);
  const columns: unknown[][] = Array.from({ length: 27 }, () => []);
  let rows = 0;
  const add = (values: unknown[]) => {
    values.forEach((value, i) => columns[i]!.push(value));
    rows++;
  };
  for (const life of lives) {
    const common = (stage: number) => [life.complaintId, stage, life.serviceArea, life.category, life.tenure];
    const end = [life.end?.kind ?? null, life.end?.on ?? null, life.end?.ground ?? null, life.lastActivityOn];
    // A refused complaint never started a stage: one row, stage 1, as it was received.
    if (life.stages.length === 0) {
      add([
        ...common(1),
        null,
        life.receivedOn,
        life.receivedOn,
        life.end?.on ?? null,
        life.receivedOn,
        null,
        null,
        life.receivedOn,
        life.receivedOn,
        null,
        0,
        null,
        null,
        null,
        null,
        0,
        null,
        null,
        ...end,
      ]);
    }
    for (const s of life.stages) {
      add([
        ...common(s.stage),
        s.handlerId,
        life.receivedOn,
        s.startedOn,
        s.endedOn,
        s.ackDue,
        s.ackedOn,
        s.ackWorkingDays,
        s.responseDue,
        s.localResponseDue,
        s.extendedOn,
        s.extensionDays,
        s.extendedResponseDue,
        s.respondedOn,
        s.responseWorkingDays,
        s.outcome,
        s.compensationPence,
        s.compensationKind,
        s.compensationPaidOn,
        ...end,
      ]);
    }
  }
  const types = [
    'text',
    'smallint',
    'text',
    'text',
    'text',
    'text',
    'date',
    'date',
    'date',
    'date',
    'date',
    'integer',
    'date',
    'date',
    'date',
    'integer',
    'date',
    'date',
    'integer',
    'text',
    'integer',
    'text',
    'date',
    'text',
    'date',
    'text',
    'date',
  ];
  // In slices, each one statement of unnest()ed arrays: loading is not what is measured.
  const SLICE = 10_000;
  for (let from = 0; from < rows; from += SLICE) {
    await pool.query(
      `INSERT INTO ${ANCHOR_TABLE} SELECT * FROM unnest(${types.map((t, i) => `$${i + 1}::${t}[]`).join(', ')})`,
      columns.map((values) => values.slice(from, from + SLICE)),
    );
  }
  for (const column of [
    'received_on',
    'started_on',
    'stage_ended_on',
    'responded_on',
    'case_ended_on',
    'last_activity_on',
  ]) {
    await pool.query(`CREATE INDEX ON ${ANCHOR_TABLE} (${column})`);
  }
  // The drill-down's keyset order (a page is a range scan of it, as the read model's would be).
  await pool.query(`CREATE INDEX ON ${ANCHOR_TABLE} (stage, started_on, received_on, complaint_id)`);
  await pool.query(`ANALYZE ${ANCHOR_TABLE}`);
  return rows;
}

/** The parameters the reports are asked with, and the thresholds computed in Node from the calendar. */
export interface ReportDates {
  asOf: string;
  /** The last day within 2 working days of asOf: due-soon. */
  dueSoonBy: string;
  /** The latest activity date that makes an open case quiet (20 working days back). */
  inactiveOnOrBefore: string;
  year: number;
  yearFrom: string;
  yearTo: string;
  month: string;
  monthFrom: string;
  monthTo: string;
}

export function workingDaysBack(calendar: WorkingDayCalendar, date: string, n: number): string {
  let day = date;
  for (let counted = 0; counted < n;) {
    day = new Date(Date.parse(`${day}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    if (calendar.isWorkingDay(day)) counted++;
  }
  return day;
}

// The stage that was current on $1: begun by then, not yet superseded or ended.
const CURRENT = `started_on <= $1::date AND (stage_ended_on IS NULL OR stage_ended_on > $1::date) AND case_end IS DISTINCT FROM 'refused'`;
const ACK_OVERDUE = `(acked_on IS NULL OR acked_on > $1::date) AND ack_due < $1::date`;
const ACK_SOON = `(acked_on IS NULL OR acked_on > $1::date) AND ack_due BETWEEN $1::date AND $2::date`;
const TARGET = `(CASE WHEN extended_on <= $1::date THEN extended_response_due ELSE response_due END)`;
const RESPONSE_OVERDUE = `(responded_on IS NULL OR responded_on > $1::date) AND ${TARGET} < $1::date`;
const RESPONSE_SOON = `(responded_on IS NULL OR responded_on > $1::date) AND ${TARGET} BETWEEN $1::date AND $2::date`;
const UNPAID = `compensation_pence > 0 AND responded_on <= $1::date AND (compensation_paid_on IS NULL OR compensation_paid_on > $1::date)`;
const LOCAL_OVERDUE = `(responded_on IS NULL OR responded_on > $1::date) AND local_response_due < $1::date`;

/** Where a drill-down page starts: after the last row of the page before (none for the first). */
export interface PageCursor {
  receivedOn: string;
  complaintId: string;
}

export interface AnchorQuery {
  sql: string;
  params: (d: ReportDates, after?: PageCursor) => unknown[];
  /**
   * The size of the answer: how many case-stage rows the report counts or lists (the same WHERE
   * and parameters). What should stay the same between tiers whose histories end alike.
   */
  counted: string;
}

const DASHBOARD_WHERE = `FROM ${ANCHOR_TABLE} WHERE ${CURRENT}`;
const YEAR_WHERE = `FROM ${ANCHOR_TABLE}
      WHERE started_on BETWEEN $1::date AND $2::date OR responded_on BETWEEN $1::date AND $2::date OR case_ended_on BETWEEN $1::date AND $2::date`;
const CH01_STAGE1_WHERE = `FROM ${ANCHOR_TABLE}
      WHERE stage = 1 AND started_on BETWEEN $1::date AND $2::date AND case_end IS DISTINCT FROM 'refused'`;
const MONTH_WHERE = `FROM ${ANCHOR_TABLE}
      WHERE received_on <= $2::date AND (stage_ended_on IS NULL OR stage_ended_on >= $1::date OR responded_on >= $1::date)`;
const ATTENTION_WHERE = `FROM ${ANCHOR_TABLE}
      WHERE (${CURRENT} AND (${ACK_OVERDUE} OR ${ACK_SOON} OR ${RESPONSE_OVERDUE} OR ${RESPONSE_SOON} OR last_activity_on <= $3::date)) OR (${UNPAID})`;
const count = (where: string) => `SELECT count(*)::integer AS rows ${where}`;

/** The first page of the complaints behind CH01 stage 1 (or the page after `after`), keyset order, with the figure's count. */
const drillDown = (after: boolean) => ({
  sql: `
      SELECT complaint_id, received_on::text AS received_on, tenure, service_area,
        (SELECT count(*) ${CH01_STAGE1_WHERE}) AS count
      ${CH01_STAGE1_WHERE}${after ? ' AND (received_on, complaint_id) > ($3::date, $4::text)' : ''}
      ORDER BY received_on, complaint_id LIMIT 100`,
  params: (d: ReportDates, cursor?: PageCursor) => [
    d.yearFrom,
    d.yearTo,
    ...(after ? [cursor?.receivedOn, cursor?.complaintId] : []),
  ],
  counted: count(CH01_STAGE1_WHERE),
});

/** One raw SQL aggregate per report, named as the API's routes are in scale.ts. */
export const ANCHOR_QUERIES: Record<string, AnchorQuery> = {
  dashboard: {
    // Open cases by stage, service area and handler, with the overdue list per handler.
    sql: `
      SELECT stage, service_area, handler_id, GROUPING(stage, service_area, handler_id) AS level,
        count(*) AS open,
        count(*) FILTER (WHERE ${ACK_OVERDUE}) AS ack_overdue, count(*) FILTER (WHERE ${ACK_SOON}) AS ack_soon,
        count(*) FILTER (WHERE ${RESPONSE_OVERDUE}) AS response_overdue, count(*) FILTER (WHERE ${RESPONSE_SOON}) AS response_soon,
        count(*) FILTER (WHERE ${LOCAL_OVERDUE}) AS local_overdue,
        count(*) FILTER (WHERE extended_on <= $1::date) AS extended,
        array_agg(complaint_id ORDER BY complaint_id) FILTER (WHERE ${RESPONSE_OVERDUE} OR ${ACK_OVERDUE}) AS overdue
      ${DASHBOARD_WHERE}
      GROUP BY GROUPING SETS ((), (stage), (service_area), (handler_id))`,
    params: (d) => [d.asOf, d.dueSoonBy],
    counted: count(DASHBOARD_WHERE),
  },
  tsm: {
    // CH01 (stage 1 and 2 complaints received, by tenure; refusals) and CH02 (responses within the Code's timescales).
    sql: `
      SELECT stage, tenure, GROUPING(stage, tenure) AS level,
        count(*) FILTER (WHERE started_on BETWEEN $1::date AND $2::date AND case_end IS DISTINCT FROM 'refused') AS received,
        count(*) FILTER (WHERE case_end = 'refused' AND case_ended_on BETWEEN $1::date AND $2::date) AS refused,
        count(*) FILTER (WHERE responded_on BETWEEN $1::date AND $2::date) AS responses,
        count(*) FILTER (WHERE responded_on BETWEEN $1::date AND $2::date AND responded_on <= response_due) AS within
      ${YEAR_WHERE}
      GROUP BY GROUPING SETS ((stage), (stage, tenure))`,
    params: (d) => [d.yearFrom, d.yearTo],
    counted: count(YEAR_WHERE),
  },
  tsmDrillDown: drillDown(false),
  tsmDrillDownNext: drillDown(true),
  annual: {
    // Volumes and upheld by service area and category; working days, extensions, compensation by stage; refusals by ground.
    sql: `
      SELECT stage, service_area, category, refusal_ground, GROUPING(stage, service_area, category, refusal_ground) AS level,
        count(*) FILTER (WHERE started_on BETWEEN $1::date AND $2::date) AS received,
        count(*) FILTER (WHERE responded_on BETWEEN $1::date AND $2::date) AS responses,
        count(*) FILTER (WHERE responded_on BETWEEN $1::date AND $2::date AND outcome IN ('upheld', 'partially_upheld')) AS upheld,
        avg(ack_working_days) FILTER (WHERE acked_on BETWEEN $1::date AND $2::date) AS ack_working_days,
        avg(response_working_days) FILTER (WHERE responded_on BETWEEN $1::date AND $2::date) AS response_working_days,
        count(*) FILTER (WHERE extended_on BETWEEN $1::date AND $2::date) AS extensions,
        sum(compensation_pence) FILTER (WHERE responded_on BETWEEN $1::date AND $2::date) AS compensation_pence,
        count(*) FILTER (WHERE case_end = 'refused' AND case_ended_on BETWEEN $1::date AND $2::date) AS refused
      ${YEAR_WHERE}
      GROUP BY GROUPING SETS ((stage), (service_area), (category), (refusal_ground))`,
    params: (d) => [d.yearFrom, d.yearTo],
    counted: count(YEAR_WHERE),
  },
  monthly: {
    // The month's received, closed, escalated, responses within the Code and upheld, compensation; open and overdue at its end.
    sql: `
      SELECT
        count(*) FILTER (WHERE stage = 1 AND received_on BETWEEN $1::date AND $2::date) AS received,
        count(*) FILTER (WHERE case_end = 'closed' AND stage_ended_on = case_ended_on AND case_ended_on BETWEEN $1::date AND $2::date) AS closed,
        count(*) FILTER (WHERE stage = 2 AND started_on BETWEEN $1::date AND $2::date) AS escalated,
        count(*) FILTER (WHERE responded_on BETWEEN $1::date AND $2::date) AS responses,
        count(*) FILTER (WHERE responded_on BETWEEN $1::date AND $2::date AND responded_on <= response_due) AS within,
        count(*) FILTER (WHERE responded_on BETWEEN $1::date AND $2::date AND outcome IN ('upheld', 'partially_upheld')) AS upheld,
        sum(compensation_pence) FILTER (WHERE responded_on BETWEEN $1::date AND $2::date) AS compensation_pence,
        count(*) FILTER (WHERE started_on <= $2::date AND (stage_ended_on IS NULL OR stage_ended_on > $2::date) AND case_end IS DISTINCT FROM 'refused') AS open_at_end,
        count(*) FILTER (WHERE started_on <= $2::date AND (stage_ended_on IS NULL OR stage_ended_on > $2::date) AND case_end IS DISTINCT FROM 'refused'
          AND (responded_on IS NULL OR responded_on > $2::date) AND response_due < $2::date) AS overdue_at_end
      ${MONTH_WHERE}`,
    params: (d) => [d.monthFrom, d.monthTo],
    counted: count(MONTH_WHERE),
  },
  attention: {
    // Every open case overdue, due soon or quiet, and every offer unpaid (also after closure), most urgent first (the API lists them all too).
    sql: `
      SELECT complaint_id, stage, handler_id, service_area,
        CASE WHEN NOT (${CURRENT}) THEN 'compensation unpaid' WHEN ${ACK_OVERDUE} THEN 'acknowledgement overdue' WHEN ${RESPONSE_OVERDUE} THEN 'response overdue'
             WHEN last_activity_on <= $3::date THEN 'inactive' WHEN ${UNPAID} THEN 'compensation unpaid' ELSE 'due soon' END AS reason,
        LEAST(CASE WHEN acked_on IS NULL OR acked_on > $1::date THEN ack_due END, ${TARGET}) AS due
      ${ATTENTION_WHERE}
      ORDER BY due, complaint_id`,
    params: (d) => [d.asOf, d.dueSoonBy, d.inactiveOnOrBefore],
    counted: count(ATTENTION_WHERE),
  },
};
