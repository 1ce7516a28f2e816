import type { SqlQueryable } from '@complaints/adapter-postgres';
import {
  evolveRetention,
  NEW_RETENTION_RECORD,
  retentionStartOf,
  toLondonDate,
  type RetentionRecord,
} from '@complaints/domain';
import type { ComplaintEnvelope } from '@complaints/event-store';
import { jsonIds, upsertRecordset, type ColumnTypes } from '../case-files/recordset';
import type { Projection, TableSet } from '../engine/projection';

export const RETENTION = 'retention';
export const RETENTION_CASES_TABLE = 'retention_cases';

/** Bump when the table or the rules that fill it change: the engine then rebuilds it. */
const SCHEMA_VERSION = 1;

export interface RetentionCaseRow {
  complaint_id: string;
  reference: string;
  /** The domain's RetentionRecord (dates, hold ids and categories, staff ids, the Ombudsman reference): nothing personal. */
  record: RetentionRecord;
  /** London date the retention period runs from (retentionStartOf); null while the complaint is open. */
  retention_from: string | null;
  erased: boolean;
  position: string;
}

const COLUMNS: ColumnTypes<RetentionCaseRow> = [
  ['complaint_id', 'text'],
  ['reference', 'text'],
  ['record', 'jsonb'],
  ['retention_from', 'date'],
  ['erased', 'boolean'],
  ['position', 'bigint'],
];

/**
 * The retention schedule's view of every complaint: the same RetentionRecord the decider keeps
 * (folded by the domain's evolveRetention), so "due for erasure" in the listing and in the rule
 * that approves an erasure are one computation (retentionStatusOf). The number of years is not
 * stored: it is configuration, applied when the listing is asked for.
 */
export function retentionProjection(): Projection {
  return {
    name: RETENTION,
    version: String(SCHEMA_VERSION),
    tables: [RETENTION_CASES_TABLE],

    async createTables(tx: SqlQueryable, tables: TableSet): Promise<void> {
      const t = tables.table(RETENTION_CASES_TABLE);
      await tx.execScript(`
        CREATE TABLE ${t} (
          complaint_id   text    PRIMARY KEY,
          reference      text    NOT NULL,
          record         jsonb   NOT NULL,
          retention_from date,
          erased         boolean NOT NULL,
          position       bigint  NOT NULL
        );
        CREATE INDEX ${t}_due_idx ON ${t} (retention_from) WHERE NOT erased;
      `);
    },

    async apply(tx: SqlQueryable, envelopes: readonly ComplaintEnvelope[], tables: TableSet): Promise<void> {
      const t = tables.table(RETENTION_CASES_TABLE);
      const rows = await loadRows(tx, t, [...new Set(envelopes.map((e) => e.complaintId))]);
      const changed = new Map<string, RetentionCaseRow>();
      for (const envelope of envelopes) {
        const { event, complaintId } = envelope;
        const existing = rows.get(complaintId);
        if (event.type === 'ComplaintReceived') {
          // A receipt seen again (a replay) leaves the first one's row.
          if (existing) continue;
        } else if (!existing) {
          // A step on a stream never received belongs to no complaint (the complaint's own fold ignores it too).
          continue;
        }
        const before = existing?.record ?? NEW_RETENTION_RECORD;
        const record = evolveRetention(before, event);
        if (existing && record === before) continue;
        const start = retentionStartOf(record);
        const row: RetentionCaseRow = {
          complaint_id: complaintId,
          reference: existing?.reference ?? (event.type === 'ComplaintReceived' ? event.data.reference : ''),
          record,
          retention_from: start === null ? null : toLondonDate(start),
          erased: record.erasedAt !== null,
          position: envelope.globalPosition.toString(),
        };
        rows.set(complaintId, row);
        changed.set(complaintId, row);
      }
      await upsertRecordset(tx, t, COLUMNS, ['complaint_id'], [...changed.values()]);
    },
  };
}

async function loadRows(
  tx: SqlQueryable,
  table: string,
  ids: readonly string[],
): Promise<Map<string, RetentionCaseRow>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.query<Omit<RetentionCaseRow, 'record'> & { record: string }>(
    `SELECT complaint_id, reference, record::text AS record, to_char(retention_from, 'YYYY-MM-DD') AS retention_from, erased, position::text AS position
       FROM ${table} WHERE complaint_id IN (SELECT jsonb_array_elements_text($1::text::jsonb))`,
    [jsonIds(ids)],
  );
  return new Map(rows.map((row) => [row.complaint_id, { ...row, record: JSON.parse(row.record) as RetentionRecord }]));
}
