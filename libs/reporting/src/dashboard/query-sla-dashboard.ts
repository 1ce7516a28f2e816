import type { SqlQueryable } from '@complaints/adapter-postgres';
import type { CalendarDate, Stage } from '@complaints/contracts';
import type { Organisation } from '../organisation';
import { asOfThresholds } from './as-of-thresholds';
import { asOfVersions, CASE_ORDER, dueSoon, OPEN_AND_TIMED, overdue, toCount, withCaseVersions } from './case-versions';
import { dashboardOf, type OverdueItem, type SlaDashboard } from './dashboard-shape';

/** The five counts every group of the dashboard has, against the Code target. */
const COUNTS = `count(*) AS open,
  count(*) FILTER (WHERE ack_overdue) AS ack_overdue, count(*) FILTER (WHERE ack_due_soon) AS ack_due_soon,
  count(*) FILTER (WHERE resp_overdue) AS resp_overdue, count(*) FILTER (WHERE resp_due_soon) AS resp_due_soon`;

/**
 * One statement, so every figure comes from the same snapshot: the open complaints as they stood
 * on $1 with each milestone's status (stageStatusAsOf as comparisons with $1 and $2), then the
 * totals, the groups by service area and by handler, and the overdue milestones, each as JSON.
 */
function dashboardSql(table: string): string {
  return `
    WITH v AS (
      SELECT complaint_id, reference, stage, service_area, handler_id, handler_name, coalesce(handler_id, '') AS handler_key,
             acknowledgement_due, code_response_due, response_due,
             extensions_agreed, extension_working_days, code_extension_working_days, extensions_beyond_limit,
             extension_good_reason, extensions_agreed_after_code_target,
             row_number() OVER (ORDER BY ${CASE_ORDER}) AS seen,
             ${overdue('acknowledgement_due', 'acknowledged_on')} AS ack_overdue,
             ${dueSoon('acknowledgement_due', 'acknowledged_on')} AS ack_due_soon,
             ${overdue('code_response_due', 'responded_on')} AS resp_overdue,
             ${dueSoon('code_response_due', 'responded_on')} AS resp_due_soon,
             ${overdue('response_due', 'responded_on')} AS own_overdue,
             ${dueSoon('response_due', 'responded_on')} AS own_due_soon,
             ${overdue('local_acknowledgement_due', 'acknowledged_on')} AS local_ack_overdue,
             ${dueSoon('local_acknowledgement_due', 'acknowledged_on')} AS local_ack_due_soon,
             ${overdue('local_response_due', 'responded_on')} AS local_resp_overdue,
             ${dueSoon('local_response_due', 'responded_on')} AS local_resp_due_soon
        FROM ${table}
       WHERE ${asOfVersions('$1')} AND ${OPEN_AND_TIMED}
    ),
    totals AS (
      SELECT ${COUNTS},
             count(*) FILTER (WHERE stage = 1) AS stage1, count(*) FILTER (WHERE stage = 2) AS stage2,
             count(*) FILTER (WHERE own_overdue) AS own_overdue, count(*) FILTER (WHERE own_due_soon) AS own_due_soon,
             count(*) FILTER (WHERE ack_overdue OR resp_overdue) AS overdue_against_code,
             count(*) FILTER (WHERE ack_overdue OR own_overdue) AS overdue_against_own,
             count(*) FILTER (WHERE extensions_agreed > 0) AS with_extensions,
             sum(extensions_agreed) FILTER (WHERE extensions_agreed > 0) AS extensions_agreed,
             sum(extension_working_days) FILTER (WHERE extensions_agreed > 0) AS working_days_added,
             sum(code_extension_working_days) FILTER (WHERE extensions_agreed > 0) AS working_days_counted,
             sum(extensions_agreed_after_code_target) FILTER (WHERE extensions_agreed > 0) AS agreed_after_target,
             count(*) FILTER (WHERE extensions_agreed > 0 AND extensions_beyond_limit) AS beyond_limit,
             count(*) FILTER (WHERE extensions_agreed > 0 AND extensions_beyond_limit AND extension_good_reason) AS beyond_limit_good_reason,
             count(*) FILTER (WHERE local_ack_overdue) AS local_ack_overdue, count(*) FILTER (WHERE local_ack_due_soon) AS local_ack_due_soon,
             count(*) FILTER (WHERE local_resp_overdue) AS local_resp_overdue, count(*) FILTER (WHERE local_resp_due_soon) AS local_resp_due_soon
        FROM v
    ),
    counted AS (
      SELECT CASE WHEN grouping(service_area) = 0 THEN 'area' ELSE 'handler' END AS kind, service_area,
             min(seen) AS first_seen, ${COUNTS}
        FROM v GROUP BY GROUPING SETS ((service_area), (handler_key))
    ),
    groups AS (
      -- The fold names a handler group after its first case (in case order): so does this, by
      -- joining that case back (seen is unique) rather than ordering each group's rows in an
      -- array_agg, which made the groups sort where they can be hashed.
      SELECT c.kind, c.service_area, first.handler_id, first.handler_name, c.first_seen,
             c.open, c.ack_overdue, c.ack_due_soon, c.resp_overdue, c.resp_due_soon
        FROM counted AS c JOIN v AS first ON first.seen = c.first_seen
    )
    SELECT 'total' AS kind, to_jsonb(totals)::text AS row FROM totals
    UNION ALL SELECT kind, to_jsonb(groups)::text FROM groups
    UNION ALL SELECT 'overdue', to_jsonb(o)::text FROM (
      SELECT complaint_id, reference, stage, service_area, handler_id, handler_name, seen, ack_overdue, resp_overdue,
             acknowledgement_due, code_response_due, response_due
        FROM v WHERE ack_overdue OR resp_overdue) AS o`;
}

