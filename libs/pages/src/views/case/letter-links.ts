import { LETTER_TITLES, type LetterName } from '@complaints/contracts';

export interface LetterLinks {
  title: string;
  pdf: string;
  html: string;
  text: string;
}

/** Each draft letter in the three forms (docs/letters.md): the PDF to post, the printable page, the plain text for a screen reader or an email. */
export function letterLinksOf(caseHref: string, letters: readonly LetterName[]): LetterLinks[] {
  return letters.map((letter) => ({
    title: LETTER_TITLES[letter],
    pdf: `${caseHref}/letters/${letter}.pdf`,
    html: `${caseHref}/letters/${letter}.html`,
    text: `${caseHref}/letters/${letter}.txt`,
  }));
}
