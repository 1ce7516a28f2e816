import type { SqlQueryable } from '@complaints/adapter-postgres';
import type { ComplaintEvent } from '@complaints/contracts';
import { toLondonDate } from '@complaints/domain';
import type { ComplaintEnvelope } from '@complaints/event-store';
import type { Projection, TableSet } from '../engine/projection';
import { storableJson } from '../engine/storable-text';
import { NO_TERMS, personalTermsOf, type PersonalTerms } from '../screening/personal-terms';
import { screenForPanels, withholdStaffText } from '../screening/staff-text';
import { dataSubjectOf, sealingKeysFor } from '../sealing/data-subject';
import { preparedKeys, sealBinding, sealedFromColumn, type ReadModelSeal, type Sealed, type SubjectKeys } from '../sealing/read-model-seal';
import { jsonIds, upsertRecordset, type ColumnTypes } from './recordset';
import { redactEvent } from './redact-event';

export const CASE_FILES = 'case_files';
export const CASE_FILES_TABLE = 'case_files';
/**
 * The complaint's own names and contact details (personal data), to screen its staff text
 * against: kept apart from the case files, sealed under the complaint's data-subject key, from
 * the receipt until the PersonalDataErased, which deletes the row (its dead copy is ciphertext
 * under a destroyed key). The case files themselves never hold personal data.
 */
export const CASE_FILE_TERMS_TABLE = 'case_file_terms';

/**
 * Bump when the table or the rules that fill it change: the engine then rebuilds it.
 * 3: staff free text screened (case_file_terms), and withheld after erasure (erased).
 * 4: the screening terms sealed under the data subject's key instead of kept in clear; the lesson
 * owner is personal (issue 12), so ERASED like every personal field not staff text.
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
  /** Its PersonalDataErased was applied: its staff text is WITHHELD. */
  erased: boolean;
  events: ComplaintEvent[];
}

interface TermsRow {
  complaint_id: string;
  data_subject_id: string | null;
  /** PersonalTerms, sealed. */
  terms_sealed: Sealed;
}

const TERMS_COLUMNS: ColumnTypes<TermsRow> = [
  ['complaint_id', 'text'],
  ['data_subject_id', 'text'],
  ['terms_sealed', 'jsonb'],
];

const termsBinding = (complaintId: string) => sealBinding(CASE_FILE_TERMS_TABLE, [complaintId], 'terms');

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
 * Case files: one row per complaint with its whole history redacted (every personal field
 * ERASED, except the staff free text of the contracts' STAFF_TEXT, screened against the
 * complaint's own names and contact details and generic patterns: screenForPanels), which reports, dashboards and panel views fold with the
 * domain's own functions, and the dates they pre-select on (received, ended, first and last
 * activity, London). The terms to screen with are kept in case_file_terms from the receipt until
 * the complaint's PersonalDataErased, which deletes them and WITHHOLDS the staff text of every
 * event of the row, earlier and later: a rebuild after the key is destroyed could no longer
 * screen it, and the live and rebuilt rows must agree.
 */
