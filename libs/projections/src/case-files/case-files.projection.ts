import type { SqlQueryable } from '@complaints/adapter-postgres';
import type { ComplaintEvent } from '@complaints/contracts';
import { toLondonDate } from '@complaints/domain';
import type { ComplaintEnvelope } from '@complaints/event-store';
import type { Projection, TableSet } from '../engine/projection';
import { jsonIds, upsertRecordset, type ColumnTypes } from './recordset';
import { redactEvent } from './redact-event';
import { calendarFingerprint } from '../calendar/calendar-fingerprint';
import type { CaseFactsSettings, CaseFactWriter } from '../case-facts/case-fact-writer';
import { CASE_FACT_WRITERS } from '../case-facts/case-fact-writers';
import type { CaseFile } from './query-case-files';

export const CASE_FILES = 'case_files';
export const CASE_FILES_TABLE = 'case_files';
/**
 * Bump when the table or the rules that fill it change: the engine then rebuilds it.
 * 3: staff free text screened (case_file_terms), and withheld after erasure (erased).
 * 4: every personal field ERASED, the staff free text too: issue 12 made it personal, and no
 * report or panel view reads its words (only whether it is there), so no screened copy is kept
 * and the terms to screen with (case_file_terms) are gone.
 */
const SCHEMA_VERSION = 4;

export type CaseFileStatus = 'open' | 'closed' | 'withdrawn' | 'refused';

/** One row of the case files table as written; `events` holds only the events of this batch (appended on conflict). */
export interface CaseFileRow {
  complaint_id: string;
  reference: string;
  status: CaseFileStatus;
  received_at: string;
  received_on: string;
  ended_on: string | null;
  first_activity_on: string;
  last_activity_on: string;
  revision: number;
  last_position: string;
  /** Its PersonalDataErased was applied (the events already hold nothing personal: only the flag changes). */
  erased: boolean;
  events: ComplaintEvent[];
}

type CaseFileHead = Omit<CaseFileRow, 'events'>;

const COLUMNS: ColumnTypes<CaseFileRow> = [
  ['complaint_id', 'text'],
  ['reference', 'text'],
  ['status', 'text'],
  ['received_at', 'timestamptz'],
  ['received_on', 'date'],
  ['ended_on', 'date'],
  ['first_activity_on', 'date'],
  ['last_activity_on', 'date'],
  ['revision', 'integer'],
  ['last_position', 'bigint'],
  ['erased', 'boolean'],
  ['events', 'jsonb'],
];

const ENDINGS: Readonly<Record<string, CaseFileStatus>> = {
  ComplaintClosed: 'closed',
  ComplaintWithdrawn: 'withdrawn',
  ComplaintRefused: 'refused',
};

/**
 * Case files: one row per complaint with its whole history redacted (redactEvent: every personal
 * field ERASED, the staff free text of reasons, outcomes, lessons and Ombudsman texts included),
 * which reports, dashboards and panel views fold with the domain's own functions, and the dates
 * they pre-select on (received, ended, first and last activity, London). A fold needs to know
 * that such text is there (a good reason for an extension, a lesson recorded), never what it
 * says, and ERASED is there. The row holds nothing personal, so nothing is sealed and erasure
 * rewrites no stored event: it only sets `erased`. What is stored depends on the event alone,
 * never on a key, so a rebuild, before or after the key is destroyed, gives the same rows.
 */
export interface CaseFilesOptions extends CaseFactsSettings {
  /** The facts tables kept beside the case files (default: all of them, CASE_FACT_WRITERS). */
  readonly facts?: readonly CaseFactWriter[];
}

