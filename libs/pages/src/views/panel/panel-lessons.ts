import type { CalendarDate } from '@complaints/contracts';
import { longUkDate } from '@complaints/reporting';
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
 * Whether an improvement action was made, as the records say (the register's status on today):
 * made on the date its completion was recorded; otherwise "not recorded", and whether the due
 * date has passed. Never claimed done without a recorded completion.
 */
export function improvementActionStatus(lesson: PanelLessons[number], ukDate: (date: CalendarDate) => string): string {
  if (lesson.status === null) return 'No improvement action recorded';
  if (lesson.status === 'made' && lesson.madeOn !== null) return `Made on ${ukDate(lesson.madeOn)}`;
  if (lesson.status === 'overdue') return 'Completion not recorded (the due date has passed)';
  return 'Completion not recorded';
}

/** The lessons register for the panel: the screened text (panelLessonsRegister), one summary card per lesson. */
export function panelLessonsContext(input: PanelLessonsInput) {
  const withAction = input.lessons.filter(
    (l) => l.improvementAction !== null && l.improvementAction.trim() !== '',
  ).length;
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
    made: input.lessons.filter((l) => l.status === 'made').length,
    lessons: input.lessons.map((lesson) => ({ ...lesson, done: improvementActionStatus(lesson, longUkDate) })),
  };
}