export function caseFilesProjection(options: { seal: ReadModelSeal }): Projection {
  return {
    name: CASE_FILES,
    version: String(SCHEMA_VERSION),
    tables: [CASE_FILES_TABLE, CASE_FILE_TERMS_TABLE],
    prepare: sealingKeysFor(options.seal, CASE_FILE_TERMS_TABLE),

    async createTables(tx: SqlQueryable, tables: TableSet): Promise<void> {
      const t = tables.table(CASE_FILES_TABLE);
      const terms = tables.table(CASE_FILE_TERMS_TABLE);
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
        CREATE TABLE ${terms} (
          complaint_id    text  PRIMARY KEY,
          data_subject_id text,
          terms_sealed    jsonb
        );
      `);
    },

    async apply(tx: SqlQueryable, envelopes: readonly ComplaintEnvelope[], tables: TableSet, prepared?: unknown): Promise<void> {
      const keys = preparedKeys(prepared, CASE_FILES);
      const t = tables.table(CASE_FILES_TABLE);
      const termsTable = tables.table(CASE_FILE_TERMS_TABLE);
      const ids = [...new Set(envelopes.map((e) => e.complaintId))];
      const heads = await loadHeads(tx, t, ids);
      const terms = await loadTerms(tx, termsTable, ids, keys);
      const changed = new Map<string, CaseFileRow>();
      const received: TermsRow[] = [];
      const erasedNow = new Set<string>();
      for (const envelope of envelopes) {
        const head = heads.get(envelope.complaintId);
        // The checkpoint already guarantees each event once; the row's position makes a replay a no-op even so.
        if (head && envelope.globalPosition <= BigInt(head.last_position)) continue;
        const next = nextHead(head, envelope);
        // A stream that does not start with its receipt is not a complaint to report on.
        if (next === null) continue;
        heads.set(envelope.complaintId, next);
        const { event } = envelope;
        if (head === undefined && event.type === 'ComplaintReceived') {
          // From the receipt as decrypted: before erasure the names are there to screen with.
          const own = personalTermsOf(event.data);
          const subject = dataSubjectOf(envelope);
          terms.set(envelope.complaintId, own);
          received.push({ complaint_id: envelope.complaintId, data_subject_id: subject ?? null, terms_sealed: keys.seal(subject, own, termsBinding(envelope.complaintId)) });
        }
        if (event.type === 'PersonalDataErased') {
          terms.delete(envelope.complaintId);
          erasedNow.add(envelope.complaintId);
        }
        const stored = next.erased ? withholdStaffText(redactEvent(event)) : screenForPanels(event, terms.get(envelope.complaintId) ?? NO_TERMS);
        const pending = changed.get(envelope.complaintId)?.events ?? [];
        changed.set(envelope.complaintId, { ...next, events: [...pending, stored] });
      }
      // The row's other columns are replaced; its events only grow, by this batch's.
      await upsertRecordset(tx, t, COLUMNS, ['complaint_id'], [...changed.values()], { events: 't.events || excluded.events' });
      await upsertRecordset(tx, termsTable, TERMS_COLUMNS, ['complaint_id'], received.filter((row) => !erasedNow.has(row.complaint_id)));
      if (erasedNow.size > 0) {
        // The terms go; events stored before the erasure, in earlier batches or this one, lose their
        // staff text. Rare: the one time the write path reads events back.
        await tx.query(`DELETE FROM ${termsTable} WHERE complaint_id IN (SELECT jsonb_array_elements_text($1::text::jsonb))`, [jsonIds(erasedNow)]);
        await withholdStoredText(tx, t, erasedNow);
      }
    },
  };
}

async function withholdStoredText(tx: SqlQueryable, table: string, ids: ReadonlySet<string>): Promise<void> {
  const rows = await tx.query<{ complaint_id: string; events: string }>(
    `SELECT complaint_id, events::text AS events FROM ${table} WHERE complaint_id IN (SELECT jsonb_array_elements_text($1::text::jsonb))`,
    [jsonIds(ids)],
  );
  for (const row of rows) {
    const events = (JSON.parse(row.events) as ComplaintEvent[]).map(withholdStaffText);
    await tx.query(`UPDATE ${table} SET events = $2::text::jsonb WHERE complaint_id = $1`, [row.complaint_id, storableJson(events)]);
  }
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

/** The terms of the batch's complaints, opened with the batch's keys (a destroyed key gives none: its complaint's text is withheld anyway). */
async function loadTerms(tx: SqlQueryable, table: string, ids: readonly string[], keys: SubjectKeys): Promise<Map<string, PersonalTerms>> {
  const rows = await tx.query<{ complaint_id: string; data_subject_id: string | null; terms_sealed: string | null }>(
    `SELECT complaint_id, data_subject_id, terms_sealed::text AS terms_sealed FROM ${table} WHERE complaint_id IN (SELECT jsonb_array_elements_text($1::text::jsonb))`,
    [jsonIds(ids)],
  );
  return new Map(
    rows.map((row) => {
      const opened = keys.open<PersonalTerms>(row.data_subject_id, sealedFromColumn(row.terms_sealed), termsBinding(row.complaint_id));
      return [row.complaint_id, opened.erased ? NO_TERMS : opened.value];
    }),
  );
}
