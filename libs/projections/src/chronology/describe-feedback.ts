import { ERASED, type EventOfType } from '@complaints/contracts';
import { channel } from './chronology-words';

/**
 * The sentences of feedback that is not a complaint (docs/feedback.md): the complaint raised from
 * a feedback item, in the complaint's chronology, and each step of a feedback item, in its own
 * history. Personal fields are quoted as the event holds them, like describe-event.ts, so a
 * redacted event gives the redacted sentence.
 */
export type FeedbackChronologyEvent = EventOfType<
  | 'ComplaintRaisedFromFeedback'
  | 'FeedbackReceived'
  | 'FeedbackShared'
  | 'FeedbackPassedToManager'
  | 'ServiceRequestCompleted'
  | 'FeedbackConvertedToComplaint'
>;

export const FEEDBACK_KIND_WORDS: Record<string, string> = {
  compliment: 'compliment',
  comment: 'comment',
  resolved_at_first_contact: 'concern resolved at first contact',
  service_request: 'service request',
};

const kindWords = (kind: string) => FEEDBACK_KIND_WORDS[kind] ?? kind;
/** The giver, held whole as one personal field: the ERASED string once redacted or shredded. */
const giverOf = (from: { name: string } | string | undefined) =>
  from === undefined ? '' : ` from ${typeof from === 'object' ? from.name : ERASED}`;

export function describeFeedbackEvent(event: FeedbackChronologyEvent): string {
  switch (event.type) {
    case 'ComplaintRaisedFromFeedback':
      return `Raised as a formal complaint from a ${kindWords(event.data.kind)} (feedback ${event.data.feedbackId}) the resident was still unhappy about.`;
    case 'FeedbackReceived': {
      const d = event.data;
      const praised = [d.staffMember, d.team].filter((x): x is string => x !== undefined);
      const about = praised.length > 0 ? ` It praises ${praised.join(' of ')}.` : '';
      const kind = kindWords(d.kind);
      return `${kind.charAt(0).toUpperCase()}${kind.slice(1)} received by ${channel(d.channel)}${giverOf(d.from)}, about ${d.serviceArea}: ${d.summary}${about}`;
    }
    case 'FeedbackShared':
      return `Compliment shared with ${event.data.sharedWith}.`;
    case 'FeedbackPassedToManager':
      return `Passed to the service manager, ${event.data.manager}.${event.data.note ? ` ${event.data.note}` : ''}`;
    case 'ServiceRequestCompleted':
      return `Service request completed.${event.data.outcome ? ` ${event.data.outcome}` : ''}`;
    case 'FeedbackConvertedToComplaint':
      return `Turned into formal complaint ${event.data.reference}.`;
  }
}
