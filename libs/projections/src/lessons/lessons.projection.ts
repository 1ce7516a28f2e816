import type { SqlQueryable } from '@complaints/adapter-postgres';
import { toLondonDate } from '@complaints/domain';
import type { ComplaintEnvelope } from '@complaints/event-store';
import { jsonIds, upsertRecordset, type ColumnTypes } from '../case-files/recordset';
import type { Projection, TableSet } from '../engine/projection';

export const LESSONS = 'lessons';
export const LESSONS_TABLE = 'lessons';
/** What a lesson needs from its complaint: reference, service area and category, from its receipt. */
export const LESSON_COMPLAINTS_TABLE = 'lesson_complaints';

/** Bump when the tables or the rules that fill them change: the engine then rebuilds them. */
const SCHEMA_VERSION = 1;

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
  lesson: string;
  root_cause: string | null;
  improvement_action: string | null;
  owner: string | null;
  due_by: string | null;
  position: string;
}

interface LessonComplaintRow {
  complaint_id: string;
  reference: string;
  service_area: string;
  category: string | null;
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
  ['position', 'bigint'],
];

const COMPLAINT_COLUMNS: ColumnTypes<LessonComplaintRow> = [
  ['complaint_id', 'text'],
  ['reference', 'text'],
  ['service_area', 'text'],
  ['category', 'text'],
];

/**
 * The lessons register: one row per LessonRecorded, with its complaint's reference, service
 * area and category (kept per complaint from its receipt, which fixes them). LessonRecorded has
 * no personal fields; the owner is a member of staff, which anonymised views leave out.
 * Both tables are keyed, so applying an event again writes the same row again.
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
          complaint_id       text   NOT NULL,
          lesson_id          text   NOT NULL,
          reference          text   NOT NULL,
          recorded_at        text   NOT NULL,
          recorded_on        date   NOT NULL,
          service_area       text   NOT NULL,
          category           text,
          lesson             text   NOT NULL,
          root_cause         text,
          improvement_action text,
          owner              text,
          due_by             date,
          position           bigint NOT NULL,
          PRIMARY KEY (complaint_id, lesson_id)
        );
        CREATE INDEX ${t}_recorded_idx ON ${t} (recorded_on DESC);
        CREATE INDEX ${t}_service_area_idx ON ${t} (lower(service_area));
        CREATE TABLE ${c} (
          complaint_id text PRIMARY KEY,
          reference    text NOT NULL,
          service_area text NOT NULL,
          category     text
        );
      `);
    },

    async apply(tx: SqlQueryable, envelopes: readonly ComplaintEnvelope[], tables: TableSet): Promise<void> {
      const t = tables.table(LESSONS_TABLE);
      const c = tables.table(LESSON_COMPLAINTS_TABLE);
      const received = new Map<string, LessonComplaintRow>();
      for (const { event, complaintId } of envelopes) {
        if (event.type !== 'ComplaintReceived' || received.has(complaintId)) continue;
        received.set(complaintId, { complaint_id: complaintId, reference: event.data.reference, service_area: event.data.serviceArea, category: event.data.category ?? null });
      }
      const lessonIds = envelopes.filter((e) => e.event.type === 'LessonRecorded' && !received.has(e.complaintId)).map((e) => e.complaintId);
      const complaints = new Map([...(await loadComplaints(tx, c, [...new Set(lessonIds)])), ...received]);

      const lessons: LessonRow[] = [];
      for (const envelope of envelopes) {
        const { event } = envelope;
        if (event.type !== 'LessonRecorded') continue;
        const complaint = complaints.get(envelope.complaintId);
        // A lesson on a stream never received belongs to no complaint (the complaint's own fold ignores it too).
        if (!complaint) continue;
        const d = event.data;
        lessons.push({
          complaint_id: envelope.complaintId,
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
          position: envelope.globalPosition.toString(),
        });
      }
      // A receipt seen again (a replay) leaves the first one's row: the receipt is what fixes them.
      await upsertRecordset(tx, c, COMPLAINT_COLUMNS, ['complaint_id'], [...received.values()], {
        reference: 't.reference',
        service_area: 't.service_area',
        category: 't.category',
      });
      await upsertRecordset(tx, t, LESSON_COLUMNS, ['complaint_id', 'lesson_id'], lessons);
    },
  };
}

async function loadComplaints(tx: SqlQueryable, table: string, ids: readonly string[]): Promise<Map<string, LessonComplaintRow>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.query<LessonComplaintRow>(
    `SELECT complaint_id, reference, service_area, category FROM ${table}
      WHERE complaint_id IN (SELECT jsonb_array_elements_text($1::text::jsonb))`,
    [jsonIds(ids)],
  );
  return new Map(rows.map((row) => [row.complaint_id, row]));
}
