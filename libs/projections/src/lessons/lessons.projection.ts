import type { SqlQueryable } from '@complaints/adapter-postgres';
import { ERASED } from '@complaints/contracts';
import { toLondonDate } from '@complaints/domain';
import type { ComplaintEnvelope } from '@complaints/event-store';
import { jsonIds, upsertRecordset, type ColumnTypes } from '../case-files/recordset';
import { redactEvent } from '../case-files/redact-event';
import type { Projection, TableSet } from '../engine/projection';
import { WITHHELD } from '../screening/markers';
import { NO_TERMS, personalTermsOf, type PersonalTerms } from '../screening/personal-terms';
import { screenOptional, screenText } from '../screening/screen-text';
import { dataSubjectOf, sealingKeysFor } from '../sealing/data-subject';
import {
  preparedKeys,
  sealBinding,
  sealedFromColumn,
  type ReadModelSeal,
  type Sealed,
  type SubjectKeys,
} from '../sealing/read-model-seal';

export const LESSONS = 'lessons';
export const LESSONS_TABLE = 'lessons';
/**
 * What a lesson needs from its complaint: reference, service area and category, from its
 * receipt; and, until the complaint's personal data is erased, the terms to screen its lessons
 * against (sealed).
 */
export const LESSON_COMPLAINTS_TABLE = 'lesson_complaints';
/** A lesson's improvement action as last planned (ImprovementActionPlanned): its owner (sealed) and due date. */
export const LESSON_PLANS_TABLE = 'lesson_plans';
/** A lesson's improvement action made (ImprovementActionCompleted): when, what changed and the evidence (sealed). */
export const LESSON_COMPLETIONS_TABLE = 'lesson_completions';

/**
 * Bump when the tables or the rules that fill them change: the engine then rebuilds them.
 * 2: the panel_* columns (screened text) and the complaint's screening terms and erasure.
 * 3: the lesson, root cause, improvement action and owner are personal (issue 12); the lesson's
 * text, as written and as screened for panels, and the screening terms sealed
 * under the data subject's key; erasure rewrites no row.
 * 4: improvement actions planned (lesson_plans) and made (lesson_completions).
 */
const SCHEMA_VERSION = 4;

/** A lesson's text as staff wrote it: for the complaints team and auditors only. */
export interface WrittenLesson {
  lesson: string;
  rootCause: string | null;
  improvementAction: string | null;
  owner: string | null;
}

/** An improvement action's owner as planned: for the complaints team and auditors only. */
export interface PlannedOwner {
  owner: string;
}

/** What an improvement action changed and its evidence, as staff wrote them. */
export interface WrittenCompletion {
  whatChanged: string;
  evidence: string;
}

/** What an improvement action changed, as a panel may read it: screened; the evidence is not for panels. */
export interface PanelCompletion {
  whatChanged: string;
}

interface LessonPlanRow {
  complaint_id: string;
  lesson_id: string;
  planned_at: string;
  due_by: string;
  data_subject_id: string | null;
  /** PlannedOwner, sealed; null once erased. */
  owner_sealed: Sealed;
  position: string;
}

interface LessonCompletionRow {
  complaint_id: string;
  lesson_id: string;
  completed_at: string;
  completed_on: string;
  document_id: string | null;
  data_subject_id: string | null;
  /** WrittenCompletion, sealed; null once erased. */
  written_sealed: Sealed;
  /** PanelCompletion, sealed; null once erased. */
  panel_sealed: Sealed;
  position: string;
}

const PLAN_COLUMNS: ColumnTypes<LessonPlanRow> = [
  ['complaint_id', 'text'],
  ['lesson_id', 'text'],
  ['planned_at', 'text'],
  ['due_by', 'date'],
  ['data_subject_id', 'text'],
  ['owner_sealed', 'jsonb'],
  ['position', 'bigint'],
];

const COMPLETION_COLUMNS: ColumnTypes<LessonCompletionRow> = [
  ['complaint_id', 'text'],
  ['lesson_id', 'text'],
  ['completed_at', 'text'],
  ['completed_on', 'date'],
  ['document_id', 'text'],
  ['data_subject_id', 'text'],
  ['written_sealed', 'jsonb'],
  ['panel_sealed', 'jsonb'],
  ['position', 'bigint'],
];

/** A lesson's text as a panel may read it: screened (screenText). */
export interface PanelLessonText {
  lesson: string;
  rootCause: string | null;
  improvementAction: string | null;
}

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
  due_by: string | null;
  data_subject_id: string | null;
  /** WrittenLesson, sealed; null once erased. */
  written_sealed: Sealed;
  /** PanelLessonText, sealed; null once erased. */
  panel_sealed: Sealed;
  /** Which optional texts there are, so an erased lesson still reads as erased text where there was text. */
  has_root_cause: boolean;
  has_improvement_action: boolean;
  has_owner: boolean;
  position: string;
}

