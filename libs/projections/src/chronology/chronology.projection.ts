import type { SqlQueryable } from '@complaints/adapter-postgres';
import {
  CODE_2024,
  nextStageFacts,
  type PolicyProfile,
  type StageFacts,
  type WorkingDayCalendar,
} from '@complaints/domain';
import type { ComplaintEnvelope } from '@complaints/event-store';
import { calendarFingerprint } from '../calendar/calendar-fingerprint';
import { redactEvent } from '../case-files/redact-event';
import type { Projection, TableSet } from '../engine/projection';
import { jsonIds, upsertRecordset, type ColumnTypes } from '../case-files/recordset';
import { dataSubjectOf, sealingKeysFor } from '../sealing/data-subject';
import { preparedKeys, sealBinding, type ReadModelSeal, type Sealed } from '../sealing/read-model-seal';
import { chronologyEntry } from './chronology-entry';
import { describeEvent } from './describe-event';

export const CHRONOLOGY = 'chronology';
export const CHRONOLOGY_TABLE = 'chronology';
export const CHRONOLOGY_STATE_TABLE = 'chronology_state';

/**
 * Bump when the tables or the text they hold change: the engine then rebuilds them.
 * 2: notes under the Code's timescales as docs/domain.md now fixes them (response clock from the
 * acknowledgement, a late acknowledgement its own breach, extensions that moved nothing said so);
 * chronology_state's stage facts list each extension. Version 1 rows are rebuilt, never reused.
 * 3: the text as written is sealed under the data subject's key (description_sealed) instead of
 * kept in clear and overwritten on erasure; the redacted text erases the staff free text the
 * contracts now mark personal (issue 12).
 */
const SCHEMA_VERSION = 3;

export interface ChronologyOptions {
  /** The organisation's working days: the SLA notes quote due dates. */
  calendar: WorkingDayCalendar;
  /** The timescales the notes follow. Default: the 2024 Code. */
  profile?: PolicyProfile;
  /** Seals the text as written under the complaint's data-subject key. */
  seal: ReadModelSeal;
}

/** One row of the chronology table, as written. */
export interface ChronologyRow {
  complaint_id: string;
  revision: number;
  event_id: string;
  event_type: string;
  /** For ordering on the time line (the text keeps the offset as written). */
  occurred_instant: string;
  occurred_at: string;
  occurred_on: string;
  recorded_at: string;
  /** Whose key seals description_sealed. */
  data_subject_id: string | null;
  /** The text as written (describeEvent of the event as decrypted), sealed; null once erased. */
  description_sealed: Sealed;
  /** The text of the redacted event (no personal field): what the entry reads as once erased. */
  description_redacted: string;
  recorded_by: string;
  sla_note: string | null;
  position: string;
}

interface StateRow {
  complaint_id: string;
  stage_facts: StageFacts[];
  erased: boolean;
  last_position: string;
}

const ROW_COLUMNS: ColumnTypes<ChronologyRow> = [
  ['complaint_id', 'text'],
  ['revision', 'integer'],
  ['event_id', 'text'],
  ['event_type', 'text'],
  ['occurred_instant', 'timestamptz'],
  ['occurred_at', 'text'],
  ['occurred_on', 'date'],
  ['recorded_at', 'text'],
  ['data_subject_id', 'text'],
  ['description_sealed', 'jsonb'],
  ['description_redacted', 'text'],
  ['recorded_by', 'text'],
  ['sla_note', 'text'],
  ['position', 'bigint'],
];

const STATE_COLUMNS: ColumnTypes<StateRow> = [
  ['complaint_id', 'text'],
  ['stage_facts', 'jsonb'],
  ['erased', 'boolean'],
  ['last_position', 'bigint'],
];

/**
 * The Ombudsman-ready chronology: one row per event per complaint, with the plain-English text
 * (the same as the in-memory buildChronology), who recorded it and the timescale note as it
 * stood after the step. The text as written names the resident and quotes their words, so it is
 * kept only sealed under the complaint's data-subject key; beside it, in clear, the text
 * rendered from the redacted event (no personal field), which is what the entry reads as once
 * the key is destroyed. Erasure therefore rewrites no row: there is no clear text to leave
 * behind in dead rows or the WAL. The stage facts the notes need are kept per complaint in
 * chronology_state.
 */
