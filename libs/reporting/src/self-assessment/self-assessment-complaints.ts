import type { SqlParam, SqlQueryable } from '@complaints/adapter-postgres';
import type { CalendarDate, Stage } from '@complaints/contracts';
import { reportingYear } from '@complaints/domain';
import { CASE_FILES, CASE_MEASURES_TABLE, withActiveTables } from '@complaints/projections';
import type { DrillDownProvision } from './self-assessment-evidence';
import { caseKeyOf, cursorParts } from '../tsm/tsm-complaints-from-facts';

/**
 * The complaints behind a provision's computed evidence (selfAssessmentEvidenceFromFacts, same
 * rows, so `count` with `met` unset is the figure the evidence counts): one entry per counted
 * step (an acknowledgement, a response, an extension, a refusal), in the order the complaints
 * were received. `met` is whether that step met the provision.
 */
export interface SelfAssessmentComplaint {
  readonly complaintId: string;
  readonly reference: string;
  readonly receivedOn: CalendarDate;
  readonly stage: Stage | null;
  /** The date of the step counted (acknowledged, responded, extension agreed, refused). */
  readonly on: CalendarDate;
  readonly met: boolean | null;
  /** Acknowledgement, response: working days from the stage's start; extension: days agreed. */
  readonly workingDays: number | null;
  /** Refusal: the ground. */
  readonly ground?: string;
  /** Extension: whether the stage's extensions so far go beyond the Code's limit, and with a good reason recorded. */
  readonly beyondCodeLimit?: boolean;
  readonly goodReasonRecorded?: boolean;
}

export interface SelfAssessmentComplaintsPage {
  readonly count: number;
  readonly complaints: SelfAssessmentComplaint[];
  readonly next: string | null;
}

interface Cursor {
  readonly receivedOn: CalendarDate;
  readonly reference: string;
  readonly complaintId: string;
  readonly seq: number;
}

export function encodeSelfAssessmentCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.receivedOn, cursor.reference, cursor.complaintId, cursor.seq])).toString(
    'base64url',
  );
}

/** The cursor from `after`, or null when it is not one this list gave out: the case key of the TSM lists, and the step's seq. */
export function decodeSelfAssessmentCursor(text: string): Cursor | null {
  const parts = cursorParts(text);
  if (parts?.length !== 4) return null;
  const key = caseKeyOf(parts);
  const seq = parts[3];
  if (!key || typeof seq !== 'number' || !Number.isInteger(seq) || seq < 0 || seq > 1_000_000) return null;
  return { ...key, seq };
}

/** Which rows a provision counts, and when a row met it (SQL over case_measures' columns). */
const SELECTIONS: Record<DrillDownProvision, { where: string; met: string | null }> = {
  '2.4': { where: `measure = 'refused'`, met: null },
  '5.6': { where: `measure = 'acknowledged'`, met: `coalesce(defined AND outcomes_recorded, false)` },
  '6.2': { where: `measure = 'acknowledged' AND stage = 1`, met: `NOT coalesce(late, false)` },
  '6.11': { where: `measure = 'acknowledged' AND stage = 2`, met: `NOT coalesce(late, false)` },
  '6.3': { where: `measure = 'responded' AND stage = 1`, met: `coalesce(within_code, false)` },
  '6.14': { where: `measure = 'responded' AND stage = 2`, met: `coalesce(within_code, false)` },
  '6.4': {
    where: `measure = 'extension_agreed' AND stage = 1`,
    met: `NOT (coalesce(beyond_limit, false) AND NOT coalesce(good_reason, false))`,
  },
  '6.15': {
    where: `measure = 'extension_agreed' AND stage = 2`,
    met: `NOT (coalesce(beyond_limit, false) AND NOT coalesce(good_reason, false))`,
  },
  '7.1': {
    where: `measure = 'responded' AND decision IN ('upheld', 'partially_upheld')`,
    met: `coalesce(apology, false)`,
  },
};

/** Whether a provision's list can be split by `met` (a refusal has no such split). */
export function drillDownHasMet(provision: DrillDownProvision): boolean {
  return SELECTIONS[provision].met !== null;
}

interface Row {
  complaint_id: string;
  seq: number;
  reference: string;
  received_on: CalendarDate;
  stage: Stage | null;
  on_date: CalendarDate;
  met: boolean | null;
  working_days: number | null;
  kind: string | null;
  beyond_limit: boolean | null;
  good_reason: boolean | null;
}

/**
 * A page of the complaints behind one provision's evidence for a year: keyset pagination on
 * (received on, reference, id, row), so a page costs the same however deep it is.
 */
export async function selfAssessmentComplaintsFromFacts(
  sql: SqlQueryable,
  year: number,
  query: { readonly provision: DrillDownProvision; readonly met?: boolean },
  page: { readonly after?: Cursor; readonly limit: number },
): Promise<SelfAssessmentComplaintsPage> {
  const period = reportingYear(year);
  const selection = SELECTIONS[query.provision];
  const params: SqlParam[] = [period.from, period.to];
  const param = (value: SqlParam) => `$${params.push(value)}`;
  const metColumn = selection.met ?? 'NULL::boolean';
  const where = [`on_date BETWEEN $1::date AND $2::date`, selection.where];
  if (query.met !== undefined && selection.met !== null) where.push(`(${selection.met}) = ${param(query.met)}`);
  const figure = where.join(' AND ');
  const countParams = [...params];
  const after = page.after
    ? ` AND (received_on, reference COLLATE "C", complaint_id COLLATE "C", seq) > (${param(page.after.receivedOn)}::date, ${param(page.after.reference)} COLLATE "C", ${param(page.after.complaintId)} COLLATE "C", ${param(page.after.seq)}::int)`
    : '';
  const limit = param(page.limit + 1);
  const [counted, rows] = await withActiveTables(sql, CASE_FILES, (tables) => {
    const t = tables.table(CASE_MEASURES_TABLE);
    return Promise.all([
      sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t} WHERE ${figure}`, countParams),
      sql.query<Row>(
        `SELECT complaint_id, seq, reference, to_char(received_on, 'YYYY-MM-DD') AS received_on, stage, to_char(on_date, 'YYYY-MM-DD') AS on_date,
                ${metColumn} AS met, working_days, kind, beyond_limit, good_reason
           FROM ${t} WHERE ${figure}${after}
          ORDER BY received_on, reference COLLATE "C", complaint_id COLLATE "C", seq
          LIMIT ${limit}::int`,
        params,
      ),
    ]);
  });
  const listed = rows.slice(0, page.limit);
  const last = listed.at(-1);
  return {
    count: counted[0]?.n ?? 0,
    complaints: listed.map((row) => entryOf(row, query.provision)),
    next:
      rows.length > page.limit && last
        ? encodeSelfAssessmentCursor({
            receivedOn: last.received_on,
            reference: last.reference,
            complaintId: last.complaint_id,
            seq: last.seq,
          })
        : null,
  };
}

function entryOf(row: Row, provision: DrillDownProvision): SelfAssessmentComplaint {
  const base = {
    complaintId: row.complaint_id,
    reference: row.reference,
    receivedOn: row.received_on,
    stage: row.stage,
    on: row.on_date,
    met: row.met,
    workingDays: row.working_days,
  };
  if (provision === '2.4') return { ...base, ground: row.kind ?? 'other' };
  if (provision === '6.4' || provision === '6.15')
    return { ...base, beyondCodeLimit: row.beyond_limit === true, goodReasonRecorded: row.good_reason === true };
  return base;
}