export function caseFilesProjection(options: CaseFilesOptions): Projection {
  const facts = options.facts ?? CASE_FACT_WRITERS;
  const settings: CaseFactsSettings = { calendar: options.calendar, localProfile: options.localProfile };
  const factsVersion = facts.map((writer) => `${writer.tables.join('+')}@${writer.version}`).join(',');
  return {
    name: CASE_FILES,
    // The facts hold due dates: they depend on the calendar and the local policy too.
    version: `${SCHEMA_VERSION}/${factsVersion}/${options.localProfile?.id ?? 'no-local-profile'}/${calendarFingerprint(options.calendar)}`,
    tables: [CASE_FILES_TABLE, ...facts.flatMap((writer) => writer.tables)],

    async createTables(tx: SqlQueryable, tables: TableSet): Promise<void> {
      const t = tables.table(CASE_FILES_TABLE);
      await tx.execScript(`
        CREATE TABLE ${t} (
          complaint_id      text        PRIMARY KEY,
          reference         text        NOT NULL,
          status            text        NOT NULL,
          received_at       timestamptz NOT NULL,
          received_on       date        NOT NULL,
          ended_on          date,
          first_activity_on date        NOT NULL,
          last_activity_on  date        NOT NULL,
          revision          integer     NOT NULL,
          last_position     bigint      NOT NULL,
          erased            boolean     NOT NULL,
          events            jsonb       NOT NULL
        );
        CREATE INDEX ${t}_received_idx ON ${t} (received_on);
        CREATE INDEX ${t}_ended_idx ON ${t} (ended_on);
        CREATE INDEX ${t}_last_activity_idx ON ${t} (last_activity_on);
        CREATE INDEX ${t}_order_idx ON ${t} (received_at, reference);
        CREATE INDEX ${t}_reference_idx ON ${t} (reference);
      `);
      for (const writer of facts) await writer.createTables(tx, tables);
    },

    async apply(tx: SqlQueryable, envelopes: readonly ComplaintEnvelope[], tables: TableSet): Promise<void> {
      const t = tables.table(CASE_FILES_TABLE);
      const heads = await loadHeads(tx, t, [...new Set(envelopes.map((e) => e.complaintId))]);
      const changed = new Map<string, CaseFileRow>();
      for (const envelope of envelopes) {
        const head = heads.get(envelope.complaintId);
        // The checkpoint already guarantees each event once; the row's position makes a replay a no-op even so.
        if (head && envelope.globalPosition <= BigInt(head.last_position)) continue;
        const next = nextHead(head, envelope);
        // A stream that does not start with its receipt is not a complaint to report on.
        if (next === null) continue;
        heads.set(envelope.complaintId, next);
        const pending = changed.get(envelope.complaintId)?.events ?? [];
        changed.set(envelope.complaintId, { ...next, events: [...pending, redactEvent(envelope.event)] });
      }
      // The row's other columns are replaced; its events only grow, by this batch's.
      await upsertRecordset(tx, t, COLUMNS, ['complaint_id'], [...changed.values()], {
        events: 't.events || excluded.events',
      });
      if (facts.length === 0 || changed.size === 0) return;
      // The facts are recomputed from each touched complaint's whole history, as now stored.
      const cases = await loadCaseFiles(tx, t, [...changed.keys()]);
      for (const writer of facts) await writer.write(tx, tables, cases, settings);
    },
  };
}

function nextHead(head: CaseFileHead | undefined, envelope: ComplaintEnvelope): CaseFileHead | null {
  const { event } = envelope;
  const on = toLondonDate(event.data.occurredAt);
  const position = envelope.globalPosition.toString();
  if (head === undefined) {
    if (event.type !== 'ComplaintReceived') return null;
    return {
      complaint_id: envelope.complaintId,
      reference: event.data.reference,
      status: 'open',
      received_at: event.data.occurredAt,
      received_on: on,
      ended_on: null,
      first_activity_on: on,
      last_activity_on: on,
      revision: envelope.revision,
      last_position: position,
      erased: false,
    };
  }
  const ending = ENDINGS[event.type];
  const erasing = event.type === 'PersonalDataErased';
  // A resident's request for stage 2 after a stage 1 closure reopens the complaint (docs/domain.md).
  const reopening = event.type === 'ComplaintEscalated' && head.status === 'closed';
  return {
    ...head,
    // An ending stands until a reopening: anything else after it (lessons, remedies, erasure) is follow-up.
    ...(ending !== undefined && head.ended_on === null ? { status: ending, ended_on: on } : {}),
    ...(reopening ? { status: 'open' as const, ended_on: null } : {}),
    first_activity_on: on < head.first_activity_on ? on : head.first_activity_on,
    last_activity_on: on > head.last_activity_on ? on : head.last_activity_on,
    revision: envelope.revision,
    last_position: position,
    ...(erasing ? { erased: true } : {}),
  };
}

async function loadCaseFiles(tx: SqlQueryable, table: string, ids: readonly string[]): Promise<CaseFile[]> {
  const rows = await tx.query<{ complaint_id: string; reference: string; events: string }>(
    `SELECT complaint_id, reference, events::text AS events FROM ${table}
      WHERE complaint_id IN (SELECT jsonb_array_elements_text($1::text::jsonb)) ORDER BY complaint_id COLLATE "C"`,
    [jsonIds(ids)],
  );
  return rows.map((row) => ({
    complaintId: row.complaint_id,
    reference: row.reference,
    events: JSON.parse(row.events) as ComplaintEvent[],
  }));
}

async function loadHeads(tx: SqlQueryable, table: string, ids: readonly string[]): Promise<Map<string, CaseFileHead>> {
  const rows = await tx.query<CaseFileHead & { revision: number | string }>(
    `SELECT complaint_id, reference, status, received_at::text AS received_at, to_char(received_on, 'YYYY-MM-DD') AS received_on,
            to_char(ended_on, 'YYYY-MM-DD') AS ended_on, to_char(first_activity_on, 'YYYY-MM-DD') AS first_activity_on,
            to_char(last_activity_on, 'YYYY-MM-DD') AS last_activity_on, revision, last_position::text AS last_position, erased
       FROM ${table} WHERE complaint_id IN (SELECT jsonb_array_elements_text($1::text::jsonb))`,
    [jsonIds(ids)],
  );
  return new Map(rows.map((row) => [row.complaint_id, { ...row, revision: Number(row.revision) }]));
}
