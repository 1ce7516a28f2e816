import type { ComplaintEvent, FeedbackCommand, FeedbackKind } from '@complaints/contracts';
import { CONVERTIBLE_FEEDBACK_KINDS } from '@complaints/contracts';
import type { Decider, RuleViolation } from '../decider';
import { isAfter, isBefore } from '../complaint/instants';
import { feedbackRules, feedbackViolation } from './feedback-rules';
import { initialFeedbackState, isFeedbackReceived, type FeedbackState, type ReceivedFeedback } from './feedback-state';

type Decided = readonly ComplaintEvent[] | RuleViolation;

/**
 * A feedback item (docs/feedback.md): pure, like the complaint decider. Time comes on the
 * command (`now` judges "not in the future"); the actor's id is who shared, passed or completed.
 */
export function decideFeedback(command: FeedbackCommand, state: FeedbackState): Decided {
  if (command.type === 'ReceiveFeedback') {
    if (isFeedbackReceived(state)) return feedbackViolation(feedbackRules.alreadyReceived);
    const { receivedAt, ...details } = command.data;
    const timing = checkTime(receivedAt, command.now, null);
    if (timing) return timing;
    if (details.kind !== 'compliment' && (details.staffMember !== undefined || details.team !== undefined)) {
      return feedbackViolation(feedbackRules.staffOnlyForCompliments, `This is a ${details.kind}.`);
    }
    return [
      {
        type: 'FeedbackReceived',
        data: withoutUndefined({ occurredAt: receivedAt, feedbackId: command.feedbackId, ...details }),
      },
    ];
  }
  if (!isFeedbackReceived(state)) return feedbackViolation(feedbackRules.notReceived);

  switch (command.type) {
    case 'ShareFeedback': {
      if (state.kind !== 'compliment')
        return feedbackViolation(feedbackRules.shareOnlyCompliments, `This is a ${state.kind}.`);
      const timing = checkTime(command.data.sharedAt, command.now, state.receivedAt);
      if (timing) return timing;
      return [
        {
          type: 'FeedbackShared',
          data: { occurredAt: command.data.sharedAt, sharedWith: command.data.sharedWith, sharedBy: command.actor.id },
        },
      ];
    }
    case 'PassFeedbackToManager': {
      if (state.kind !== 'comment' && state.kind !== 'resolved_at_first_contact') {
        return feedbackViolation(feedbackRules.passOnlyComments, `This is a ${state.kind}.`);
      }
      if (state.conversion)
        return feedbackViolation(feedbackRules.convertedToComplaint, `It is complaint ${state.conversion.reference}.`);
      const timing = checkTime(command.data.passedAt, command.now, state.receivedAt);
      if (timing) return timing;
      const { passedAt, ...rest } = command.data;
      return [
        {
          type: 'FeedbackPassedToManager',
          data: withoutUndefined({ occurredAt: passedAt, ...rest, passedBy: command.actor.id }),
        },
      ];
    }
    case 'CompleteServiceRequest': {
      if (state.kind !== 'service_request')
        return feedbackViolation(feedbackRules.completeOnlyServiceRequests, `This is a ${state.kind}.`);
      if (state.conversion)
        return feedbackViolation(feedbackRules.convertedToComplaint, `It is complaint ${state.conversion.reference}.`);
      if (state.completedAt !== null)
        return feedbackViolation(
          feedbackRules.serviceRequestAlreadyCompleted,
          `It was completed ${state.completedAt}.`,
        );
      const timing = checkTime(command.data.completedAt, command.now, state.receivedAt);
      if (timing) return timing;
      const { completedAt, ...rest } = command.data;
      return [
        {
          type: 'ServiceRequestCompleted',
          data: withoutUndefined({ occurredAt: completedAt, ...rest, completedBy: command.actor.id }),
        },
      ];
    }
    case 'RecordFeedbackConversion': {
      if (!isConvertible(state.kind))
        return feedbackViolation(feedbackRules.convertOnlyConcerns, `This is a ${state.kind}.`);
      if (state.conversion) {
        // The same complaint again is a retry finishing the link: nothing new to record.
        if (state.conversion.complaintId === command.data.complaintId) return [];
        return feedbackViolation(feedbackRules.alreadyConverted, `It is complaint ${state.conversion.reference}.`);
      }
      const timing = checkTime(command.data.convertedAt, command.now, state.receivedAt);
      if (timing) return timing;
      const { convertedAt, complaintId, reference } = command.data;
      return [{ type: 'FeedbackConvertedToComplaint', data: { occurredAt: convertedAt, complaintId, reference } }];
    }
  }
}

export function evolveFeedback(state: FeedbackState, event: ComplaintEvent): FeedbackState {
  if (event.type === 'FeedbackReceived') {
    const { data } = event;
    return {
      status: 'received',
      feedbackId: data.feedbackId,
      dataSubjectId: data.dataSubjectId,
      kind: data.kind,
      receivedAt: data.occurredAt,
      serviceArea: data.serviceArea,
      sharedAt: [],
      passedToManagerAt: [],
      completedAt: null,
      conversion: null,
    };
  }
  if (!isFeedbackReceived(state)) return state;
  return applyToReceived(state, event);
}

function applyToReceived(state: ReceivedFeedback, event: ComplaintEvent): ReceivedFeedback {
  switch (event.type) {
    case 'FeedbackShared':
      return { ...state, sharedAt: [...state.sharedAt, event.data.occurredAt] };
    case 'FeedbackPassedToManager':
      return { ...state, passedToManagerAt: [...state.passedToManagerAt, event.data.occurredAt] };
    case 'ServiceRequestCompleted':
      return { ...state, completedAt: event.data.occurredAt };
    case 'FeedbackConvertedToComplaint':
      return {
        ...state,
        conversion: {
          complaintId: event.data.complaintId,
          reference: event.data.reference,
          convertedAt: event.data.occurredAt,
        },
      };
    // Complaint events never reach a feedback stream.
    default:
      return state;
  }
}

export const feedbackDecider: Decider<FeedbackCommand, ComplaintEvent, FeedbackState> = {
  decide: decideFeedback,
  evolve: evolveFeedback,
  initialState: initialFeedbackState,
};

export function isConvertible(kind: FeedbackKind): kind is (typeof CONVERTIBLE_FEEDBACK_KINDS)[number] {
  return (CONVERTIBLE_FEEDBACK_KINDS as readonly FeedbackKind[]).includes(kind);
}

function checkTime(at: string, now: string, receivedAt: string | null): RuleViolation | null {
  if (isAfter(at, now))
    return feedbackViolation(feedbackRules.occurredInFuture, `It is dated ${at}, after now (${now}).`);
  if (receivedAt !== null && isBefore(at, receivedAt)) {
    return feedbackViolation(
      feedbackRules.occurredBeforeReceipt,
      `It is dated ${at}; the feedback was received ${receivedAt}.`,
    );
  }
  return null;
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
