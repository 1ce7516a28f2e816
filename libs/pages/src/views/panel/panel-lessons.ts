import type { CalendarDate } from '@complaints/contracts';
import type { panelLessonsRegister } from '@complaints/reporting';

export type PanelLessons = ReturnType<typeof panelLessonsRegister>['lessons'];

export interface PanelLessonsInput {
  lessons: PanelLessons;
  today: CalendarDate;
  from: CalendarDate;
  to: CalendarDate;
  fromInput: string;
  toInput: string;
  errors: { field: 'from' | 'to'; text: string }[];
}

/**
 * Whether an improvement action was done, as far as the records say. The service records the
 * action and when it is due, but no step records its completion, so "done" is never claimed:
 * the page says plainly that it is not recorded, and whether the due date has passed.
 */
export function improvementActionStatus(lesson: PanelLessons[number], today: CalendarDate): string {
  if (lesson.improvementAction === null || lesson.improvementAction.trim() === '') return 'No improvement action recorded';
  if (lesson.dueBy !== null && lesson.dueBy < today) return 'Completion not recorded (the due date has passed)';
  return 'Completion not recorded';
}

/** The lessons register for the panel: the screened text (panelLessonsRegister), one summary card per lesson. */
export function panelLessonsContext(input: PanelLessonsInput) {
  const withAction = input.lessons.filter((l) => l.improvementAction !== null && l.improvementAction.trim() !== '').length;
  return {
    from: input.from,
    to: input.to,
    fromInput: input.fromInput,
    toInput: input.toInput,
    fromError: input.errors.find((e) => e.field === 'from')?.text,
    toError: input.errors.find((e) => e.field === 'to')?.text,
    errorSummary: input.errors.map((e) => ({ text: e.text, href: `#${e.field}` })),
    count: input.lessons.length,
    withAction,
    lessons: input.lessons.map((lesson) => ({ ...lesson, status: improvementActionStatus(lesson, input.today) })),
  };
}
