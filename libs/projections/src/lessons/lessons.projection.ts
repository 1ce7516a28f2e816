import type { SqlQueryable } from '@complaints/adapter-postgres';
import { ERASED } from '@complaints/contracts';
import { toLondonDate } from '@complaints/domain';
import type { ComplaintEnvelope } from '@complaints/event-store';
import { jsonIds, upsertRecordset, type ColumnTypes } from '../case-files/recordset';
import type { Projection, TableSet } from '../engine/projection';
import { WITHHELD } from '../screening/markers';
import { NO_TERMS, personalTermsOf, type PersonalTerms } from '../screening/personal-terms';
import { screenOptional, screenText } from '../screening/screen-text';

export const LESSONS = 'lessons';
export const LESSONS_TABLE = 'lessons';
/**
 * What a lesson needs from its complaint: reference, service area and category, from its
 * receipt; and, until the complaint's personal data is erased, the terms to screen its lessons
 * against.
 */
export const LESSON_COMPLAINTS_TABLE = 'lesson_complaints';

/**
 * Bump when the tables or the rules that fill them change: the engine then rebuilds them.
 * 2: the panel_* columns (screened text) and the complaint's screening terms and erasure.
 * 3: the lesson, root cause, improvement action and owner are personal (issue 12): ERASED with the key.
 */
const SCHEMA_VERSION = 3;

export interface LessonRow {
  complaint_id: string;
  /** 'L1', 'L2'… numbered within its complaint. */
  lesson_id: string;
  reference: string;
  recorded_at: string;
  recorded_on: string;
  /** The lesson's own, else its complaint's. */
  service_area: string;
  /** The complaint's. */
  category: string | null;
  /** As written: for the complaints team and auditors only (personal: ERASED once the complaint's data is erased). */
  lesson: string;
  root_cause: string | null;
  improvement_action: string | null;
  owner: string | null;
  due_by: string | null;
  /** As a panel may read them: screened (screenText), or WITHHELD once the complaint's personal data is erased. */
  panel_lesson: string;
  panel_root_cause: string | null;
  panel_improvement_action: string | null;
  position: string;
}

interface LessonComplaintRow {
  complaint_id: string;
  reference: string;
  service_area: string;
  category: string | null;
  /** The complaint's own names and contact details (personal data), null once erased. */
  screening_terms: PersonalTerms | null;
  erased: boolean;
}

const LESSON_COLUMNS: ColumnTypes<LessonRow> = [
  ['complaint_id', 'text'],
  ['lesson_id', 'text'],
  ['reference', 'text'],
  ['recorded_at', 'text'],
  ['recorded_on', 'date'],
  ['service_area', 'text'],
  ['category', 'text'],
  ['lesson', 'text'],
  ['root_cause', 'text'],
  ['improvement_action', 'text'],
  ['owner', 'text'],
  ['due_by', 'date'],
  ['panel_lesson', 'text'],
  ['panel_root_cause', 'text'],
  ['panel_improvement_action', 'text'],
  ['position', 'bigint'],
];

const COMPLAINT_COLUMNS: ColumnTypes<LessonComplaintRow> = [
  ['complaint_id', 'text'],
  ['reference', 'text'],
  ['service_area', 'text'],
  ['category', 'text'],
  ['screening_terms', 'jsonb'],
  ['erased', 'boolean'],
];

/**
 * The lessons register: one row per LessonRecorded, with its complaint's reference, service
 * area and category (kept per complaint from its receipt, which fixes them). A lesson's text,
 * root cause, improvement action and owner are personal fields (staff write them and they may
 * name the resident: "Mr Bob Tenant of 4 Acacia Road…"); the text is also staff free text, so
 * each row holds it as panels may read it too: screened against the complaint's own names and
 * contact details (kept from its receipt) and generic patterns. When the complaint's
 * PersonalDataErased is applied, its terms are dropped, its personal columns, earlier and later,
 * read ERASED (as the events do once the key is destroyed) and its panel text is WITHHELD: a
 * rebuild after the key is destroyed could no longer screen it, and the live and rebuilt tables
 * must agree. Anonymised views leave the owner out. Both tables are keyed, so applying an event again writes the same
 * row again.
 */
