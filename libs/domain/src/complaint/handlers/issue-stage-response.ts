import { complaintRules, violation } from '../rules';
import { currentStage } from '../state';
import { notBefore } from './chronology';
import { withoutUndefined, type CommandHandler } from './command-handler';
import { checkDecisionsCoverHeads } from './decisions-cover-heads';
import { checkStageTwoRecorderIsIndependent, recordedByOf } from './handler-named';

/**
 * The stage response. Remedy actions get ids from their stage and position ('S1-A1', 'S2-A3'):
 * deterministic, readable in letters, and unique because each stage is answered once.
 */
export const issueStageResponse: CommandHandler<'IssueStageResponse'> = {
  allowedOnceEnded: false,
  occurredAt: (command) => command.data.respondedAt,
  decide({ data, actor }, complaint) {
    const stage = currentStage(complaint);
    if (stage.acknowledgedAt === null) {
      return violation(
        complaintRules.stageNotAcknowledged,
        `Stage ${stage.stage} must be acknowledged before its response.`,
      );
    }
    if (stage.respondedAt !== null) {
      return violation(complaintRules.stageAlreadyResponded, `Stage ${stage.stage} was answered ${stage.respondedAt}.`);
    }
    const early = notBefore(data.respondedAt, stage.acknowledgedAt, `the stage ${stage.stage} acknowledgement`);
    if (early) return early;
    if (stage.stage === 2) {
      const sameRecorder = checkStageTwoRecorderIsIndependent(complaint, actor);
      if (sameRecorder) return sameRecorder;
    }
    const undecided = checkDecisionsCoverHeads(stage.headsOfComplaint, data.decisions);
    if (undecided) return undecided;
    // Where fault is admitted, an apology or the reason there is none (docs/domain.md).
    const admitted = data.decisions.flatMap((d, i) => (d.outcome === 'not_upheld' ? [] : [i + 1]));
    const apologyNotGivenReason =
      !data.remedies.apology && data.remedies.apologyNotGivenReason?.trim()
        ? data.remedies.apologyNotGivenReason
        : undefined;
    if (admitted.length > 0 && !data.remedies.apology && apologyNotGivenReason === undefined) {
      return violation(
        complaintRules.apologyOrReasonRequired,
        `Decision(s) ${admitted.join(', ')} uphold a head without an apology.`,
      );
    }
    return [
      {
        type: 'StageResponseIssued',
        data: {
          occurredAt: data.respondedAt,
          stage: stage.stage,
          decisions: data.decisions.map((d) => ({ head: d.head, outcome: d.outcome, reasons: d.reasons })),
          remedies: withoutUndefined({
            apology: data.remedies.apology,
            apologyNotGivenReason,
            actions: data.remedies.actions.map((action, i) => ({
              actionId: `S${stage.stage}-A${i + 1}`,
              description: action.description,
              dueBy: action.dueBy,
            })),
            compensation: data.remedies.compensation.map((c) => ({ amountPence: c.amountPence, kind: c.kind })),
          }),
          recordedBy: recordedByOf(actor),
        },
      },
    ];
  },
};