interface LessonComplaintRow {
  complaint_id: string;
  reference: string;
  service_area: string;
  category: string | null;
  data_subject_id: string | null;
  /** The complaint's own names and contact details (PersonalTerms), sealed; null once erased. */
  terms_sealed: Sealed;
  erased: boolean;
}

/** A complaint row with its terms opened for this batch. */
type LessonComplaint = LessonComplaintRow & { terms: PersonalTerms };

const LESSON_COLUMNS: ColumnTypes<LessonRow> = [
  ['complaint_id', 'text'],
  ['lesson_id', 'text'],
  ['reference', 'text'],
  ['recorded_at', 'text'],
  ['recorded_on', 'date'],
  ['service_area', 'text'],
  ['category', 'text'],
  ['due_by', 'date'],
  ['data_subject_id', 'text'],
  ['written_sealed', 'jsonb'],
  ['panel_sealed', 'jsonb'],
  ['has_root_cause', 'boolean'],
  ['has_improvement_action', 'boolean'],
  ['has_owner', 'boolean'],
  ['position', 'bigint'],
];

const COMPLAINT_COLUMNS: ColumnTypes<LessonComplaintRow> = [
  ['complaint_id', 'text'],
  ['reference', 'text'],
  ['service_area', 'text'],
  ['category', 'text'],
  ['data_subject_id', 'text'],
  ['terms_sealed', 'jsonb'],
  ['erased', 'boolean'],
];

export const lessonBinding = (complaintId: string, lessonId: string, column: 'written' | 'panel') =>
  sealBinding(LESSONS_TABLE, [complaintId, lessonId], column);
export const planBinding = (complaintId: string, lessonId: string) =>
  sealBinding(LESSON_PLANS_TABLE, [complaintId, lessonId], 'owner');
export const completionBinding = (complaintId: string, lessonId: string, column: 'written' | 'panel') =>
  sealBinding(LESSON_COMPLETIONS_TABLE, [complaintId, lessonId], column);
const termsBinding = (complaintId: string) => sealBinding(LESSON_COMPLAINTS_TABLE, [complaintId], 'terms');

/**
 * The lessons register: one row per LessonRecorded, with its complaint's reference, service
 * area and category (kept per complaint from its receipt, which fixes them; taken from the
 * redacted receipt, so a field the contracts call personal never lands here in clear). A
 * lesson's text is typed by staff and may name the resident ("Mr Bob Tenant of 4 Acacia
 * Road…"), so it is kept only sealed under the complaint's data-subject key: as written, and as
 * panels may read it (screened against the complaint's own names and contact details, kept
 * sealed from its receipt, and generic patterns). Screened text can still name someone the
 * complaint never recorded (a neighbour), which is why the panel copy is sealed too. Once the
 * key is destroyed the lesson reads as ERASED (as written) and WITHHELD (for panels) without any
 * row being rewritten; the complaint's PersonalDataErased drops its terms. An improvement action's
 * latest plan (owner sealed, due date) and its completion (what changed and the evidence sealed
 * as written, what changed screened for panels) have a table each. Every table is keyed, so
 * applying an event again writes the same row again.
 */
