import type { SqlParam, SqlQueryable } from '@complaints/adapter-postgres';
import type { CalendarDate } from '@complaints/contracts';
import { ERASED } from '@complaints/contracts';
import { withActiveTables } from '../engine/active-tables';
import { WITHHELD } from '../screening/markers';
import { sealedFromColumn, type ReadModelSeal } from '../sealing/read-model-seal';
import {
  completionBinding,
  erasedLesson,
  LESSON_COMPLAINTS_TABLE,
  LESSON_COMPLETIONS_TABLE,
  LESSON_PLANS_TABLE,
  lessonBinding,
  LESSONS,
  LESSONS_TABLE,
  planBinding,
  type PanelCompletion,
  type PanelLessonText,
  type PlannedOwner,
  type WrittenCompletion,
  type WrittenLesson,
} from './lessons.projection';

export interface LessonQuery {
  /** Recorded (London date) on or after. */
  from?: CalendarDate;
  /** Recorded (London date) on or before. */
  to?: CalendarDate;
  /** The lesson's service area (its own, else its complaint's), ignoring case. */
  serviceArea?: string;
}

/** A lesson as written, with its complaint and owner: for the complaints team and auditors. */
export interface LessonEntry {
  lessonId: string;
  complaintId: string;
  reference: string;
  recordedAt: string;
  recordedOn: CalendarDate;
  serviceArea: string;
  category: string | null;
  lesson: string;
  rootCause: string | null;
  improvementAction: string | null;
  /** The improvement action's owner and due date as last planned, else as recorded with the lesson. */
  owner: string | null;
  dueBy: CalendarDate | null;
  /** When the action was last planned (ImprovementActionPlanned); null when never. */
  plannedAt: string | null;
  /** When the action was recorded as made (London date); null while it is not. */
  madeOn: CalendarDate | null;
  madeAt: string | null;
  whatChanged: string | null;
  evidence: string | null;
  /** A document attached to the complaint as the evidence. */
  evidenceDocumentId: string | null;
}

/**
 * A lesson as scrutiny panels (and published views) may read it: no complaint id, reference or
 * owner, and its text screened (or withheld after erasure) when it was projected.
 */
export interface PanelLessonEntry {
  lessonId: string;
  recordedOn: CalendarDate;
  serviceArea: string;
  category: string | null;
  lesson: string;
  rootCause: string | null;
  improvementAction: string | null;
  dueBy: CalendarDate | null;
  /** When the action was recorded as made; what changed, screened (the evidence is not for panels). */
  madeOn: CalendarDate | null;
  whatChanged: string | null;
}

/** Newest first (London date recorded), then by lesson id and complaint: one order for both audiences. */
const ORDER =
  'ORDER BY l.recorded_on DESC, l.lesson_id COLLATE "C", l.reference COLLATE "C", l.complaint_id COLLATE "C"';

interface LessonRowRead {
  lesson_id: string;
  complaint_id: string;
  reference: string;
  recorded_at: string;
  recorded_on: string;
  service_area: string;
  category: string | null;
  due_by: string | null;
  data_subject_id: string | null;
  sealed: string | null;
  has_root_cause: boolean;
  has_improvement_action: boolean;
  has_owner: boolean;
  planned_at: string | null;
  planned_due_by: string | null;
  owner_sealed: string | null;
  completed_at: string | null;
  completed_on: string | null;
  document_id: string | null;
  made_sealed: string | null;
}

/** The rows matching the query, with one sealed column (`written_sealed` or `panel_sealed`) as `sealed`. */
async function lessonRows(
  sql: SqlQueryable,
  query: LessonQuery,
  column: 'written_sealed' | 'panel_sealed',
): Promise<LessonRowRead[]> {
  const { where, params } = filterOf(query);
  return withActiveTables(sql, LESSONS, (tables) =>
    sql.query<LessonRowRead>(
      // The erasure reads as erased as soon as it is projected (lesson_complaints.erased), before its key is destroyed too.
      `SELECT l.lesson_id, l.complaint_id, l.reference, l.recorded_at, to_char(l.recorded_on, 'YYYY-MM-DD') AS recorded_on, l.service_area,
              l.category, to_char(l.due_by, 'YYYY-MM-DD') AS due_by, l.data_subject_id,
              CASE WHEN c.erased THEN NULL ELSE l.${column}::text END AS sealed, l.has_root_cause, l.has_improvement_action, l.has_owner,
              p.planned_at, to_char(p.due_by, 'YYYY-MM-DD') AS planned_due_by, CASE WHEN c.erased THEN NULL ELSE p.owner_sealed::text END AS owner_sealed,
              k.completed_at, to_char(k.completed_on, 'YYYY-MM-DD') AS completed_on, k.document_id,
              CASE WHEN c.erased THEN NULL ELSE k.${column}::text END AS made_sealed
         FROM ${tables.table(LESSONS_TABLE)} AS l LEFT JOIN ${tables.table(LESSON_COMPLAINTS_TABLE)} AS c USING (complaint_id)
              LEFT JOIN ${tables.table(LESSON_PLANS_TABLE)} AS p ON p.complaint_id = l.complaint_id AND p.lesson_id = l.lesson_id
              LEFT JOIN ${tables.table(LESSON_COMPLETIONS_TABLE)} AS k ON k.complaint_id = l.complaint_id AND k.lesson_id = l.lesson_id ${where} ${ORDER}`,
      params,
    ),
  );
}

