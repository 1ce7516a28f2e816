import { z } from 'zod';
import { defineEvent } from '../define-event';
import { CalendarDate, Instant, ShortText, Tenure, Text } from '../primitives';

export const Complainant = z.strictObject({
  name: ShortText,
  email: z.email().max(320).optional(),
  phone: z.string().trim().min(3).max(40).optional(),
  address: Text(1000).optional(),
  preferredContact: ShortText.optional(),
  reasonableAdjustments: Text(2000).optional(),
});
export type Complainant = z.infer<typeof Complainant>;

export const Representative = z.strictObject({
  name: ShortText,
  relationship: ShortText.optional(),
  authorityConfirmed: z.boolean().default(false),
});
export type Representative = z.infer<typeof Representative>;

/** Version 2 (current): the complainant is one nested, encryptable object. */
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
export type ComplaintReceived = z.infer<typeof ComplaintReceivedV2.schema>;

/**
 * Version 1, as written by the first release: flat complainant fields, no data subject, no
 * tenure. Kept so that old streams still read; upcast to v2 on read (see upcasters.ts).
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
