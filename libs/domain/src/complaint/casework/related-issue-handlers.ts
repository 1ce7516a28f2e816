import { notBefore } from '../handlers/chronology';
import type { CommandHandler } from '../handlers/command-handler';
import { sameHead } from '../handlers/decisions-cover-heads';
import { complaintRules, violation } from '../rules';
import { currentStage } from '../state';

/**
 * A related issue raised during a stage joins that stage's definition (Code 6.8; docs/domain.md,
 * "Related issues"): after its acknowledgement defined it, before its response, which must then
 * decide the added heads too (decisions-cover-heads.ts reads the stage's heads).
 */
export const addHeadsOfComplaint: CommandHandler<'AddHeadsOfComplaint'> = {
  allowedOnceEnded: false,
  occurredAt: (command) => command.data.addedAt,
  decide({ data, actor }, complaint) {
    const stage = currentStage(complaint);
    if (stage.acknowledgedAt === null) {
      return violation(
        complaintRules.stageNotAcknowledged,
        `Stage ${stage.stage} must be acknowledged (its complaint defined) before heads are added.`,
      );
    }
    if (stage.respondedAt !== null)
      return violation(
        complaintRules.headsAddedAfterResponse,
        `Stage ${stage.stage} was answered ${stage.respondedAt}.`,
      );
    const early = notBefore(data.addedAt, stage.acknowledgedAt, `the stage ${stage.stage} acknowledgement`);
    if (early) return early;
    // Positions among the heads added, not their text: heads are personal and 409 bodies are not encrypted.
    const seen = new Set(stage.headsOfComplaint.map(sameHead));
    const repeated: number[] = [];
    data.heads.forEach((head, i) => {
      if (seen.has(sameHead(head))) repeated.push(i + 1);
      seen.add(sameHead(head));
    });
    if (repeated.length > 0) {
      return violation(
        complaintRules.duplicateHeadOfComplaint,
        `Added head(s) ${repeated.join(', ')} repeat a head already defined or added.`,
      );
    }
    return [
      {
        type: 'HeadsOfComplaintAdded',
        data: { occurredAt: data.addedAt, stage: stage.stage, heads: data.heads, recordedBy: actor.id },
      },
    ];
  },
};

/**
 * An unrelated issue raised during a stage, logged as a new complaint: this complaint records the
 * link (the new one records its own in the same write as its receipt: receive-complaint.ts).
 */
export const linkNewComplaint: CommandHandler<'LinkNewComplaint'> = {
  allowedOnceEnded: false,
  occurredAt: (command) => command.data.linkedAt,
  decide({ data }, complaint) {
    if (data.newComplaintId === complaint.complaintId) return violation(complaintRules.linkToItself);
    if (complaint.casework.links.some((link) => link.complaintId === data.newComplaintId)) {
      return violation(complaintRules.linkAlreadyRecorded, `It is ${data.newReference}.`);
    }
    return [
      {
        type: 'ComplaintLinked',
        data: {
          occurredAt: data.linkedAt,
          relation: 'new_complaint_logged',
          linkedComplaintId: data.newComplaintId,
          linkedReference: data.newReference,
          stage: complaint.stage,
        },
      },
    ];
  },
};
