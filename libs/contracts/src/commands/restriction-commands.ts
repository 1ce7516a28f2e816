import { z } from 'zod';
import { EnquirySource } from '../events/enquiry-events';
import { RestrictionKind, RestrictionReviewOutcome } from '../events/restriction-events';
import { ContactChannel, InputDate, InputInstant, InputShortText, InputText } from '../primitives';

/*
 * Restrictions on contact (unreasonable behaviour) and enquiries from MPs, councillors and other
 * representative bodies (docs/domain.md, "Restrictions" and "Enquiries"). Who approved, reviewed
 * or lifted a restriction is the command's actor (a complaints manager): never a body field, so
 * nobody can record a manager's approval in someone else's name.
 */

export const ImposeRestriction = z.strictObject({
  imposedAt: InputInstant,
  kind: RestrictionKind,
  reason: InputText(),
  terms: InputText().optional(),
  reviewDue: InputDate,
});

export const ReviewRestriction = z.strictObject({
  reviewedAt: InputInstant,
  restrictionId: InputShortText,
  outcome: RestrictionReviewOutcome,
  terms: InputText().optional(),
  notes: InputText().optional(),
  nextReviewDue: InputDate,
});

export const LiftRestriction = z.strictObject({
  liftedAt: InputInstant,
  restrictionId: InputShortText,
  reason: InputText().optional(),
});

export const ReceiveEnquiry = z.strictObject({
  receivedAt: InputInstant,
  from: EnquirySource,
  who: InputShortText,
  summary: InputText(),
});

export const AnswerEnquiry = z.strictObject({
  answeredAt: InputInstant,
  enquiryId: InputShortText,
  channel: ContactChannel,
});
