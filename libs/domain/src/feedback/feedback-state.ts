import type { FeedbackKind } from '@complaints/contracts';

export interface ReceivedFeedback {
  readonly status: 'received';
  readonly feedbackId: string;
  readonly dataSubjectId: string;
  readonly kind: FeedbackKind;
  readonly receivedAt: string;
  readonly serviceArea: string;
  /** When it was shared with the staff member or team (compliments), in order. */
  readonly sharedAt: readonly string[];
  /** When it was passed to the service manager (comments, concerns resolved at first contact). */
  readonly passedToManagerAt: readonly string[];
  /** Service requests: when completed. */
  readonly completedAt: string | null;
  /** The formal complaint it became. */
  readonly conversion: {
    readonly complaintId: string;
    readonly reference: string;
    readonly convertedAt: string;
  } | null;
}

export type FeedbackState = { readonly status: 'not_received' } | ReceivedFeedback;

export const initialFeedbackState = (): FeedbackState => ({ status: 'not_received' });

export function isFeedbackReceived(state: FeedbackState): state is ReceivedFeedback {
  return state.status === 'received';
}
