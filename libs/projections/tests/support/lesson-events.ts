import type { ComplaintEvent } from '@complaints/contracts';

/** A LessonRecorded as the domain writes it (ids numbered per complaint: L1, L2…). */
export function lessonRecorded(
  lessonId: string,
  when: string,
  fields: {
    lesson?: string;
    serviceArea?: string;
    rootCause?: string;
    improvementAction?: string;
    owner?: string;
    dueBy?: string;
  } = {},
): ComplaintEvent {
  return {
    type: 'LessonRecorded',
    data: {
      occurredAt: when.length === 10 ? `${when}T10:00:00Z` : when,
      lessonId,
      lesson: fields.lesson ?? `Lesson ${lessonId}`,
      ...fields,
    },
  };
}

const at = (when: string) => (when.length === 10 ? `${when}T10:00:00Z` : when);

/** An ImprovementActionPlanned for a lesson. */
export function improvementActionPlanned(
  lessonId: string,
  when: string,
  fields: { owner: string; dueBy: string },
): ComplaintEvent {
  return { type: 'ImprovementActionPlanned', data: { occurredAt: at(when), lessonId, ...fields } };
}

/** An ImprovementActionCompleted for a lesson. */
export function improvementActionCompleted(
  lessonId: string,
  when: string,
  fields: { whatChanged?: string; evidence?: string; documentId?: string } = {},
): ComplaintEvent {
  return {
    type: 'ImprovementActionCompleted',
    data: {
      occurredAt: at(when),
      lessonId,
      whatChanged: fields.whatChanged ?? 'Surveys now booked on every second report',
      evidence: fields.evidence ?? 'Booking rule live, job 4412',
      ...(fields.documentId ? { documentId: fields.documentId } : {}),
    },
  };
}
