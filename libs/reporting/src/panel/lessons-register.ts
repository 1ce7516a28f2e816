import type { CalendarDate } from '@complaints/contracts';
import type { LessonEntry, PanelLessonEntry } from '@complaints/projections';
import { withStatus } from '../lessons/action-plans';

/**
 * The lessons register as the complaints team and auditors read it: the read model's lessons as
 * written (newest first, the complaint's service area when the lesson names none), with the
 * complaint's id and reference and the owner, and each improvement action planned vs made:
 * its status on `asOf` (planned, overdue, made; null without an action), made on, what changed
 * and the evidence.
 */
export function lessonsRegister(lessons: readonly LessonEntry[], asOf: CalendarDate) {
  return {
    asOf,
    lessons: lessons.map((entry) => {
      const lesson = withStatus(entry, asOf);
      return {
        lessonId: lesson.lessonId,
        complaintId: lesson.complaintId,
        reference: lesson.reference,
        owner: lesson.owner,
        recordedOn: lesson.recordedOn,
        serviceArea: lesson.serviceArea,
        category: lesson.category,
        lesson: lesson.lesson,
        rootCause: lesson.rootCause,
        improvementAction: lesson.improvementAction,
        dueBy: lesson.dueBy,
        status: lesson.status,
        madeOn: lesson.madeOn,
        whatChanged: lesson.whatChanged,
        evidence: lesson.evidence,
        evidenceDocumentId: lesson.evidenceDocumentId,
      };
    }),
  };
}

/**
 * The lessons register as scrutiny panels read it: nothing that ties a lesson to a resident or a
 * member of staff (no complaint id, reference or owner), and the text as screened when it was
 * projected (queryPanelLessons; withheld once the complaint's personal data was erased): what
 * changed screened too, and no evidence (it names jobs and people).
 */
export function panelLessonsRegister(lessons: readonly PanelLessonEntry[], asOf: CalendarDate) {
  return {
    asOf,
    lessons: lessons.map((entry) => {
      const lesson = withStatus(entry, asOf);
      return {
        lessonId: lesson.lessonId,
        recordedOn: lesson.recordedOn,
        serviceArea: lesson.serviceArea,
        category: lesson.category,
        lesson: lesson.lesson,
        rootCause: lesson.rootCause,
        improvementAction: lesson.improvementAction,
        dueBy: lesson.dueBy,
        status: lesson.status,
        madeOn: lesson.madeOn,
        whatChanged: lesson.whatChanged,
      };
    }),
  };
}