interface Counted {
  open: number;
  ack_overdue: number;
  ack_due_soon: number;
  resp_overdue: number;
  resp_due_soon: number;
}
type Totals = Counted &
  Record<
    | 'stage1'
    | 'stage2'
    | 'own_overdue'
    | 'own_due_soon'
    | 'overdue_against_code'
    | 'overdue_against_own'
    | 'with_extensions'
    | 'extensions_agreed'
    | 'working_days_added'
    | 'working_days_counted'
    | 'agreed_after_target'
    | 'beyond_limit'
    | 'beyond_limit_good_reason'
    | 'local_ack_overdue'
    | 'local_ack_due_soon'
    | 'local_resp_overdue'
    | 'local_resp_due_soon',
    number | string | null
  >;
interface Group extends Counted {
  kind: 'area' | 'handler';
  service_area: string | null;
  handler_id: string | null;
  handler_name: string | null;
  first_seen: number;
}
interface OverdueRow {
  complaint_id: string;
  reference: string;
  stage: Stage;
  service_area: string;
  handler_id: string | null;
  handler_name: string | null;
  seen: number;
  ack_overdue: boolean;
  resp_overdue: boolean;
  acknowledgement_due: CalendarDate;
  code_response_due: CalendarDate;
  response_due: CalendarDate;
}

const counts = (row: Counted) => ({
  open: toCount(row.open),
  acknowledgementsOverdue: toCount(row.ack_overdue),
  acknowledgementsDueSoon: toCount(row.ack_due_soon),
  responsesOverdue: toCount(row.resp_overdue),
  responsesDueSoon: toCount(row.resp_due_soon),
});

const handlerOf = (id: string | null, name: string | null) => (id === null ? null : { id, name: name ?? '' });

/**
 * The SLA dashboard as of a date (api.md "Reads"), the same JSON as the fold's `slaDashboard`
 * (sla-dashboard.oracle.ts, the reference it is proved against), from case_fact_versions:
 * counted in the database, the working days overdue worked out here for the listed rows only.
 */
