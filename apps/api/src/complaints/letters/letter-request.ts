import { z } from 'zod';
import { LetterName } from '@complaints/contracts';
import type { LetterPresentation } from '@complaints/documents';

export const LETTER_TYPES = ['application/pdf', 'text/html', 'text/plain'] as const;
export type LetterType = (typeof LETTER_TYPES)[number];

export const LetterPath = z.object({ letter: LetterName });

const flag = z
  .enum(['true', 'false'])
  .optional()
  .transform((v) => v === 'true');

/**
 * How the caller asks for the letter to be presented (docs/letters.md, "Who it is addressed to, and how it reads"): a
 * LetterPresentation; LetterDrafts adds what the resident's recorded adjustments require.
 */
export const LetterQuery = z.object({ largePrint: flag, plainText: flag }) satisfies z.ZodType<LetterPresentation>;

/** The media types in the order a request without a preference gets them: plain text first for a screen reader. */
export function typesInOrder(presentation: LetterPresentation): LetterType[] {
  return presentation.plainText ? ['text/plain', 'text/html', 'application/pdf'] : [...LETTER_TYPES];
}
