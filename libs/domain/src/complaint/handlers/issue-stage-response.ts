import { complaintRules, violation } from '../rules';
import { currentStage } from '../state';
import { notBefore } from './chronology';
import type { CommandHandler } from './command-handler';
import { checkDecisionsCoverHeads } from './decisions-cover-heads';

/**
 * The stage response. Remedy actions get ids from their stage and position ('S1-A1', 'S2-A3'):
 * deterministic, readable in letters, and unique because each stage is answered once.
 */
export const issueStageResponse: CommandHandler<'IssueStageResponse'> = {
  allowedOnceEnded: false,
  occurredAt: (command) => command.data.respondedAt,
  decide({ data }, complaint) {
    const stage = currentStage(complaint);
    if (stage.acknowledgedAt === null) {
      return violation(complaintRules.stageNotAcknowledged, `Stage ${stage.stage} must be acknowledged before its response.`);
    }
    if (stage.respondedAt !== null) {
      return violation(complaintRules.stageAlreadyResponded, `Stage ${stage.stage} was answered ${stage.respondedAt}.`);
    }
    const early = notBefore(data.respondedAt, stage.acknowledgedAt, `the stage ${stage.stage} acknowledgement`);
    if (early) return early;
    const undecided = checkDecisionsCoverHeads(stage.headsOfComplaint, data.decisions);
    if (undecided) return undecided;
    return [
      {
        type: 'StageResponseIssued',
        data: {
          occurredAt: data.respondedAt,
          stage: stage.stage,
          decisions: data.decisions.map((d) => ({ head: d.head, outcome: d.outcome, reasons: d.reasons })),
          remedies: {
            apology: data.remedies.apology,
            actions: data.remedies.actions.map((action, i) => ({
              actionId: `S${stage.stage}-A${i + 1}`,
              description: action.description,
              dueBy: action.dueBy,
            })),
            compensation: data.remedies.compensation.map((c) => ({ amountPence: c.amountPence, kind: c.kind })),
          },
        },
      },
    ];
  },
};
