import type { ComplaintEvent } from '@complaints/contracts';

/** A LessonRecorded as the domain writes it (ids numbered per complaint: L1, L2…). */
export function lessonRecorded(
  lessonId: string,
  when: string,
  fields: { lesson?: string; serviceArea?: string; rootCause?: string; improvementAction?: string; owner?: string; dueBy?: string } = {},
): ComplaintEvent {
  return {
    type: 'LessonRecorded',
    data: { occurredAt: when.length === 10 ? `${when}T10:00:00Z` : when, lessonId, lesson: fields.lesson ?? `Lesson ${lessonId}`, ...fields },
  };
}
