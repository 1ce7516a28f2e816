import type { SqlParam, SqlQueryable } from '@complaints/adapter-postgres';
import type { CalendarDate } from '@complaints/contracts';
import { withActiveTables } from '../engine/active-tables';
import { LESSONS, LESSONS_TABLE } from './lessons.projection';

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
  owner: string | null;
  dueBy: CalendarDate | null;
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
}

/** Newest first (London date recorded), then by lesson id and complaint: one order for both audiences. */
const ORDER = 'ORDER BY recorded_on DESC, lesson_id COLLATE "C", reference COLLATE "C", complaint_id COLLATE "C"';

/** The lessons register as written. */
export async function queryLessons(sql: SqlQueryable, query: LessonQuery = {}): Promise<LessonEntry[]> {
  const { where, params } = filterOf(query);
  return withActiveTables(sql, LESSONS, async (tables) => {
    const rows = await sql.query<{
      lesson_id: string;
      complaint_id: string;
      reference: string;
      recorded_at: string;
      recorded_on: string;
      service_area: string;
      category: string | null;
      lesson: string;
      root_cause: string | null;
      improvement_action: string | null;
      owner: string | null;
      due_by: string | null;
    }>(
      `SELECT lesson_id, complaint_id, reference, recorded_at, to_char(recorded_on, 'YYYY-MM-DD') AS recorded_on, service_area, category,
              lesson, root_cause, improvement_action, owner, to_char(due_by, 'YYYY-MM-DD') AS due_by
         FROM ${tables.table(LESSONS_TABLE)} ${where} ${ORDER}`,
      params,
    );
    return rows.map((row) => ({
      lessonId: row.lesson_id,
      complaintId: row.complaint_id,
      reference: row.reference,
      recordedAt: row.recorded_at,
      recordedOn: row.recorded_on,
      serviceArea: row.service_area,
      category: row.category,
      lesson: row.lesson,
      rootCause: row.root_cause,
      improvementAction: row.improvement_action,
      owner: row.owner,
      dueBy: row.due_by,
    }));
  });
}

/**
 * The lessons register as panels may read it. It selects only the panel_* (screened) text
 * columns and nothing that names a complaint or a member of staff, so no caller can put the
 * text as written in front of a panel by mistake.
 */
export async function queryPanelLessons(sql: SqlQueryable, query: LessonQuery = {}): Promise<PanelLessonEntry[]> {
  const { where, params } = filterOf(query);
  return withActiveTables(sql, LESSONS, async (tables) => {
    const rows = await sql.query<{
      lesson_id: string;
      recorded_on: string;
      service_area: string;
      category: string | null;
      panel_lesson: string;
      panel_root_cause: string | null;
      panel_improvement_action: string | null;
      due_by: string | null;
    }>(
      `SELECT lesson_id, to_char(recorded_on, 'YYYY-MM-DD') AS recorded_on, service_area, category,
              panel_lesson, panel_root_cause, panel_improvement_action, to_char(due_by, 'YYYY-MM-DD') AS due_by
         FROM ${tables.table(LESSONS_TABLE)} ${where} ${ORDER}`,
      params,
    );
    return rows.map((row) => ({
      lessonId: row.lesson_id,
      recordedOn: row.recorded_on,
      serviceArea: row.service_area,
      category: row.category,
      lesson: row.panel_lesson,
      rootCause: row.panel_root_cause,
      improvementAction: row.panel_improvement_action,
      dueBy: row.due_by,
    }));
  });
}

function filterOf(query: LessonQuery): { where: string; params: SqlParam[] } {
  const params: SqlParam[] = [];
  const param = (value: SqlParam) => `$${params.push(value)}`;
  const where: string[] = [];
  if (query.from !== undefined) where.push(`recorded_on >= ${param(query.from)}::date`);
  if (query.to !== undefined) where.push(`recorded_on <= ${param(query.to)}::date`);
  if (query.serviceArea !== undefined) where.push(`lower(service_area) = lower(${param(query.serviceArea)})`);
  return { where: where.length > 0 ? `WHERE ${where.join(' AND ')}` : '', params };
}
