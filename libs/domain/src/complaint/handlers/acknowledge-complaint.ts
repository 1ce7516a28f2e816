import { complaintRules, violation } from '../rules';
import { currentStage } from '../state';
import { notBefore } from './chronology';
import { sameHead } from './decisions-cover-heads';
import { withoutUndefined, type CommandHandler } from './command-handler';
import {
  checkHandlerNamed,
  checkStageTwoHandlerIsNew,
  checkStageTwoRecorderIsIndependent,
  personOf,
  recordedByOf,
} from './handler-named';
import { knownTwelveMonthsBeforeReceipt } from './refusal-grounds';

export const acknowledgeComplaint: CommandHandler<'AcknowledgeComplaint'> = {
  allowedOnceEnded: false,
  occurredAt: (command) => command.data.acknowledgedAt,
  decide({ data, actor }, complaint) {
    const stage = currentStage(complaint);
    if (stage.acknowledgedAt !== null) {
      return violation(
        complaintRules.stageAlreadyAcknowledged,
        `Stage ${stage.stage} was acknowledged ${stage.acknowledgedAt}.`,
      );
    }
    const unnamed = checkHandlerNamed(data.handler);
    if (unnamed) return unnamed;
    const named = (data.headsOfComplaint ?? []).filter((head) => head.trim());
    // The same head twice would be decided once: the definition would say more than it does.
    const repeated = named.flatMap((head, i) =>
      named.findIndex((other) => sameHead(other) === sameHead(head)) < i ? [i + 1] : [],
    );
    if (repeated.length > 0)
      return violation(
        complaintRules.duplicateHeadOfComplaint,
        `Head(s) ${repeated.join(', ')} repeat an earlier head.`,
      );
    const discretion = data.discretionExercised?.trim() ? data.discretionExercised : undefined;
    if (stage.stage === 1) {
      // Code 5.6: the acknowledgement defines the complaint; the response decides what it defined.
      if (named.length === 0) return violation(complaintRules.complaintDefinitionRequired);
      // Accepting a complaint the 12-month exclusion covers is a decision: discretion, recorded.
      if (knownTwelveMonthsBeforeReceipt(complaint, complaint.issueKnownSince) && discretion === undefined) {
        return violation(
          complaintRules.lateComplaintNeedsDiscretion,
          `The issue became known ${complaint.issueKnownSince}.`,
        );
      }
    } else {
      const sameHandler = checkStageTwoHandlerIsNew(complaint, data.handler);
      if (sameHandler) return sameHandler;
      const sameRecorder = checkStageTwoRecorderIsIndependent(complaint, actor);
      if (sameRecorder) return sameRecorder;
      const early = notBefore(data.acknowledgedAt, stage.startedAt, 'the escalation request');
      if (early) return early;
    }
    // A stage 2 review looks again at the same complaint: unless the reviewer redefines it,
    // the heads decided at stage 1 are the heads to decide at stage 2.
    const heads = named.length > 0 ? named : [...complaint.stage1.headsOfComplaint];
    return [
      {
        type: 'ComplaintAcknowledged',
        data: withoutUndefined({
          occurredAt: data.acknowledgedAt,
          stage: stage.stage,
          handler: personOf(data.handler),
          method: data.method,
          headsOfComplaint: heads,
          outcomesSought: data.outcomesSought ?? [],
          recordedBy: recordedByOf(actor),
          discretionExercised: stage.stage === 1 ? discretion : undefined,
        }),
      },
    ];
  },
};
