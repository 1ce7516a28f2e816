import { complaintRules, violation } from '../rules';
import { currentStage } from '../state';
import { notBefore } from './chronology';
import { withoutUndefined, type CommandHandler } from './command-handler';

/**
 * Closing needs the current stage's response and lessons (or a stated reason for none: the
 * Salix scrutiny report's pro-forma). The closer is the actor who issued the command.
 */
export const closeComplaint: CommandHandler<'CloseComplaint'> = {
  allowedOnceEnded: false,
  occurredAt: (command) => command.data.closedAt,
  decide({ data, actor }, complaint) {
    const stage = currentStage(complaint);
    if (stage.respondedAt === null) {
      return violation(complaintRules.closureNeedsResponse, `Stage ${stage.stage} has no response yet.`);
    }
    const early = notBefore(data.closedAt, stage.respondedAt, `the stage ${stage.stage} response`);
    if (early) return early;
    const reasonForNoLessons = data.lessonsNotApplicableReason?.trim() ? data.lessonsNotApplicableReason : undefined;
    if (complaint.lessons.length === 0 && reasonForNoLessons === undefined) {
      return violation(complaintRules.closureNeedsLessonsOrReason);
    }
    return [
      {
        type: 'ComplaintClosed',
        data: withoutUndefined({
          occurredAt: data.closedAt,
          outcome: data.outcome,
          closedBy: { id: actor.id, name: actor.name },
          lessonsRecorded: complaint.lessons.length,
          lessonsNotApplicableReason: reasonForNoLessons,
        }),
      },
    ];
  },
};
