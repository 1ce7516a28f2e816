import type { LessonEntry, PanelLessonEntry } from '@complaints/projections';

/**
 * The lessons register as the complaints team and auditors read it: the read model's lessons as
 * written (newest first, the complaint's service area when the lesson names none), with the
 * complaint's id and reference and the owner.
 */
export function lessonsRegister(lessons: readonly LessonEntry[]) {
  return {
    lessons: lessons.map((lesson) => ({
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
    })),
  };
}

/**
 * The lessons register as scrutiny panels read it: nothing that ties a lesson to a resident or a
 * member of staff (no complaint id, reference or owner), and the text as screened when it was
 * projected (queryPanelLessons; withheld once the complaint's personal data was erased).
 */
export function panelLessonsRegister(lessons: readonly PanelLessonEntry[]) {
  return {
    lessons: lessons.map((lesson) => ({
      lessonId: lesson.lessonId,
      recordedOn: lesson.recordedOn,
      serviceArea: lesson.serviceArea,
      category: lesson.category,
      lesson: lesson.lesson,
      rootCause: lesson.rootCause,
      improvementAction: lesson.improvementAction,
      dueBy: lesson.dueBy,
    })),
  };
}
