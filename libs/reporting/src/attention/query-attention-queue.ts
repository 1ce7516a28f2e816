import type { SqlParam, SqlQueryable } from '@complaints/adapter-postgres';
import type { CalendarDate, Stage } from '@complaints/contracts';
import { asOfThresholds, quietIfLastActiveOnOrBefore } from '../dashboard/as-of-thresholds';
import {
  asOfVersions,
  CASE_ORDER,
  dueSoon,
  FOLLOW_UP,
  OPEN_AND_TIMED,
  overdue,
  withCaseVersions,
} from '../dashboard/case-versions';
import {
  byUrgency,
  followUpItem,
  type AttentionItem,
  type AttentionOptions,
  type AttentionReason,
} from './attention-items';

interface ItemRow {
  seen: number | string;
  reason: AttentionReason;
  due: CalendarDate | null;
  organisation_due: CalendarDate | null;
  since: CalendarDate | null;
  action_id: string | null;
  ref: string | null;
  amount: number | string | null;
  complaint_id: string;
  reference: string;
  status: string;
  stage: number | string;
  service_area: string;
  handler_id: string | null;
  handler_name: string | null;
}

const milestone = (
  name: 'acknowledgement' | 'response',
  due: string,
  doneOn: string,
  ord: number,
  organisationDue: string,
) => `
  SELECT seen, ${ord} AS ord, CASE WHEN ${overdue(due, doneOn)} THEN '${name}_overdue' ELSE '${name}_due_soon' END AS reason,
         ${due} AS due, NULL::text AS action_due, ${organisationDue} AS organisation_due, NULL::date AS since, NULL::text AS action_id, NULL::bigint AS amount, NULL::text AS ref
    FROM v WHERE ${OPEN_AND_TIMED} AND (${overdue(due, doneOn)} OR ${dueSoon(due, doneOn)})`;

/**
 * Every item of the queue on $1, one row each, in the fold's order within a case (acknowledgement,
 * response, inactivity, remedy actions as recorded, compensation, follow-ups as followUpsOf lists
 * them), cases in case order: $2 is the
 * due-soon bound, $3 the latest last activity that is quiet (as-of-thresholds.ts), $4 asOf as text.
 * A remedy action's date is compared as the text the event holds, as the fold compares it (ISO
 * dates order as text): a date PostgreSQL cannot hold (year 0, let in by an older release) counts
 * as long past instead of failing the queue.
 */
function attentionSql(table: string, caseFilter: string, reasonFilter: string): string {
  return `
    WITH v AS (
      SELECT *, row_number() OVER (ORDER BY ${CASE_ORDER}) AS seen FROM ${table} WHERE ${asOfVersions('$1')} AND ${FOLLOW_UP} ${caseFilter}
    ),
    items AS (
      ${milestone('acknowledgement', 'acknowledgement_due', 'acknowledged_on', 0, 'NULL::date')}
      UNION ALL ${milestone('response', 'code_response_due', 'responded_on', 1, 'response_due')}
      UNION ALL SELECT seen, 2, 'inactive', NULL, NULL, NULL, last_activity_on, NULL, NULL, NULL FROM v WHERE status = 'open' AND last_activity_on <= $3::date
      UNION ALL SELECT seen, 2 + a.ordinality, 'remedy_action_overdue', NULL, a.action->>'dueBy', NULL, NULL, a.action->>'actionId', NULL, NULL
                  FROM v CROSS JOIN LATERAL jsonb_array_elements(v.open_remedy_actions) WITH ORDINALITY AS a(action, ordinality)
                 WHERE (a.action->>'dueBy') COLLATE "C" < $4::text
      UNION ALL SELECT seen, 1000000000, 'compensation_unpaid', NULL, NULL, NULL, compensation_offered_on, NULL, compensation_outstanding_pence, NULL
                  FROM v WHERE compensation_outstanding_pence > 0
      UNION ALL SELECT seen, 1000000000 + f.ordinality,
                       f.follow_up->>'reason' || CASE WHEN (f.follow_up->>'due') COLLATE "C" < $4::text THEN '_overdue' ELSE '_due_soon' END,
                       NULL, f.follow_up->>'due', NULL, NULL, NULL, NULL, f.follow_up->>'ref'
                  FROM v CROSS JOIN LATERAL jsonb_array_elements(v.follow_ups) WITH ORDINALITY AS f(follow_up, ordinality)
                 WHERE (f.follow_up->>'due') COLLATE "C" < to_char($2::date, 'YYYY-MM-DD')
    )
    SELECT items.seen, items.reason, coalesce(items.action_due, to_char(items.due, 'YYYY-MM-DD')) AS due, to_char(items.organisation_due, 'YYYY-MM-DD') AS organisation_due,
           to_char(items.since, 'YYYY-MM-DD') AS since, items.action_id, items.amount, items.ref,
           v.complaint_id, v.reference, v.status, v.stage, v.service_area, v.handler_id, v.handler_name
      FROM items JOIN v ON v.seen = items.seen ${reasonFilter}
     ORDER BY items.seen, items.ord`;
}

