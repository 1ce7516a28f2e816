/**
 * Renders each kind of letter once into docs/examples/ (PDF and plain text) from the fictional
 * case the templates are checked against (src/letters/sample-letter-case.ts), so a reader can
 * see what the service sends. Run again after changing a template:
 *
 *   npx tsx --tsconfig tsconfig.base.json libs/documents/scripts/render-letter-examples.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { LetterNames } from '@complaints/contracts';
import {
  letterPdf,
  letterText,
  loadLetterTemplates,
  SAMPLE_LETTER_CASE,
  SAMPLE_LETTER_SETTING,
  STANDARD_PRESENTATION,
} from '../src/letters';

const OUT = resolve(__dirname, '..', '..', '..', 'docs', 'examples');
// A fixed moment, so the files change only when a template or the case does.
const CREATED_AT = new Date('2026-04-21T09:00:00Z');

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const templates = loadLetterTemplates();
  for (const letter of LetterNames) {
    const blocks = templates.draft(letter, SAMPLE_LETTER_CASE, SAMPLE_LETTER_SETTING);
    writeFileSync(join(OUT, `letter-${letter}.txt`), letterText(blocks));
    writeFileSync(
      join(OUT, `letter-${letter}.pdf`),
      await letterPdf(blocks, STANDARD_PRESENTATION, { createdAt: CREATED_AT, subject: `Example ${letter} letter` }),
    );
    console.log(`docs/examples/letter-${letter}.pdf, .txt`);
  }
  const large = templates.draft('response-1', SAMPLE_LETTER_CASE, SAMPLE_LETTER_SETTING);
  writeFileSync(
    join(OUT, 'letter-response-1-large-print.pdf'),
    await letterPdf(
      large,
      { largePrint: true, plainText: false },
      { createdAt: CREATED_AT, subject: 'Example response-1 letter, large print' },
    ),
  );
  console.log('docs/examples/letter-response-1-large-print.pdf');
}

void main();
