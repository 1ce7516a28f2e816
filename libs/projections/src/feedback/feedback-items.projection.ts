import type { SqlQueryable } from '@complaints/adapter-postgres';
import { toLondonDate } from '@complaints/domain';
import type { ComplaintEnvelope } from '@complaints/event-store';
import { jsonIds, upsertRecordset, type ColumnTypes } from '../case-files/recordset';
import type { Projection, TableSet } from '../engine/projection';

export const FEEDBACK_ITEMS = 'feedback_items';
export const FEEDBACK_ITEMS_TABLE = 'feedback_items';

/** Bump when the table or the rules that fill it change: the engine then rebuilds it. */
const SCHEMA_VERSION = 1;

/**
 * One row per feedback item (docs/feedback.md), nothing personal: the summary, the person and
 * the staff member's name stay on the item's stream (GET /api/v1/feedback/{id}), read from
 * redacted events, so no personal field reaches this table. The list and the figures for
 * panels and reports read it.
 */
export interface FeedbackItemRow {
  feedback_id: string;
  kind: string;
  received_at: string;
  /** London date of the receipt: the periods of lists and figures. */
  received_on: string;
  channel: string;
  service_area: string;
  /** Compliments: the team praised (the landlord's own label), or null. */
  team: string | null;
  /** Compliments: whether a member of staff was named (the name itself is personal). */
  names_staff_member: boolean;
  tenure: string | null;
  /** How often it was shared (compliments), and first when. */
  shared_count: number;
  first_shared_at: string | null;
  /** Latest passing to the service manager (comments, concerns resolved at first contact). */
  passed_to_manager_at: string | null;
  /** Service requests: when completed. */
  completed_at: string | null;
  /** The formal complaint it became. */
  complaint_id: string | null;
  complaint_reference: string | null;
  converted_at: string | null;
  revision: number;
  last_activity_at: string;
  position: string;
}

const COLUMNS: ColumnTypes<FeedbackItemRow> = [
  ['feedback_id', 'text'],
  ['kind', 'text'],
  ['received_at', 'text'],
  ['received_on', 'date'],
  ['channel', 'text'],
  ['service_area', 'text'],
  ['team', 'text'],
  ['names_staff_member', 'boolean'],
  ['tenure', 'text'],
  ['shared_count', 'int'],
  ['first_shared_at', 'text'],
  ['passed_to_manager_at', 'text'],
  ['completed_at', 'text'],
  ['complaint_id', 'text'],
  ['complaint_reference', 'text'],
  ['converted_at', 'text'],
  ['revision', 'int'],
  ['last_activity_at', 'text'],
  ['position', 'bigint'],
];

/** The row an item's next event makes of it (null: the event changes no row). Pure. */
export function nextFeedbackRow(row: FeedbackItemRow | undefined, envelope: ComplaintEnvelope): FeedbackItemRow | null {
  const { event } = envelope;
  const touched = (r: FeedbackItemRow): FeedbackItemRow => ({
    ...r,
    revision: envelope.revision,
    last_activity_at: r.last_activity_at > event.data.occurredAt ? r.last_activity_at : event.data.occurredAt,
    position: envelope.globalPosition.toString(),
  });
  if (event.type === 'FeedbackReceived') {
    // A receipt seen again (a replay) leaves the first one's row.
    if (row) return null;
    const { data } = event;
    return {
      feedback_id: envelope.complaintId,
      kind: data.kind,
      received_at: data.occurredAt,
      received_on: toLondonDate(data.occurredAt),
      channel: data.channel,
      service_area: data.serviceArea,
      team: data.team ?? null,
      names_staff_member: data.staffMember !== undefined,
      tenure: data.tenure ?? null,
      shared_count: 0,
      first_shared_at: null,
      passed_to_manager_at: null,
      completed_at: null,
      complaint_id: null,
      complaint_reference: null,
      converted_at: null,
      revision: envelope.revision,
      last_activity_at: data.occurredAt,
      position: envelope.globalPosition.toString(),
    };
  }
  // A step on a stream never received belongs to no item (the decider's fold ignores it too).
  if (!row) return null;
  switch (event.type) {
    case 'FeedbackShared':
      return touched({
        ...row,
        shared_count: row.shared_count + 1,
        first_shared_at: row.first_shared_at ?? event.data.occurredAt,
      });
    case 'FeedbackPassedToManager':
      return touched({ ...row, passed_to_manager_at: event.data.occurredAt });
    case 'ServiceRequestCompleted':
      return touched({ ...row, completed_at: event.data.occurredAt });
    case 'FeedbackConvertedToComplaint':
      return touched({
        ...row,
        complaint_id: event.data.complaintId,
        complaint_reference: event.data.reference,
        converted_at: event.data.occurredAt,
      });
    default:
      return touched(row);
  }
}

export function feedbackItemsProjection(): Projection {
  return {
    name: FEEDBACK_ITEMS,
    version: String(SCHEMA_VERSION),
    tables: [FEEDBACK_ITEMS_TABLE],
    categories: ['feedback'],

    async createTables(tx: SqlQueryable, tables: TableSet): Promise<void> {
      const t = tables.table(FEEDBACK_ITEMS_TABLE);
      await tx.execScript(`
        CREATE TABLE ${t} (
          feedback_id          text    PRIMARY KEY,
          kind                 text    NOT NULL,
          received_at          text    NOT NULL,
          received_on          date    NOT NULL,
          channel              text    NOT NULL,
          service_area         text    NOT NULL,
          team                 text,
          names_staff_member   boolean NOT NULL,
          tenure               text,
          shared_count         int     NOT NULL,
          first_shared_at      text,
          passed_to_manager_at text,
          completed_at         text,
          complaint_id         text,
          complaint_reference  text,
          converted_at         text,
          revision             int     NOT NULL,
          last_activity_at     text    NOT NULL,
          position             bigint  NOT NULL
        );
        CREATE INDEX ${t}_received_idx ON ${t} (received_on, kind);
      `);
    },

    async apply(tx: SqlQueryable, envelopes: readonly ComplaintEnvelope[], tables: TableSet): Promise<void> {
      const t = tables.table(FEEDBACK_ITEMS_TABLE);
      const rows = await loadRows(tx, t, [...new Set(envelopes.map((e) => e.complaintId))]);
      const changed = new Map<string, FeedbackItemRow>();
      for (const envelope of envelopes) {
        if (envelope.category !== 'feedback') continue;
        const next = nextFeedbackRow(rows.get(envelope.complaintId), envelope);
        if (!next) continue;
        rows.set(envelope.complaintId, next);
        changed.set(envelope.complaintId, next);
      }
      await upsertRecordset(tx, t, COLUMNS, ['feedback_id'], [...changed.values()]);
    },
  };
}

async function loadRows(
  tx: SqlQueryable,
  table: string,
  ids: readonly string[],
): Promise<Map<string, FeedbackItemRow>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.query<FeedbackItemRow>(
    `SELECT ${COLUMNS.map(([name]) => (name === 'received_on' ? `to_char(received_on, 'YYYY-MM-DD') AS received_on` : name === 'position' ? 'position::text AS position' : name)).join(', ')}
       FROM ${table} WHERE feedback_id IN (SELECT jsonb_array_elements_text($1::text::jsonb))`,
    [jsonIds(ids)],
  );
  return new Map(rows.map((row) => [row.feedback_id, row]));
}
