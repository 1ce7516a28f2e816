import { z } from 'zod';
import { defineEvent } from '../define-event';
import { CalendarDate, Instant, ShortText, Text } from '../primitives';
import { ContactLoggedV2 } from './after-events';

/**
 * The representative's authority to act for the resident (docs/domain.md, "Representative
 * authority"): how it was given, when it was confirmed and by whom, until when; and its
 * withdrawal. A contact logged with the representative needs authority current at that time.
 */
export const AuthorityBasis = z.enum([
  'written_consent',
  'verbal_consent_recorded',
  'power_of_attorney',
  'deputyship',
  'mp_or_councillor',
  'other',
]);
export type AuthorityBasis = z.infer<typeof AuthorityBasis>;

/** Who a contact was with. */
export const ContactParty = z.enum(['resident', 'representative']);
export type ContactParty = z.infer<typeof ContactParty>;

export const RepresentativeAuthorityRecordedV1 = defineEvent({
  type: 'RepresentativeAuthorityRecorded',
  schemaVersion: 1,
  description:
    "The representative's authority to act for the resident was confirmed: how it was given, and until when if it expires.",
  personal: [],
  schema: z.strictObject({
    /** When the authority was confirmed. */
    occurredAt: Instant,
    basis: AuthorityBasis,
    /** The last London date it holds; absent: until withdrawn. */
    expiresOn: CalendarDate.optional(),
    /** The staff id of whoever confirmed it. */
    confirmedBy: ShortText,
  }),
});
export type RepresentativeAuthorityRecorded = z.infer<typeof RepresentativeAuthorityRecordedV1.schema>;

export const RepresentativeAuthorityWithdrawnV1 = defineEvent({
  type: 'RepresentativeAuthorityWithdrawn',
  schemaVersion: 1,
  description: "The representative's authority to act for the resident was withdrawn.",
  personal: ['reason'],
  schema: z.strictObject({ occurredAt: Instant, reason: Text(2000).optional(), withdrawnBy: ShortText }),
});
export type RepresentativeAuthorityWithdrawn = z.infer<typeof RepresentativeAuthorityWithdrawnV1.schema>;

/**
 * v3: who the contact was with, the resident or their representative. Absent means the resident:
 * every v1-v2 contact was, and events written without it (older writers, fixtures) stay valid.
 */
export const ContactLoggedV3 = defineEvent({
  type: 'ContactLogged',
  schemaVersion: 3,
  description:
    'A contact with the resident or their representative by one of the known channels, or a failed attempt at one.',
  personal: ['summary'],
  schema: ContactLoggedV2.schema.extend({ with: ContactParty.optional() }),
});
export type ContactLogged = z.infer<typeof ContactLoggedV3.schema>;
