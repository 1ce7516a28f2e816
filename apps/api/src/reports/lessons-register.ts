import type { LessonEntry } from '@complaints/projections';

/**
 * The lessons register as answered: the read model's lessons (newest first, the complaint's
 * service area when the lesson names none). `anonymised` (scrutiny panels) leaves out what ties
 * a lesson to a resident or a member of staff: the complaint's id and reference, and the owner.
 */
export function lessonsRegister(lessons: readonly LessonEntry[], anonymised: boolean) {
  return {
    lessons: lessons.map((lesson) => ({
      lessonId: lesson.lessonId,
      ...(anonymised ? {} : { complaintId: lesson.complaintId, reference: lesson.reference, owner: lesson.owner }),
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