export function chronologyProjection(options: ChronologyOptions): Projection {
  const profile = options.profile ?? CODE_2024;
  const { calendar, seal } = options;
  return {
    name: CHRONOLOGY,
    version: `${SCHEMA_VERSION}/${profile.id}/${calendarFingerprint(calendar)}`,
    tables: [CHRONOLOGY_TABLE, CHRONOLOGY_STATE_TABLE],
    needsClearText: true,
    prepare: sealingKeysFor(seal),

    async createTables(tx: SqlQueryable, tables: TableSet): Promise<void> {
      const t = tables.table(CHRONOLOGY_TABLE);
      const s = tables.table(CHRONOLOGY_STATE_TABLE);
      await tx.execScript(`
        CREATE TABLE ${t} (
          complaint_id         text        NOT NULL,
          revision             integer     NOT NULL,
          event_id             text        NOT NULL,
          event_type           text        NOT NULL,
          occurred_instant     timestamptz NOT NULL,
          occurred_at          text        NOT NULL,
          occurred_on          date        NOT NULL,
          recorded_at          text        NOT NULL,
          data_subject_id      text,
          description_sealed   jsonb,
          description_redacted text        NOT NULL,
          recorded_by          text        NOT NULL,
          sla_note             text,
          position             bigint      NOT NULL,
          PRIMARY KEY (complaint_id, revision)
        );
        CREATE INDEX ${t}_occurred_idx ON ${t} (complaint_id, occurred_instant, revision);
        CREATE TABLE ${s} (
          complaint_id  text    PRIMARY KEY,
          stage_facts   jsonb   NOT NULL,
          erased        boolean NOT NULL,
          last_position bigint  NOT NULL
        );
      `);
    },

    async apply(
      tx: SqlQueryable,
      envelopes: readonly ComplaintEnvelope[],
      tables: TableSet,
      prepared?: unknown,
    ): Promise<void> {
      const keys = preparedKeys(prepared, CHRONOLOGY);
      const t = tables.table(CHRONOLOGY_TABLE);
      const s = tables.table(CHRONOLOGY_STATE_TABLE);
      const states = await loadStates(tx, s, [...new Set(envelopes.map((e) => e.complaintId))]);
      const rows: ChronologyRow[] = [];
      const changed = new Map<string, StateRow>();
      for (const envelope of envelopes) {
        const previous = states.get(envelope.complaintId);
        // The checkpoint already guarantees each event once; the state's position makes a replay a no-op even so.
        if (previous && envelope.globalPosition <= BigInt(previous.last_position)) continue;
        const facts = nextStageFacts(previous?.stage_facts ?? [], envelope.event);
        const erased = (previous?.erased ?? false) || envelope.type === 'PersonalDataErased';
        const step = {
          ...envelope.event,
          revision: envelope.revision,
          recordedAt: envelope.recordedAt,
          actor: envelope.metadata.actor,
        };
        const entry = chronologyEntry(step, facts, calendar, profile);
        const redacted = describeEvent(redactEvent(envelope.event));
        const subject = dataSubjectOf(envelope) ?? null;
        const binding = sealBinding(CHRONOLOGY_TABLE, [envelope.complaintId, envelope.revision], 'description');
        rows.push({
          complaint_id: envelope.complaintId,
          revision: envelope.revision,
          event_id: envelope.eventId,
          event_type: entry.event,
          occurred_instant: entry.occurredAt,
          occurred_at: entry.occurredAt,
          occurred_on: entry.date,
          recorded_at: entry.recordedAt,
          data_subject_id: subject,
          // After the erasure nothing personal is kept, whatever the key store still says.
          description_sealed:
            erased || envelope.personalDataErased ? null : keys.seal(subject ?? undefined, entry.description, binding),
          description_redacted: redacted,
          recorded_by: entry.by,
          sla_note: entry.slaNote,
          position: envelope.globalPosition.toString(),
        });
        const state = {
          complaint_id: envelope.complaintId,
          stage_facts: facts,
          erased,
          last_position: envelope.globalPosition.toString(),
        };
        states.set(envelope.complaintId, state);
        changed.set(envelope.complaintId, state);
      }
      if (rows.length === 0) return;
      await upsertRecordset(tx, t, ROW_COLUMNS, ['complaint_id', 'revision'], rows);
      await upsertRecordset(tx, s, STATE_COLUMNS, ['complaint_id'], [...changed.values()]);
    },
  };
}

async function loadStates(tx: SqlQueryable, table: string, ids: readonly string[]): Promise<Map<string, StateRow>> {
  const rows = await tx.query<{ complaint_id: string; stage_facts: string; erased: boolean; last_position: string }>(
    `SELECT complaint_id, stage_facts::text AS stage_facts, erased, last_position::text AS last_position
       FROM ${table} WHERE complaint_id IN (SELECT jsonb_array_elements_text($1::text::jsonb))`,
    [jsonIds(ids)],
  );
  return new Map(
    rows.map((row) => [row.complaint_id, { ...row, stage_facts: JSON.parse(row.stage_facts) as StageFacts[] }]),
  );
}