export function lessonsProjection(options: { seal: ReadModelSeal }): Projection {
  return {
    name: LESSONS,
    version: String(SCHEMA_VERSION),
    tables: [LESSONS_TABLE, LESSON_COMPLAINTS_TABLE, LESSON_PLANS_TABLE, LESSON_COMPLETIONS_TABLE],
    needsClearText: true,
    prepare: sealingKeysFor(options.seal, LESSON_COMPLAINTS_TABLE),

    async createTables(tx: SqlQueryable, tables: TableSet): Promise<void> {
      const t = tables.table(LESSONS_TABLE);
      const c = tables.table(LESSON_COMPLAINTS_TABLE);
      await tx.execScript(`
        CREATE TABLE ${t} (
          complaint_id           text    NOT NULL,
          lesson_id              text    NOT NULL,
          reference              text    NOT NULL,
          recorded_at            text    NOT NULL,
          recorded_on            date    NOT NULL,
          service_area           text    NOT NULL,
          category               text,
          due_by                 date,
          data_subject_id        text,
          written_sealed         jsonb,
          panel_sealed           jsonb,
          has_root_cause         boolean NOT NULL,
          has_improvement_action boolean NOT NULL,
          has_owner              boolean NOT NULL,
          position               bigint  NOT NULL,
          PRIMARY KEY (complaint_id, lesson_id)
        );
        CREATE INDEX ${t}_recorded_idx ON ${t} (recorded_on DESC);
        CREATE INDEX ${t}_service_area_idx ON ${t} (lower(service_area));
        CREATE TABLE ${c} (
          complaint_id    text    PRIMARY KEY,
          reference       text    NOT NULL,
          service_area    text    NOT NULL,
          category        text,
          data_subject_id text,
          terms_sealed    jsonb,
          erased          boolean NOT NULL
        );
        CREATE TABLE ${tables.table(LESSON_PLANS_TABLE)} (
          complaint_id    text   NOT NULL,
          lesson_id       text   NOT NULL,
          planned_at      text   NOT NULL,
          due_by          date   NOT NULL,
          data_subject_id text,
          owner_sealed    jsonb,
          position        bigint NOT NULL,
          PRIMARY KEY (complaint_id, lesson_id)
        );
        CREATE TABLE ${tables.table(LESSON_COMPLETIONS_TABLE)} (
          complaint_id    text   NOT NULL,
          lesson_id       text   NOT NULL,
          completed_at    text   NOT NULL,
          completed_on    date   NOT NULL,
          document_id     text,
          data_subject_id text,
          written_sealed  jsonb,
          panel_sealed    jsonb,
          position        bigint NOT NULL,
          PRIMARY KEY (complaint_id, lesson_id)
        );
      `);
    },

    async apply(
      tx: SqlQueryable,
      envelopes: readonly ComplaintEnvelope[],
      tables: TableSet,
      prepared?: unknown,
    ): Promise<void> {
      const keys = preparedKeys(prepared, LESSONS);
      const t = tables.table(LESSONS_TABLE);
      const c = tables.table(LESSON_COMPLAINTS_TABLE);
      const concerned = envelopes.filter((e) => CONCERNS_LESSONS.has(e.event.type)).map((e) => e.complaintId);
      const complaints = await loadComplaints(tx, c, [...new Set(concerned)], keys);
      const changed = new Map<string, LessonComplaintRow>();
      const lessons: LessonRow[] = [];
      // Keyed: a lesson planned twice in one batch keeps its latest plan (one row per key in one statement).
      const plans = new Map<string, LessonPlanRow>();
      const completions = new Map<string, LessonCompletionRow>();
      for (const envelope of envelopes) {
        const { event, complaintId } = envelope;
        const complaint = complaints.get(complaintId);
        if (event.type === 'ComplaintReceived') {
          // A receipt seen again (a replay) leaves the first one's row: the receipt is what fixes them.
          if (complaint) continue;
          const redacted = redactEvent(event);
          if (redacted.type !== 'ComplaintReceived') continue;
          const subject = dataSubjectOf(envelope);
          const terms = personalTermsOf(event.data);
          const row: LessonComplaint = {
            complaint_id: complaintId,
            reference: redacted.data.reference,
            service_area: redacted.data.serviceArea,
            category: redacted.data.category ?? null,
            data_subject_id: subject ?? null,
            terms_sealed: keys.seal(subject, terms, termsBinding(complaintId)),
            erased: false,
            terms,
          };
          complaints.set(complaintId, row);
          changed.set(complaintId, storedComplaint(row));
          continue;
        }
        // A lesson (or an erasure) on a stream never received belongs to no complaint (the complaint's own fold ignores it too).
        if (!complaint) continue;
        if (event.type === 'PersonalDataErased') {
          const row = { ...complaint, terms_sealed: null, erased: true, terms: NO_TERMS };
          complaints.set(complaintId, row);
          changed.set(complaintId, storedComplaint(row));
          continue;
        }
        const keep = !complaint.erased && !envelope.personalDataErased;
        const subject = complaint.data_subject_id ?? undefined;
        if (event.type === 'ImprovementActionPlanned') {
          const d = event.data;
          plans.set(`${complaintId}/${d.lessonId}`, {
            complaint_id: complaintId,
            lesson_id: d.lessonId,
            planned_at: d.occurredAt,
            due_by: d.dueBy,
            data_subject_id: complaint.data_subject_id,
            owner_sealed: keep
              ? keys.seal(subject, { owner: d.owner } satisfies PlannedOwner, planBinding(complaintId, d.lessonId))
              : null,
            position: envelope.globalPosition.toString(),
          });
          continue;
        }
        if (event.type === 'ImprovementActionCompleted') {
          const d = event.data;
          const written: WrittenCompletion = { whatChanged: d.whatChanged, evidence: d.evidence };
          completions.set(`${complaintId}/${d.lessonId}`, {
            complaint_id: complaintId,
            lesson_id: d.lessonId,
            completed_at: d.occurredAt,
            completed_on: toLondonDate(d.occurredAt),
            document_id: d.documentId ?? null,
            data_subject_id: complaint.data_subject_id,
            written_sealed: keep
              ? keys.seal(subject, written, completionBinding(complaintId, d.lessonId, 'written'))
              : null,
            panel_sealed: keep
              ? keys.seal(
                  subject,
                  { whatChanged: screenText(d.whatChanged, complaint.terms) } satisfies PanelCompletion,
                  completionBinding(complaintId, d.lessonId, 'panel'),
                )
              : null,
            position: envelope.globalPosition.toString(),
          });
          continue;
        }
        if (event.type !== 'LessonRecorded') continue;
        const d = event.data;
        const redacted = redactEvent(event);
        const ownServiceArea = redacted.type === 'LessonRecorded' ? redacted.data.serviceArea : undefined;
        const written: WrittenLesson = {
          lesson: d.lesson,
          rootCause: d.rootCause ?? null,
          improvementAction: d.improvementAction ?? null,
          owner: d.owner ?? null,
        };
        lessons.push({
          complaint_id: complaintId,
          lesson_id: d.lessonId,
          reference: complaint.reference,
          recorded_at: d.occurredAt,
          recorded_on: toLondonDate(d.occurredAt),
          service_area: ownServiceArea ?? complaint.service_area,
          category: complaint.category,
          due_by: d.dueBy ?? null,
          data_subject_id: complaint.data_subject_id,
          written_sealed: keep ? keys.seal(subject, written, lessonBinding(complaintId, d.lessonId, 'written')) : null,
          panel_sealed: keep
            ? keys.seal(subject, panelText(written, complaint.terms), lessonBinding(complaintId, d.lessonId, 'panel'))
            : null,
          has_root_cause: written.rootCause !== null,
          has_improvement_action: written.improvementAction !== null,
          has_owner: written.owner !== null,
          position: envelope.globalPosition.toString(),
        });
      }
      await upsertRecordset(tx, c, COMPLAINT_COLUMNS, ['complaint_id'], [...changed.values()]);
      await upsertRecordset(tx, t, LESSON_COLUMNS, ['complaint_id', 'lesson_id'], lessons);
      await upsertRecordset(
        tx,
        tables.table(LESSON_PLANS_TABLE),
        PLAN_COLUMNS,
        ['complaint_id', 'lesson_id'],
        [...plans.values()],
      );
      await upsertRecordset(
        tx,
        tables.table(LESSON_COMPLETIONS_TABLE),
        COMPLETION_COLUMNS,
        ['complaint_id', 'lesson_id'],
        [...completions.values()],
      );
    },
  };
}

