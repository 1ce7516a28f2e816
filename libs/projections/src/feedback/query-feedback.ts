import type { SqlParam, SqlQueryable } from '@complaints/adapter-postgres';
import type { CalendarDate, FeedbackKind } from '@complaints/contracts';
import { withActiveTables } from '../engine/active-tables';
import { FEEDBACK_ITEMS, FEEDBACK_ITEMS_TABLE, type FeedbackItemRow } from './feedback-items.projection';

export interface FeedbackQuery {
  kind?: FeedbackKind;
  serviceArea?: string;
  /** London dates of receipt, both inclusive. */
  from?: CalendarDate;
  to?: CalendarDate;
  limit: number;
  offset: number;
}

/** One line of the feedback list: nothing personal (the item itself has the summary and the person). */
export interface FeedbackListItem {
  id: string;
  kind: FeedbackKind;
  revision: number;
  receivedAt: string;
  receivedOn: CalendarDate;
  channel: string;
  serviceArea: string;
  team: string | null;
  namesStaffMember: boolean;
  tenure: string | null;
  sharedCount: number;
  firstSharedAt: string | null;
  passedToManagerAt: string | null;
  completedAt: string | null;
  complaint: { id: string; reference: string; convertedAt: string } | null;
  lastActivityAt: string;
}

export interface FeedbackPage {
  total: number;
  limit: number;
  offset: number;
  items: FeedbackListItem[];
}

export function feedbackListItemOf(row: FeedbackItemRow): FeedbackListItem {
  return {
    id: row.feedback_id,
    kind: row.kind as FeedbackKind,
    revision: row.revision,
    receivedAt: row.received_at,
    receivedOn: row.received_on,
    channel: row.channel,
    serviceArea: row.service_area,
    team: row.team,
    namesStaffMember: row.names_staff_member,
    tenure: row.tenure,
    sharedCount: row.shared_count,
    firstSharedAt: row.first_shared_at,
    passedToManagerAt: row.passed_to_manager_at,
    completedAt: row.completed_at,
    complaint:
      row.complaint_id && row.complaint_reference && row.converted_at
        ? { id: row.complaint_id, reference: row.complaint_reference, convertedAt: row.converted_at }
        : null,
    lastActivityAt: row.last_activity_at,
  };
}

/** Feedback received in a period (London dates), of a kind and service area, newest first, paged. */
export async function queryFeedback(sql: SqlQueryable, query: FeedbackQuery): Promise<FeedbackPage> {
  return withActiveTables(sql, FEEDBACK_ITEMS, async (tables) => {
    const t = tables.table(FEEDBACK_ITEMS_TABLE);
    const where: string[] = [];
    const params: SqlParam[] = [];
    const add = (clause: (p: string) => string, value: SqlParam) => {
      params.push(value);
      where.push(clause(`$${params.length}`));
    };
    if (query.kind !== undefined) add((p) => `kind = ${p}`, query.kind);
    // Service areas are the landlord's labels, typed by staff: matched ignoring case, as the complaint list does.
    if (query.serviceArea !== undefined) add((p) => `lower(service_area) = lower(${p})`, query.serviceArea);
    if (query.from !== undefined) add((p) => `received_on >= ${p}::date`, query.from);
    if (query.to !== undefined) add((p) => `received_on <= ${p}::date`, query.to);
    const filter = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const [count] = await sql.query<{ total: string }>(`SELECT count(*)::text AS total FROM ${t} ${filter}`, params);
    const rows = await sql.query<FeedbackItemRow>(
      `SELECT feedback_id, kind, received_at, to_char(received_on, 'YYYY-MM-DD') AS received_on, channel, service_area, team, names_staff_member, tenure,
              shared_count, first_shared_at, passed_to_manager_at, completed_at, complaint_id, complaint_reference, converted_at, revision,
              last_activity_at, position::text AS position
         FROM ${t} ${filter}
        ORDER BY received_at DESC, feedback_id COLLATE "C"
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, query.limit, query.offset],
    );
    return {
      total: Number(count?.total ?? 0),
      limit: query.limit,
      offset: query.offset,
      items: rows.map(feedbackListItemOf),
    };
  });
}

/** Counts of the feedback received in a period (London dates, inclusive), by kind and service area, with what became of it. */
export interface FeedbackCountRow {
  kind: FeedbackKind;
  serviceArea: string;
  received: number;
  shared: number;
  passedToManager: number;
  completed: number;
  convertedToComplaint: number;
  /** Neither completed nor turned into a complaint (the complaint carries a converted one on). */
  open: number;
}

export async function queryFeedbackCounts(
  sql: SqlQueryable,
  period: { from: CalendarDate; to: CalendarDate },
): Promise<FeedbackCountRow[]> {
  return withActiveTables(sql, FEEDBACK_ITEMS, async (tables) => {
    const rows = await sql.query<{
      kind: string;
      service_area: string;
      received: string;
      shared: string;
      passed: string;
      completed: string;
      converted: string;
      open: string;
    }>(
      `SELECT kind, service_area, count(*)::text AS received,
              count(*) FILTER (WHERE shared_count > 0)::text AS shared,
              count(*) FILTER (WHERE passed_to_manager_at IS NOT NULL)::text AS passed,
              count(*) FILTER (WHERE completed_at IS NOT NULL)::text AS completed,
              count(*) FILTER (WHERE complaint_id IS NOT NULL)::text AS converted,
              count(*) FILTER (WHERE completed_at IS NULL AND complaint_id IS NULL)::text AS open
         FROM ${tables.table(FEEDBACK_ITEMS_TABLE)}
        WHERE received_on >= $1::date AND received_on <= $2::date
        GROUP BY kind, service_area
        ORDER BY service_area COLLATE "C", kind COLLATE "C"`,
      [period.from, period.to],
    );
    return rows.map((r) => ({
      kind: r.kind as FeedbackKind,
      serviceArea: r.service_area,
      received: Number(r.received),
      shared: Number(r.shared),
      passedToManager: Number(r.passed),
      completed: Number(r.completed),
      convertedToComplaint: Number(r.converted),
      open: Number(r.open),
    }));
  });
}
