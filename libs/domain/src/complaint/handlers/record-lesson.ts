import { dueNotBefore } from '../improvement-actions/improvement-actions';
import { complaintRules, violation } from '../rules';
import { withoutUndefined, type CommandHandler } from './command-handler';

/**
 * Lessons are numbered in the order they are recorded ('L1', 'L2'…), before or after closure.
 * A due date belongs to an improvement action: given without one, it is refused (an owner alone
 * is the lesson's owner, as before); a due date is not before the day the lesson is recorded.
 * The owner and date stay optional: they can be given later (PlanImprovementAction).
 */
export const recordLesson: CommandHandler<'RecordLesson'> = {
  allowedOnceEnded: true,
  occurredAt: (command) => command.data.recordedAt,
  decide({ data }, complaint) {
    const { recordedAt, ...lesson } = data;
    if (lesson.improvementAction === undefined && lesson.dueBy !== undefined) {
      return violation(
        complaintRules.lessonDueWithoutImprovementAction,
        `The lesson is due ${lesson.dueBy} but gives no improvementAction.`,
      );
    }
    if (lesson.dueBy !== undefined) {
      const due = dueNotBefore(lesson.dueBy, recordedAt);
      if (due) return due;
    }
    return [
      {
        type: 'LessonRecorded',
        data: withoutUndefined({ occurredAt: recordedAt, lessonId: `L${complaint.lessons.length + 1}`, ...lesson }),
      },
    ];
  },
};
