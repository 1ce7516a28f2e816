import type { CalendarDate, ComplaintEvent } from '@complaints/contracts';
import { complaintDecider, fold, isReceived, toLondonDate } from '@complaints/domain';

export interface LessonFilter {
  from?: CalendarDate;
  to?: CalendarDate;
  serviceArea?: string;
}

/**
 * The lessons register: every lesson recorded, newest first, with its complaint's service area
 * when the lesson names none. `anonymised` (scrutiny panels) leaves out what ties a lesson to a
 * resident or a member of staff: the complaint's id and reference, and the owner.
 */
export function lessonsRegister(histories: readonly (readonly ComplaintEvent[])[], filter: LessonFilter, anonymised: boolean) {
  const lessons = [];
  for (const history of histories) {
    const state = fold(complaintDecider, history);
    if (!isReceived(state)) continue;
    for (const lesson of state.lessons) {
      const recordedOn = toLondonDate(lesson.recordedAt);
      const serviceArea = lesson.serviceArea ?? state.serviceArea;
      if (filter.from && recordedOn < filter.from) continue;
      if (filter.to && recordedOn > filter.to) continue;
      if (filter.serviceArea && serviceArea.toLowerCase() !== filter.serviceArea.toLowerCase()) continue;
      lessons.push({
        lessonId: lesson.lessonId,
        ...(anonymised ? {} : { complaintId: state.complaintId, reference: state.reference, owner: lesson.owner }),
        recordedOn,
        serviceArea,
        category: state.category,
        lesson: lesson.lesson,
        rootCause: lesson.rootCause,
        improvementAction: lesson.improvementAction,
        dueBy: lesson.dueBy,
      });
    }
  }
  return { lessons: lessons.sort((a, b) => b.recordedOn.localeCompare(a.recordedOn) || a.lessonId.localeCompare(b.lessonId)) };
}
