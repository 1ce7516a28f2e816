import { withoutUndefined, type CommandHandler } from './command-handler';

/** Lessons are numbered in the order they are recorded ('L1', 'L2'…), before or after closure. */
export const recordLesson: CommandHandler<'RecordLesson'> = {
  allowedOnceEnded: true,
  occurredAt: (command) => command.data.recordedAt,
  decide({ data }, complaint) {
    const { recordedAt, ...lesson } = data;
    return [
      {
        type: 'LessonRecorded',
        data: withoutUndefined({ occurredAt: recordedAt, lessonId: `L${complaint.lessons.length + 1}`, ...lesson }),
      },
    ];
  },
};
