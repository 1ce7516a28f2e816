import { isRuleViolation } from '../../decider';
import { dueNotBefore, openImprovementAction } from '../improvement-actions/improvement-actions';
import { isAfter } from '../instants';
import { complaintRules, violation } from '../rules';
import { notBefore } from './chronology';
import { withoutUndefined, type CommandHandler } from './command-handler';

/**
 * Give a lesson's improvement action its owner and due date, or new ones, until it is made;
 * also after the complaint has ended (an organisational action outlives its complaint).
 */
export const planImprovementAction: CommandHandler<'PlanImprovementAction'> = {
  allowedOnceEnded: true,
  occurredAt: (command) => command.data.plannedAt,
  decide({ data }, complaint) {
    const lesson = openImprovementAction(complaint, data.lessonId);
    if (isRuleViolation(lesson)) return lesson;
    const early = notBefore(
      data.plannedAt,
      lesson.plannedAt ?? lesson.recordedAt,
      lesson.plannedAt ? 'the plan it replaces' : `the lesson ${lesson.lessonId}`,
    );
    if (early) return early;
    const due = dueNotBefore(data.dueBy, data.plannedAt);
    if (due) return due;
    return [
      {
        type: 'ImprovementActionPlanned',
        data: { occurredAt: data.plannedAt, lessonId: lesson.lessonId, owner: data.owner, dueBy: data.dueBy },
      },
    ];
  },
};

/**
 * Record that a lesson's improvement action was made: once, not before the lesson (nor its
 * latest plan), with what changed and the evidence, and optionally a document attached to the
 * complaint (by then) as that evidence. Recorded after closure too.
 */
export const completeImprovementAction: CommandHandler<'CompleteImprovementAction'> = {
  allowedOnceEnded: true,
  occurredAt: (command) => command.data.completedAt,
  decide({ data }, complaint) {
    const lesson = openImprovementAction(complaint, data.lessonId);
    if (isRuleViolation(lesson)) return lesson;
    const early = notBefore(
      data.completedAt,
      lesson.plannedAt ?? lesson.recordedAt,
      lesson.plannedAt ? `the plan of ${lesson.lessonId}` : `the lesson ${lesson.lessonId}`,
    );
    if (early) return early;
    if (
      data.documentId !== undefined &&
      !complaint.documents.some((d) => d.documentId === data.documentId && !isAfter(d.attachedAt, data.completedAt))
    ) {
      return violation(
        complaintRules.improvementActionEvidenceDocumentUnknown,
        `No document ${data.documentId} was attached to this complaint by ${data.completedAt}.`,
      );
    }
    return [
      {
        type: 'ImprovementActionCompleted',
        data: withoutUndefined({
          occurredAt: data.completedAt,
          lessonId: lesson.lessonId,
          whatChanged: data.whatChanged,
          evidence: data.evidence,
          documentId: data.documentId,
        }),
      },
    ];
  },
};
