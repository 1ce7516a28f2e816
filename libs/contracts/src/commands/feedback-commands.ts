import { z } from 'zod';
import { FeedbackKind } from '../events/feedback-events';
import { InputInstant, InputShortText, InputText, Actor, Instant, ShortText, Tenure } from '../primitives';
import { InputChannel } from './commands';

/**
 * Commands on a feedback item (docs/feedback.md). Field names follow the HTTP contract
 * (POST /api/v1/feedback and its steps), so a validated body becomes a command unchanged.
 */
export const ReceiveFeedback = z.strictObject({
  kind: FeedbackKind,
  receivedAt: InputInstant,
  channel: InputChannel,
  serviceArea: InputShortText,
  summary: InputText(4000),
  /** Compliments only. */
  staffMember: InputText(200).optional(),
  /** Compliments only. */
  team: InputShortText.optional(),
  from: z.strictObject({ name: InputText(200), contact: InputText(320).optional() }).optional(),
  tenure: Tenure.optional(),
  /** One per item, filled in by the server, never by a client. */
  dataSubjectId: InputShortText,
});

export const ShareFeedback = z.strictObject({ sharedAt: InputInstant, sharedWith: InputText(200) });
export const PassFeedbackToManager = z.strictObject({
  passedAt: InputInstant,
  manager: InputText(200),
  note: InputText(2000).optional(),
});
export const CompleteServiceRequest = z.strictObject({
  completedAt: InputInstant,
  outcome: InputText(2000).optional(),
});
/** Filled in by the server from the complaint it received (POST /api/v1/feedback/{id}/complaint), never by a client. */
export const RecordFeedbackConversion = z.strictObject({
  convertedAt: InputInstant,
  complaintId: InputShortText,
  reference: InputShortText,
});

export const feedbackCommandSchemas = {
  ReceiveFeedback,
  ShareFeedback,
  PassFeedbackToManager,
  CompleteServiceRequest,
  RecordFeedbackConversion,
} as const;

export type FeedbackCommandType = keyof typeof feedbackCommandSchemas;

export const FeedbackCommandContext = z.strictObject({ feedbackId: ShortText, now: Instant, actor: Actor });
export type FeedbackCommandContext = z.infer<typeof FeedbackCommandContext>;

/** A command on a feedback item as its decider receives it: type, payload (validated), context. */
export type FeedbackCommand = {
  [K in FeedbackCommandType]: { type: K; data: z.output<(typeof feedbackCommandSchemas)[K]> } & FeedbackCommandContext;
}[FeedbackCommandType];

export type FeedbackCommandOfType<K extends FeedbackCommandType> = Extract<FeedbackCommand, { type: K }>;
