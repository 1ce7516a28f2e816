import { z } from 'zod';
import { defineEvent } from '../define-event';
import { CalendarDate, ContactChannel, InputEmail, InputText, Instant, ShortText, Tenure, Text } from '../primitives';

/**
 * The complainant and representative over a set of text rules: as recorded (the events, which
 * must read back whatever was ever stored) or as a request may give them (the commands, plain
 * text only). One shape for both, so the command and the event can never disagree on a field.
 */
interface TextRules {
  text: (max: number) => z.ZodString;
  email: z.ZodType<string>;
}

const recorded: TextRules = { text: Text, email: z.email().max(320) };
const input: TextRules = { text: InputText, email: InputEmail };

const complainantOf = ({ text, email }: TextRules) =>
  z.strictObject({
    name: text(200),
    email: email.optional(),
    phone: text(40).min(3).optional(),
    address: text(1000).optional(),
    preferredContact: text(200).optional(),
    reasonableAdjustments: text(2000).optional(),
  });

const representativeOf = ({ text }: TextRules) =>
  z.strictObject({
    name: text(200),
    relationship: text(200).optional(),
    authorityConfirmed: z.boolean().default(false),
  });

export const Complainant = complainantOf(recorded);
export type Complainant = z.infer<typeof Complainant>;
export const InputComplainant = complainantOf(input);

export const Representative = representativeOf(recorded);
export type Representative = z.infer<typeof Representative>;
export const InputRepresentative = representativeOf(input);

/**
 * Version 2: the complainant is one nested, encryptable object. Its channel is free text, read
 * through the upcaster as a channel of the vocabulary (or 'other'), so typed words never reach
 * a reader; its category is the organisation's label as staff typed it, unchecked.
 */
export const ComplaintReceivedV2 = defineEvent({
  type: 'ComplaintReceived',
  schemaVersion: 2,
  description: 'A complaint was received from a resident (or their representative) and given a reference.',
  personal: ['complainant', 'representative', 'description', 'outcomeSought'],
  schema: z.strictObject({
    occurredAt: Instant,
    complaintId: ShortText,
    reference: ShortText,
    dataSubjectId: ShortText,
    channel: ShortText,
    complainant: Complainant,
    representative: Representative.optional(),
    serviceArea: ShortText,
    category: ShortText.optional(),
    description: Text(10_000),
    outcomeSought: Text(4000).optional(),
    issueKnownSince: CalendarDate.optional(),
    tenure: Tenure.optional(),
  }),
});
/**
 * Version 3 (current): the channel is one of a fixed vocabulary, and the category one of the
 * organisation's configured categories or 'other' (the decider sees to it: docs/domain.md,
 * "Personal data"). Neither can carry a name, so both stay readable and reportable after
 * erasure; words given as a category that is none of the organisation's are `categoryDetail`,
 * personal.
 */
export const ComplaintReceivedV3 = defineEvent({
  type: 'ComplaintReceived',
  schemaVersion: 3,
  description:
    'A complaint was received from a resident (or their representative) by one of the known channels and given a reference.',
  personal: ['complainant', 'representative', 'description', 'outcomeSought', 'categoryDetail'],
  schema: ComplaintReceivedV2.schema.extend({ channel: ContactChannel, categoryDetail: ShortText.optional() }),
});
export type ComplaintReceivedV2Data = z.infer<typeof ComplaintReceivedV2.schema>;
export type ComplaintReceived = z.infer<typeof ComplaintReceivedV3.schema>;

/**
 * Version 1, as written by the first release: flat complainant fields, no data subject, no
 * tenure. Kept so that old streams still read; upcast on read (upcasting.ts).
 */
export const ComplaintReceivedV1 = defineEvent({
  type: 'ComplaintReceived',
  schemaVersion: 1,
  description: 'A complaint was received (first schema: flat complainant fields).',
  personal: ['complainantName', 'complainantEmail', 'complainantPhone', 'description'],
  schema: z.strictObject({
    occurredAt: Instant,
    complaintId: ShortText,
    reference: ShortText,
    channel: ShortText,
    complainantName: ShortText,
    complainantEmail: z.string().optional(),
    complainantPhone: z.string().optional(),
    serviceArea: ShortText,
    description: Text(10_000),
  }),
});
export type ComplaintReceivedV1Data = z.infer<typeof ComplaintReceivedV1.schema>;
