import { z } from 'zod';
import { defineEvent } from '../define-event';
import { ContactChannel, Instant, Person } from '../primitives';

/**
 * The letters the service drafts from a complaint's record (docs/letters.md): each reports one
 * step the Code requires the landlord to tell the resident about. A fixed vocabulary, because
 * the URL names it (GET /complaints/{id}/letters/{letter}) and reports count by it.
 */
export const LetterNames = [
  'acknowledgement-1',
  'acknowledgement-2',
  'extension-1',
  'extension-2',
  'response-1',
  'response-2',
  'refusal',
] as const;
export const LetterName = z.enum(LetterNames);
export type LetterName = z.infer<typeof LetterName>;

/** What each letter is called, as a heading or a sentence starts with it (the case page, the chronology). */
export const LETTER_TITLES: Readonly<Record<LetterName, string>> = {
  'acknowledgement-1': 'Stage 1 acknowledgement',
  'acknowledgement-2': 'Stage 2 acknowledgement',
  'extension-1': 'Stage 1 extension',
  'extension-2': 'Stage 2 extension',
  'response-1': 'Stage 1 response',
  'response-2': 'Stage 2 response',
  refusal: 'Refusal',
};

/** Whom a letter went to: the resident, or the representative acting for them. */
export const LetterRecipient = z.enum(['resident', 'representative']);
export type LetterRecipient = z.infer<typeof LetterRecipient>;

export const LetterSentV1 = defineEvent({
  type: 'LetterSent',
  schemaVersion: 1,
  description:
    'A letter drafted from the record (acknowledgement, extension, stage response or refusal) was sent to the resident or their representative, by one of the known channels.',
  personal: [],
  schema: z.strictObject({
    occurredAt: Instant,
    letter: LetterName,
    channel: ContactChannel,
    recipient: LetterRecipient,
    /** The member of staff who sent it. */
    sentBy: Person,
  }),
});
export type LetterSent = z.infer<typeof LetterSentV1.schema>;
