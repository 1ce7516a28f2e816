import { z } from 'zod';
import { defineEvent } from '../define-event';
import { ContactChannel, Instant, ShortText, Tenure, Text } from '../primitives';

/**
 * Feedback that is not a complaint (docs/feedback.md): compliments (shared with the staff
 * member or team they praise, Salix §35), comments (passed to the service manager), concerns
 * resolved at first contact (the "right first time" measure) and service requests (Code 1.4:
 * not complaints, but "recorded, monitored and reviewed regularly"). Each item is a stream of
 * category 'feedback' whose id is a UUID. A concern resolved at first contact or a service
 * request the resident is still unhappy about can become a formal complaint; both streams
 * record the link (FeedbackConvertedToComplaint here, ComplaintRaisedFromFeedback on the complaint).
 */
export const FeedbackKinds = ['compliment', 'comment', 'resolved_at_first_contact', 'service_request'] as const;
export const FeedbackKind = z.enum(FeedbackKinds);
export type FeedbackKind = z.infer<typeof FeedbackKind>;

/** The kinds that can be turned into a formal complaint: the resident was (or still is) dissatisfied. */
export const CONVERTIBLE_FEEDBACK_KINDS = [
  'resolved_at_first_contact',
  'service_request',
] as const satisfies readonly FeedbackKind[];
export const ConvertibleFeedbackKind = z.enum(CONVERTIBLE_FEEDBACK_KINDS);
export type ConvertibleFeedbackKind = z.infer<typeof ConvertibleFeedbackKind>;

/**
 * The events of a feedback item's own stream (category 'feedback'), which the feedback decider
 * emits; every other event type is a complaint's (ComplaintRaisedFromFeedback included).
 */
export const FEEDBACK_STREAM_EVENT_TYPES = [
  'FeedbackReceived',
  'FeedbackShared',
  'FeedbackPassedToManager',
  'ServiceRequestCompleted',
  'FeedbackConvertedToComplaint',
] as const;

/** Who gave the feedback, when they said: their name and how to reach them. Personal. */
export const FeedbackGiver = z.strictObject({ name: Text(200), contact: Text(320).optional() });

export const FeedbackReceivedV1 = defineEvent({
  type: 'FeedbackReceived',
  schemaVersion: 1,
  description:
    'Feedback that is not a complaint was received: a compliment, a comment, a concern resolved at first contact or a service request (Code 1.4), with its channel and service area.',
  personal: ['summary', 'staffMember', 'from'],
  schema: z.strictObject({
    occurredAt: Instant,
    feedbackId: ShortText,
    /** Whose key encrypts this item's personal fields: one per item, so erasing one never touches another. */
    dataSubjectId: ShortText,
    kind: FeedbackKind,
    channel: ContactChannel,
    serviceArea: ShortText,
    summary: Text(4000),
    /** Compliments only: the member of staff praised, by name. */
    staffMember: Text(200).optional(),
    /** Compliments only: the team praised (the landlord's own label). */
    team: ShortText.optional(),
    from: FeedbackGiver.optional(),
    tenure: Tenure.optional(),
  }),
});
export type FeedbackReceived = z.infer<typeof FeedbackReceivedV1.schema>;

export const FeedbackSharedV1 = defineEvent({
  type: 'FeedbackShared',
  schemaVersion: 1,
  description: 'A compliment was shared with the member of staff or the team it praises (Salix Homes policy §35).',
  personal: ['sharedWith'],
  schema: z.strictObject({
    occurredAt: Instant,
    /** Who it was shared with, as staff would say it: a name or a team. */
    sharedWith: Text(200),
    /** The staff id of whoever shared it. */
    sharedBy: ShortText,
  }),
});
export type FeedbackShared = z.infer<typeof FeedbackSharedV1.schema>;

export const FeedbackPassedToManagerV1 = defineEvent({
  type: 'FeedbackPassedToManager',
  schemaVersion: 1,
  description:
    'A comment (or a concern resolved at first contact) was passed to the manager of the service it is about.',
  personal: ['manager', 'note'],
  schema: z.strictObject({
    occurredAt: Instant,
    /** The service manager it was passed to, by name. */
    manager: Text(200),
    note: Text(2000).optional(),
    /** The staff id of whoever passed it on. */
    passedBy: ShortText,
  }),
});
export type FeedbackPassedToManager = z.infer<typeof FeedbackPassedToManagerV1.schema>;

export const ServiceRequestCompletedV1 = defineEvent({
  type: 'ServiceRequestCompleted',
  schemaVersion: 1,
  description:
    'A service request was completed (Code 1.4: service requests are recorded, monitored and reviewed); open ones are listed until then.',
  personal: ['outcome'],
  schema: z.strictObject({
    occurredAt: Instant,
    outcome: Text(2000).optional(),
    /** The staff id of whoever recorded it. */
    completedBy: ShortText,
  }),
});
export type ServiceRequestCompleted = z.infer<typeof ServiceRequestCompletedV1.schema>;

export const FeedbackConvertedToComplaintV1 = defineEvent({
  type: 'FeedbackConvertedToComplaint',
  schemaVersion: 1,
  description:
    'A concern resolved at first contact or a service request became a formal complaint; the complaint records ComplaintRaisedFromFeedback.',
  personal: [],
  schema: z.strictObject({
    occurredAt: Instant,
    complaintId: ShortText,
    reference: ShortText,
  }),
});
export type FeedbackConvertedToComplaint = z.infer<typeof FeedbackConvertedToComplaintV1.schema>;

/** On a complaint's stream, straight after its receipt: the feedback item it was raised from. */
export const ComplaintRaisedFromFeedbackV1 = defineEvent({
  type: 'ComplaintRaisedFromFeedback',
  schemaVersion: 1,
  description:
    'The complaint was raised from a feedback item (a concern resolved at first contact, or a service request) that the resident was still unhappy about.',
  personal: [],
  schema: z.strictObject({
    occurredAt: Instant,
    feedbackId: ShortText,
    kind: ConvertibleFeedbackKind,
  }),
});
export type ComplaintRaisedFromFeedback = z.infer<typeof ComplaintRaisedFromFeedbackV1.schema>;
