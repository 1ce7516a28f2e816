import type { SqlQueryable } from '@complaints/adapter-postgres';
import { CODE_2024, type PolicyProfile, type WorkingDayCalendar } from '@complaints/domain';
import type { ComplaintEnvelope } from '@complaints/event-store';
import { calendarFingerprint } from '../calendar/calendar-fingerprint';
import { redactEvent } from '../case-files/redact-event';
import type { Projection, TableSet } from '../engine/projection';
import { storableJson } from '../engine/storable-text';
import { evolveSummary, type ComplaintSummaryState } from './summary-state';
import { summaryRow, type SummaryRow } from './summary-row';

export const COMPLAINT_SUMMARIES = 'complaint_summaries';
export const COMPLAINT_SUMMARIES_TABLE = 'complaint_summaries';

/**
 * Bump when the table or the rules that fill it change: the engine then rebuilds it.
 * 2: the Code's response clock from the acknowledgement, extensions counted only when agreed in
 * time and towards the Code only up to its limit (docs/domain.md, "Timescales"); the stage facts
 * kept in `state` list each extension. Rows of version 1 hold other dates and facts of the old
 * shape, so they are rebuilt from the log, never read into this code.
 * 3: folded from the redacted events, so a field the contracts call personal (now or in a later
 * version) never reaches the row or its `state` in clear.
 */
const SCHEMA_VERSION = 3;

export interface ComplaintSummariesOptions {
  /** The organisation's working days: due dates are stored, so they depend on it. */
  calendar: WorkingDayCalendar;
  /** The timescales the due dates follow. Default: the 2024 Code. */
  profile?: PolicyProfile;
}

/** Column name and the type jsonb_to_recordset reads it as, in table order. */
const COLUMNS: readonly (readonly [keyof SummaryRow, string])[] = [
  ['complaint_id', 'text'],
  ['reference', 'text'],
  ['status', 'text'],
  ['stage', 'smallint'],
  ['service_area', 'text'],
  ['category', 'text'],
  ['tenure', 'text'],
  ['handler_id', 'text'],
  ['handler_name', 'text'],
  ['received_at', 'timestamptz'],
  ['received_on', 'date'],
  ['acknowledgement_due', 'date'],
  ['acknowledged_on', 'date'],
  ['response_due', 'date'],
  ['response_due_provisional', 'boolean'],
  ['responded_on', 'date'],
  ['code_response_due', 'date'],
  ['extension_working_days', 'integer'],
  ['closed_on', 'date'],
  ['withdrawn_on', 'date'],
  ['refused_on', 'date'],
  ['last_activity_at', 'timestamptz'],
  ['revision', 'integer'],
  ['last_position', 'bigint'],
  ['state', 'jsonb'],
];

/**
 * The complaint list and search: one row per complaint with what a list shows and filters on
 * (status, stage, service area, handler, the current stage's due dates), and its working state.
 * No personal data (see ComplaintSummaryState).
 */
export function complaintSummariesProjection(options: ComplaintSummariesOptions): Projection {
  const profile = options.profile ?? CODE_2024;
  const { calendar } = options;
  return {
    name: COMPLAINT_SUMMARIES,
    version: `${SCHEMA_VERSION}/${profile.id}/${calendarFingerprint(calendar)}`,
    tables: [COMPLAINT_SUMMARIES_TABLE],

    async createTables(tx: SqlQueryable, tables: TableSet): Promise<void> {
      const t = tables.table(COMPLAINT_SUMMARIES_TABLE);
      await tx.execScript(`
        CREATE TABLE ${t} (
          complaint_id             text        PRIMARY KEY,
          reference                text        NOT NULL,
          status                   text        NOT NULL,
          stage                    smallint    NOT NULL,
          service_area             text        NOT NULL,
          category                 text,
          tenure                   text,
          handler_id               text,
          handler_name             text,
          received_at              timestamptz NOT NULL,
          received_on              date        NOT NULL,
          acknowledgement_due      date        NOT NULL,
          acknowledged_on          date,
          response_due             date        NOT NULL,
          response_due_provisional boolean     NOT NULL,
          responded_on             date,
          code_response_due        date        NOT NULL,
          extension_working_days   integer     NOT NULL,
          closed_on                date,
          withdrawn_on             date,
          refused_on               date,
          last_activity_at         timestamptz NOT NULL,
          revision                 integer     NOT NULL,
          last_position            bigint      NOT NULL,
          state                    jsonb       NOT NULL
        );
        CREATE INDEX ${t}_received_idx ON ${t} (received_at DESC, reference DESC);
        CREATE INDEX ${t}_status_idx ON ${t} (status, stage);
        CREATE INDEX ${t}_service_area_idx ON ${t} (lower(service_area));
        CREATE INDEX ${t}_handler_idx ON ${t} (handler_id);
      `);
    },

    async apply(tx: SqlQueryable, envelopes: readonly ComplaintEnvelope[], tables: TableSet): Promise<void> {
      const t = tables.table(COMPLAINT_SUMMARIES_TABLE);
      const ids = [...new Set(envelopes.map((e) => e.complaintId))];
      const known = await loadStates(tx, t, ids);
      const changed = new Map<string, SummaryRow>();
      for (const envelope of envelopes) {
        const previous = known.get(envelope.complaintId);
        // The checkpoint already guarantees each event once; the row's own position makes a
        // replayed event a no-op even so.
        if (previous && envelope.globalPosition <= previous.lastPosition) continue;
        // Redacted first: the summary keeps no personal text, by construction rather than by care.
        const state = evolveSummary(previous?.state ?? null, redactEvent(envelope.event), envelope.revision);
        if (state === null) continue;
        known.set(envelope.complaintId, { state, lastPosition: envelope.globalPosition });
        changed.set(envelope.complaintId, summaryRow(state, envelope.globalPosition, calendar, profile));
      }
      if (changed.size > 0) await upsertRows(tx, t, [...changed.values()]);
    },
  };
}

async function loadStates(
  tx: SqlQueryable,
  table: string,
  ids: readonly string[],
): Promise<Map<string, { state: ComplaintSummaryState; lastPosition: bigint }>> {
  // Identifiers travel as one JSON array: the executor's parameters are scalars on both drivers.
  const rows = await tx.query<{ complaint_id: string; state: string; last_position: string }>(
    `SELECT complaint_id, state::text AS state, last_position::text AS last_position
       FROM ${table} WHERE complaint_id IN (SELECT jsonb_array_elements_text($1::text::jsonb))`,
    [JSON.stringify(ids)],
  );
  return new Map(
    rows.map((row) => {
      const state: unknown = JSON.parse(row.state);
      return [row.complaint_id, { state: state as ComplaintSummaryState, lastPosition: BigInt(row.last_position) }];
    }),
  );
}

/** Every changed row of the batch in one statement: a JSON array read back as a record set. */
async function upsertRows(tx: SqlQueryable, table: string, rows: readonly SummaryRow[]): Promise<void> {
  const names = COLUMNS.map(([name]) => name).join(', ');
  const definitions = COLUMNS.map(([name, type]) => `${name} ${type}`).join(', ');
  const updates = COLUMNS.filter(([name]) => name !== 'complaint_id')
    .map(([name]) => `${name} = excluded.${name}`)
    .join(', ');
  await tx.query(
    `INSERT INTO ${table} (${names})
     SELECT ${names} FROM jsonb_to_recordset($1::text::jsonb) AS r(${definitions})
     ON CONFLICT (complaint_id) DO UPDATE SET ${updates}`,
    [storableJson(rows)],
  );
}
