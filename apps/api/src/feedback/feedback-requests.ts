import { z } from 'zod';
import {
  FeedbackKind,
  InputComplainant,
  InputDate,
  InputShortText,
  QueryInteger,
  ReceiveFeedback,
  ShareFeedback,
  PassFeedbackToManager,
  CompleteServiceRequest,
} from '@complaints/contracts';
import { requestSchemaOf, writes } from '../complaints/write/write-definitions';

/**
 * The request bodies of the feedback routes: the commands' own schemas (strict: unknown fields
 * are refused), the business time optional (now when left out), the server's fields removed.
 */
export const ReceiveFeedbackBody = ReceiveFeedback.omit({ dataSubjectId: true }).partial({ receivedAt: true });
export const ShareFeedbackBody = ShareFeedback.partial({ sharedAt: true });
export const PassFeedbackToManagerBody = PassFeedbackToManager.partial({ passedAt: true });
export const CompleteServiceRequestBody = CompleteServiceRequest.partial({ completedAt: true });
/**
 * The complaint as POST /api/v1/complaints takes it, every field optional, the complainant's
 * too: the feedback fills in what it can (its giver's name and contact), the body the rest.
 */
export const ConvertFeedbackBody = requestSchemaOf(writes.receive)
  .partial()
  .extend({ complainant: InputComplainant.partial().optional() });

export const MAX_FEEDBACK_OFFSET = 1_000_000;

export const FeedbackListQuery = z
  .object({
    kind: FeedbackKind.optional(),
    serviceArea: InputShortText.optional(),
    /** London dates of receipt, inclusive. */
    from: InputDate.optional(),
    to: InputDate.optional(),
    limit: QueryInteger(1, 500).default(100),
    offset: QueryInteger(0, MAX_FEEDBACK_OFFSET).default(0),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, {
    path: ['to'],
    message: 'must not be before from',
  });