/**
 * The attention queue (attentionQueue's JSON: attention-queue.oracle.ts is the reference it is
 * proved against) from case_fact_versions: which complaint has which item on asOf is decided in
 * the database; the working days overdue, remaining and since are worked out here, for the
 * listed items only, with the domain's calendar.
 */
export async function queryAttentionQueue(sql: SqlQueryable, options: AttentionOptions) {
  const { calendar, asOf, inactivityWorkingDays, dueSoonWorkingDays = 2, filter = {} } = options;
  const { dueSoonBefore } = asOfThresholds(calendar, asOf, dueSoonWorkingDays);
  const params: SqlParam[] = [
    asOf,
    dueSoonBefore,
    quietIfLastActiveOnOrBefore(calendar, asOf, inactivityWorkingDays),
    asOf,
  ];
  const param = (value: SqlParam) => `$${params.push(value)}`;
  // As the fold filters: an empty filter value filters nothing.
  const caseFilter = [
    filter.serviceArea ? `AND lower(service_area) = lower(${param(filter.serviceArea)})` : '',
    filter.handlerId ? `AND handler_id = ${param(filter.handlerId)}` : '',
  ].join(' ');
  const reasonFilter = filter.reason ? `WHERE items.reason = ${param(filter.reason)}` : '';
  const rows = await withCaseVersions(sql, (table) =>
    sql.query<ItemRow>(attentionSql(table, caseFilter, reasonFilter), params),
  );
  const items = rows.map((row) => toItem(row, options));
  return { asOf, inactivityWorkingDays, dueSoonWorkingDays, count: items.length, items: items.sort(byUrgency) };
}

/** The item as the fold builds it (the same keys in the same order), its working days counted for asOf. */
function toItem(row: ItemRow, { calendar, asOf }: AttentionOptions): AttentionItem {
  const base = {
    complaintId: row.complaint_id,
    reference: row.reference,
    status: row.status,
    stage: Number(row.stage) as Stage,
    serviceArea: row.service_area,
    handler: row.handler_id === null ? null : { id: row.handler_id, name: row.handler_name ?? '' },
    due: null,
    since: null,
    workingDaysOverdue: 0,
    workingDaysRemaining: 0,
    workingDaysSince: 0,
  };
  const { reason } = row;
  switch (reason) {
    case 'acknowledgement_overdue':
    case 'acknowledgement_due_soon':
    case 'response_overdue':
    case 'response_due_soon': {
      const due = row.due as CalendarDate;
      const isOverdue = reason.endsWith('_overdue');
      return {
        ...base,
        reason,
        due,
        ...(reason.startsWith('response') ? { organisationDue: row.organisation_due as CalendarDate } : {}),
        workingDaysOverdue: isOverdue ? calendar.workingDaysBetween(due, asOf) : 0,
        workingDaysRemaining: isOverdue ? 0 : calendar.workingDaysBetween(asOf, due),
      };
    }
    case 'inactive':
      return {
        ...base,
        reason,
        since: row.since,
        workingDaysSince: calendar.workingDaysBetween(row.since as CalendarDate, asOf),
      };
    case 'remedy_action_overdue':
      return {
        ...base,
        reason,
        actionId: row.action_id as string,
        due: row.due,
        workingDaysOverdue: calendar.workingDaysBetween(row.due as CalendarDate, asOf),
      };
    case 'compensation_unpaid':
      return {
        ...base,
        reason,
        since: row.since,
        workingDaysSince: row.since ? calendar.workingDaysBetween(row.since, asOf) : 0,
        amountOutstandingPence: Number(row.amount),
      };
    default:
      return followUpItem(base, reason, row.due as CalendarDate, row.ref, calendar, asOf);
  }
}