export async function querySlaDashboard(
  sql: SqlQueryable,
  organisation: Organisation,
  asOf: CalendarDate,
): Promise<SlaDashboard> {
  const { dueSoonBefore } = asOfThresholds(organisation.calendar, asOf);
  const rows = await withCaseVersions(sql, (table) =>
    sql.query<{ kind: string; row: string }>(dashboardSql(table), [asOf, dueSoonBefore]),
  );
  let totals: Totals | undefined;
  const groups: Group[] = [];
  const overdueRows: OverdueRow[] = [];
  for (const { kind, row } of rows) {
    if (kind === 'total') totals = JSON.parse(row) as Totals;
    else if (kind === 'overdue') overdueRows.push(JSON.parse(row) as OverdueRow);
    else groups.push(JSON.parse(row) as Group);
  }
  if (!totals) throw new Error('the dashboard statement returned no totals row');
  const t = totals;
  const n = (key: keyof Totals) => toCount(t[key]);
  const total = counts(t);

  const overdue: OverdueItem[] = [];
  // In case order first, so equal urgencies fall as the fold's stable sort leaves them.
  for (const row of overdueRows.sort((a, b) => a.seen - b.seen)) {
    const base = { id: row.complaint_id, reference: row.reference, stage: Number(row.stage) as Stage };
    const rest = { serviceArea: row.service_area, handler: handlerOf(row.handler_id, row.handler_name) };
    if (row.ack_overdue) {
      const due = row.acknowledgement_due;
      overdue.push({
        ...base,
        milestone: 'acknowledgement',
        due,
        organisationDue: null,
        workingDaysOverdue: organisation.calendar.workingDaysBetween(due, asOf),
        ...rest,
      });
    }
    if (row.resp_overdue) {
      const due = row.code_response_due;
      overdue.push({
        ...base,
        milestone: 'response',
        due,
        organisationDue: row.response_due,
        workingDaysOverdue: organisation.calendar.workingDaysBetween(due, asOf),
        ...rest,
      });
    }
  }
  const byFirstSeen = (a: Group, b: Group) => a.first_seen - b.first_seen;
  const areas = groups.filter((g) => g.kind === 'area').sort(byFirstSeen);
  const handlers = groups.filter((g) => g.kind === 'handler').sort(byFirstSeen);

  return dashboardOf(
    {
      asOf,
      total,
      byStage: { stage1: n('stage1'), stage2: n('stage2') },
      complaintsOverdue: {
        againstCode: n('overdue_against_code'),
        againstOrganisationTarget: n('overdue_against_own'),
      },
      ownTarget: { responsesOverdue: n('own_overdue'), responsesDueSoon: n('own_due_soon') },
      extensions: {
        complaintsWithExtensions: n('with_extensions'),
        extensionsAgreed: n('extensions_agreed'),
        workingDaysAdded: n('working_days_added'),
        workingDaysCountedTowardsCode: n('working_days_counted'),
        beyondCodeLimit: n('beyond_limit'),
        beyondCodeLimitWithGoodReason: n('beyond_limit_good_reason'),
        agreedAfterCodeTarget: n('agreed_after_target'),
      },
      local: {
        acknowledgementsOverdue: n('local_ack_overdue'),
        acknowledgementsDueSoon: n('local_ack_due_soon'),
        responsesOverdue: n('local_resp_overdue'),
        responsesDueSoon: n('local_resp_due_soon'),
      },
      // In order of first appearance: dashboardOf's stable sorts then break ties as the fold does.
      byServiceArea: areas.map((g) => ({ serviceArea: g.service_area ?? '', ...counts(g) })),
      byHandler: handlers.map((g) => ({ handler: handlerOf(g.handler_id, g.handler_name), ...counts(g) })),
      overdue,
    },
    organisation,
  );
}