/** The lessons register as written, opened for the complaints team and auditors (one key lookup per complaint's subject). */
export async function queryLessons(
  sql: SqlQueryable,
  seal: ReadModelSeal,
  query: LessonQuery = {},
): Promise<LessonEntry[]> {
  const rows = await lessonRows(sql, query, 'written_sealed');
  const keys = await seal.forOpening(rows.filter(hasSealed).map((row) => row.data_subject_id ?? undefined));
  return rows.map((row) => {
    const opened = keys.open<WrittenLesson>(
      row.data_subject_id,
      sealedFromColumn(row.sealed),
      lessonBinding(row.complaint_id, row.lesson_id, 'written'),
    );
    const text = opened.erased ? erasedLesson(row, ERASED) : opened.value;
    const planned =
      row.planned_at === null
        ? null
        : keys.open<PlannedOwner>(
            row.data_subject_id,
            sealedFromColumn(row.owner_sealed),
            planBinding(row.complaint_id, row.lesson_id),
          );
    const made =
      row.completed_at === null
        ? null
        : keys.open<WrittenCompletion>(
            row.data_subject_id,
            sealedFromColumn(row.made_sealed),
            completionBinding(row.complaint_id, row.lesson_id, 'written'),
          );
    return {
      lessonId: row.lesson_id,
      complaintId: row.complaint_id,
      reference: row.reference,
      recordedAt: row.recorded_at,
      recordedOn: row.recorded_on,
      serviceArea: row.service_area,
      category: row.category,
      lesson: text.lesson,
      rootCause: text.rootCause,
      improvementAction: text.improvementAction,
      owner: planned === null ? text.owner : planned.erased ? ERASED : planned.value.owner,
      dueBy: row.planned_due_by ?? row.due_by,
      plannedAt: row.planned_at,
      madeOn: row.completed_on,
      madeAt: row.completed_at,
      whatChanged: made === null ? null : made.erased ? ERASED : made.value.whatChanged,
      evidence: made === null ? null : made.erased ? ERASED : made.value.evidence,
      evidenceDocumentId: row.document_id,
    };
  });
}

/**
 * The lessons register as panels may read it. It opens only the screened copy (panel_sealed)
 * and returns nothing that names a complaint or a member of staff, so no caller can put the
 * text as written in front of a panel by mistake. Once erased, the text is WITHHELD.
 */
export async function queryPanelLessons(
  sql: SqlQueryable,
  seal: ReadModelSeal,
  query: LessonQuery = {},
): Promise<PanelLessonEntry[]> {
  const rows = await lessonRows(sql, query, 'panel_sealed');
  const keys = await seal.forOpening(rows.filter(hasSealed).map((row) => row.data_subject_id ?? undefined));
  return rows.map((row) => {
    const opened = keys.open<PanelLessonText>(
      row.data_subject_id,
      sealedFromColumn(row.sealed),
      lessonBinding(row.complaint_id, row.lesson_id, 'panel'),
    );
    const text = opened.erased ? erasedLesson(row, WITHHELD) : opened.value;
    const made =
      row.completed_at === null
        ? null
        : keys.open<PanelCompletion>(
            row.data_subject_id,
            sealedFromColumn(row.made_sealed),
            completionBinding(row.complaint_id, row.lesson_id, 'panel'),
          );
    return {
      lessonId: row.lesson_id,
      recordedOn: row.recorded_on,
      serviceArea: row.service_area,
      category: row.category,
      lesson: text.lesson,
      rootCause: text.rootCause,
      improvementAction: text.improvementAction,
      dueBy: row.planned_due_by ?? row.due_by,
      madeOn: row.completed_on,
      whatChanged: made === null ? null : made.erased ? WITHHELD : made.value.whatChanged,
    };
  });
}

/** Whether the row holds anything sealed to open (the lesson, its plan's owner, its completion). */
const hasSealed = (row: LessonRowRead) => row.sealed !== null || row.owner_sealed !== null || row.made_sealed !== null;

function filterOf(query: LessonQuery): { where: string; params: SqlParam[] } {
  const params: SqlParam[] = [];
  const param = (value: SqlParam) => `$${params.push(value)}`;
  const where: string[] = [];
  if (query.from !== undefined) where.push(`l.recorded_on >= ${param(query.from)}::date`);
  if (query.to !== undefined) where.push(`l.recorded_on <= ${param(query.to)}::date`);
  if (query.serviceArea !== undefined) where.push(`lower(l.service_area) = lower(${param(query.serviceArea)})`);
  return { where: where.length > 0 ? `WHERE ${where.join(' AND ')}` : '', params };
}