/** What an erased lesson reads as: the erased marker where there was text (as written), WITHHELD for panels. */
export function erasedLesson(
  row: { has_root_cause: boolean; has_improvement_action: boolean; has_owner: boolean },
  marker: typeof ERASED | typeof WITHHELD,
): WrittenLesson {
  return {
    lesson: marker,
    rootCause: row.has_root_cause ? marker : null,
    improvementAction: row.has_improvement_action ? marker : null,
    owner: row.has_owner ? marker : null,
  };
}

function storedComplaint({ terms: _terms, ...row }: LessonComplaint): LessonComplaintRow {
  return row;
}

/** The events that change this read model; the rest pass by. */
const CONCERNS_LESSONS: ReadonlySet<string> = new Set([
  'ComplaintReceived',
  'LessonRecorded',
  'ImprovementActionPlanned',
  'ImprovementActionCompleted',
  'PersonalDataErased',
]);

/** A lesson's text as panels may read it: screened against its complaint's terms (the owner, a member of staff, is left out). */
function panelText(written: WrittenLesson, terms: PersonalTerms): PanelLessonText {
  return {
    lesson: screenText(written.lesson, terms),
    rootCause: screenOptional(written.rootCause, terms),
    improvementAction: screenOptional(written.improvementAction, terms),
  };
}

/** The complaints of the batch, their terms opened with the batch's keys (none once erased). */
async function loadComplaints(
  tx: SqlQueryable,
  table: string,
  ids: readonly string[],
  keys: SubjectKeys,
): Promise<Map<string, LessonComplaint>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.query<Omit<LessonComplaintRow, 'terms_sealed'> & { terms_sealed: string | null }>(
    `SELECT complaint_id, reference, service_area, category, data_subject_id, terms_sealed::text AS terms_sealed, erased FROM ${table}
      WHERE complaint_id IN (SELECT jsonb_array_elements_text($1::text::jsonb))`,
    [jsonIds(ids)],
  );
  return new Map(
    rows.map((row) => {
      const sealed = sealedFromColumn(row.terms_sealed) as Sealed;
      const opened = keys.open<PersonalTerms>(row.data_subject_id, sealed, termsBinding(row.complaint_id));
      return [row.complaint_id, { ...row, terms_sealed: sealed, terms: opened.erased ? NO_TERMS : opened.value }];
    }),
  );
}
