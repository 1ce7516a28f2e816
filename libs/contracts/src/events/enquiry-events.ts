import { z } from 'zod';
import { ContactChannel, Instant, ShortText, Text } from '../primitives';
import { defineEvent } from '../define-event';

/**
 * Who an enquiry about a complaint came from (docs/domain.md, "Enquiries"): a Member of
 * Parliament, a councillor, or another representative body (a tenants' association, an
 * advice service). A vocabulary, so the annual report can count them by kind.
 */
export const EnquirySources = ['mp', 'councillor', 'other_representative_body'] as const;
export const EnquirySource = z.enum(EnquirySources);
export type EnquirySource = z.infer<typeof EnquirySource>;

export const EnquiryReceivedV1 = defineEvent({
  type: 'EnquiryReceived',
  schemaVersion: 1,
  description:
    "An MP, a councillor or another representative body made an enquiry about the complaint on the resident's behalf.",
  personal: ['who', 'summary'],
  schema: z.strictObject({
    occurredAt: Instant,
    /** 'E1', 'E2'… numbered within the complaint. */
    enquiryId: ShortText,
    from: EnquirySource,
    /** Who made it (e.g. "Jane Smith MP"): the enquiry is about the resident, so personal. */
    who: Text(200),
    /** What they asked. Personal. */
    summary: Text(4000),
  }),
});
export type EnquiryReceived = z.infer<typeof EnquiryReceivedV1.schema>;

export const EnquiryAnsweredV1 = defineEvent({
  type: 'EnquiryAnswered',
  schemaVersion: 1,
  description: 'The landlord answered an enquiry about the complaint.',
  personal: [],
  schema: z.strictObject({
    occurredAt: Instant,
    enquiryId: ShortText,
    /** How the answer went. */
    channel: ContactChannel,
  }),
});
export type EnquiryAnswered = z.infer<typeof EnquiryAnsweredV1.schema>;