export function lessonsProjection(): Projection {
  return {
    name: LESSONS,
    version: String(SCHEMA_VERSION),
    tables: [LESSONS_TABLE, LESSON_COMPLAINTS_TABLE],

    async createTables(tx: SqlQueryable, tables: TableSet): Promise<void> {
      const t = tables.table(LESSONS_TABLE);
      const c = tables.table(LESSON_COMPLAINTS_TABLE);
      await tx.execScript(`
        CREATE TABLE ${t} (
          complaint_id             text   NOT NULL,
          lesson_id                text   NOT NULL,
          reference                text   NOT NULL,
          recorded_at              text   NOT NULL,
          recorded_on              date   NOT NULL,
          service_area             text   NOT NULL,
          category                 text,
          lesson                   text   NOT NULL,
          root_cause               text,
          improvement_action       text,
          owner                    text,
          due_by                   date,
          panel_lesson             text   NOT NULL,
          panel_root_cause         text,
          panel_improvement_action text,
          position                 bigint NOT NULL,
          PRIMARY KEY (complaint_id, lesson_id)
        );
        CREATE INDEX ${t}_recorded_idx ON ${t} (recorded_on DESC);
        CREATE INDEX ${t}_service_area_idx ON ${t} (lower(service_area));
        CREATE TABLE ${c} (
          complaint_id    text    PRIMARY KEY,
          reference       text    NOT NULL,
          service_area    text    NOT NULL,
          category        text,
          screening_terms jsonb,
          erased          boolean NOT NULL
        );
      `);
    },

    async apply(tx: SqlQueryable, envelopes: readonly ComplaintEnvelope[], tables: TableSet): Promise<void> {
      const t = tables.table(LESSONS_TABLE);
      const c = tables.table(LESSON_COMPLAINTS_TABLE);
      const concerned = envelopes.filter((e) => CONCERNS_LESSONS.has(e.event.type)).map((e) => e.complaintId);
      const complaints = await loadComplaints(tx, c, [...new Set(concerned)]);
      const changed = new Map<string, LessonComplaintRow>();
      const erasedNow = new Set<string>();
      const lessons: LessonRow[] = [];
      for (const envelope of envelopes) {
        const { event, complaintId } = envelope;
        const complaint = complaints.get(complaintId);
        if (event.type === 'ComplaintReceived') {
          // A receipt seen again (a replay) leaves the first one's row: the receipt is what fixes them.
          if (complaint) continue;
          const row: LessonComplaintRow = {
            complaint_id: complaintId,
            reference: event.data.reference,
            service_area: event.data.serviceArea,
            category: event.data.category ?? null,
            screening_terms: personalTermsOf(event.data),
            erased: false,
          };
          complaints.set(complaintId, row);
          changed.set(complaintId, row);
          continue;
        }
        // A lesson (or an erasure) on a stream never received belongs to no complaint (the complaint's own fold ignores it too).
        if (!complaint) continue;
        if (event.type === 'PersonalDataErased') {
          const row = { ...complaint, screening_terms: null, erased: true };
          complaints.set(complaintId, row);
          changed.set(complaintId, row);
          erasedNow.add(complaintId);
          continue;
        }
        if (event.type !== 'LessonRecorded') continue;
        const d = event.data;
        const panel = panelText(complaint, d.lesson, d.rootCause ?? null, d.improvementAction ?? null);
        lessons.push({
          complaint_id: complaintId,
          lesson_id: d.lessonId,
          reference: complaint.reference,
          recorded_at: d.occurredAt,
          recorded_on: toLondonDate(d.occurredAt),
          service_area: d.serviceArea ?? complaint.service_area,
          category: complaint.category,
          lesson: d.lesson,
          root_cause: d.rootCause ?? null,
          improvement_action: d.improvementAction ?? null,
          owner: d.owner ?? null,
          due_by: d.dueBy ?? null,
          panel_lesson: panel.lesson,
          panel_root_cause: panel.rootCause,
          panel_improvement_action: panel.improvementAction,
          position: envelope.globalPosition.toString(),
        });
      }
      await upsertRecordset(tx, c, COMPLAINT_COLUMNS, ['complaint_id'], [...changed.values()]);
      await upsertRecordset(tx, t, LESSON_COLUMNS, ['complaint_id', 'lesson_id'], lessons);
      if (erasedNow.size > 0) {
        // Lessons written before the erasure, in earlier batches or this one, lose their personal
        // text (as the events read once the key is destroyed) and their panel text.
        await tx.query(
          `UPDATE ${t} SET panel_lesson = $2, panel_root_cause = CASE WHEN root_cause IS NULL THEN NULL ELSE $2 END,
                  panel_improvement_action = CASE WHEN improvement_action IS NULL THEN NULL ELSE $2 END,
                  lesson = $3, root_cause = CASE WHEN root_cause IS NULL THEN NULL ELSE $3 END,
                  improvement_action = CASE WHEN improvement_action IS NULL THEN NULL ELSE $3 END,
                  owner = CASE WHEN owner IS NULL THEN NULL ELSE $3 END
            WHERE complaint_id IN (SELECT jsonb_array_elements_text($1::text::jsonb))`,
          [jsonIds(erasedNow), WITHHELD, ERASED],
        );
      }
    },
  };
}

/** The events that change this read model; the rest pass by. */
const CONCERNS_LESSONS: ReadonlySet<string> = new Set(['ComplaintReceived', 'LessonRecorded', 'PersonalDataErased']);

/** A lesson's text as panels may read it: screened against its complaint's terms, or withheld once they are erased. */
function panelText(complaint: LessonComplaintRow, lesson: string, rootCause: string | null, improvementAction: string | null) {
  if (complaint.erased) {
    return { lesson: WITHHELD, rootCause: rootCause === null ? null : WITHHELD, improvementAction: improvementAction === null ? null : WITHHELD };
  }
  const terms = complaint.screening_terms ?? NO_TERMS;
  return { lesson: screenText(lesson, terms), rootCause: screenOptional(rootCause, terms), improvementAction: screenOptional(improvementAction, terms) };
}

async function loadComplaints(tx: SqlQueryable, table: string, ids: readonly string[]): Promise<Map<string, LessonComplaintRow>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.query<Omit<LessonComplaintRow, 'screening_terms'> & { screening_terms: string | null }>(
    `SELECT complaint_id, reference, service_area, category, screening_terms::text AS screening_terms, erased FROM ${table}
      WHERE complaint_id IN (SELECT jsonb_array_elements_text($1::text::jsonb))`,
    [jsonIds(ids)],
  );
  return new Map(
    rows.map((row) => [row.complaint_id, { ...row, screening_terms: row.screening_terms === null ? null : (JSON.parse(row.screening_terms) as PersonalTerms) }]),
  );
}
