import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import nunjucks from 'nunjucks';
import { LetterNames, type LetterName } from '@complaints/contracts';
import { letterBlocks, type LetterBlock } from './letter-blocks';
import type { LetterCase, LetterSetting } from './letter-case';
import { letterModel, type LetterModel } from './letter-model';
import { SAMPLE_LETTER_CASE, SAMPLE_LETTER_SETTING, SAMPLE_REPRESENTED_CASE } from './sample-letter-case';

/** The templates shipped with the service: the landlord copies this folder and points LETTER_TEMPLATES_DIR at the copy. */
export const DEFAULT_LETTER_TEMPLATES_DIR = resolve(__dirname, '..', '..', 'letter-templates');

/** Which file drafts which letter (docs/letters.md); both acknowledgements share one, as do both extensions. */
export const LETTER_TEMPLATE_FILES: Readonly<Record<LetterName, string>> = {
  'acknowledgement-1': 'acknowledgement.njk',
  'acknowledgement-2': 'acknowledgement.njk',
  'extension-1': 'extension.njk',
  'extension-2': 'extension.njk',
  'response-1': 'response-1.njk',
  'response-2': 'response-2.njk',
  refusal: 'refusal.njk',
};

/** A part the Code (or the panels' asks) requires of a letter, and how to tell it is there. */
interface RequiredPart {
  part: string;
  present(text: string, model: LetterModel, blocks: readonly LetterBlock[]): boolean;
}

const has = (text: string, ...values: readonly (string | null | undefined)[]) =>
  values.every((v) => v == null || text.includes(v));

const COMMON: readonly RequiredPart[] = [
  { part: 'a title (a line starting "# ")', present: (_t, _m, blocks) => blocks.some((b) => b.kind === 'title') },
  { part: "the landlord's name and address", present: (t, m) => has(t, m.landlord.name, m.landlord.addressLines[0]) },
  { part: 'the date and the complaint reference', present: (t, m) => has(t, m.date, m.reference) },
  { part: 'the name of the person it is addressed to', present: (t, m) => has(t, m.recipient.name) },
  {
    part: 'the note to a representative (recipient.representativeNote)',
    present: (t, m) => has(t, m.recipient.representativeNote),
  },
  { part: 'how to contact us (landlord.contact)', present: (t, m) => has(t, m.landlord.contact) },
  {
    part: 'the Housing Ombudsman, named, with their phone number and website',
    present: (t, m) => t.includes('Housing Ombudsman') && has(t, m.ombudsman.phone, m.ombudsman.website),
  },
];

const STAGE: RequiredPart = { part: 'the stage', present: (t, m) => t.toLowerCase().includes(`stage ${m.stage}`) };
const HANDLER: RequiredPart = {
  part: 'who is handling the complaint (handler.name)',
  present: (t, m) => has(t, m.handler?.name),
};

const RESPONSE: readonly RequiredPart[] = [
  STAGE,
  HANDLER,
  {
    part: 'the decision on each head of complaint, with its reasons (decisions)',
    present: (t, m) => m.decisions.every((d) => has(t, d.head, d.outcome, d.reasons)),
  },
  { part: 'the apology (remedies.apology)', present: (t, m) => !m.remedies.apology || /apolog/i.test(t) },
  {
    part: 'each action promised, with its date (remedies.actions)',
    present: (t, m) => m.remedies.actions.every((a) => has(t, a.description, a.dueBy)),
  },
  {
    part: 'the compensation offered (remedies.compensation)',
    present: (t, m) => m.remedies.compensation.every((c) => has(t, c.amount)),
  },
  {
    part: 'the outstanding actions (outstandingActions[].summary)',
    present: (t, m) => m.outstandingActions.every((a) => has(t, a.summary)),
  },
];

const REQUIRED: Readonly<Record<LetterName, readonly RequiredPart[]>> = {
  'acknowledgement-1': acknowledgementParts(),
  'acknowledgement-2': acknowledgementParts(),
  'extension-1': extensionParts(),
  'extension-2': extensionParts(),
  'response-1': [
    ...RESPONSE,
    {
      part: 'how to take the complaint to stage 2 (escalation.summary)',
      present: (t, m) => has(t, m.escalation?.summary),
    },
    { part: 'no mention of a "final" response: stage 1 is never final', present: (t) => !/\bfinal\b/i.test(t) },
  ],
  'response-2': [
    ...RESPONSE,
    {
      part: 'whether stage 1 decisions were overturned (stageOneChanges[].summary)',
      present: (t, m) => m.stageOneChanges.every((c) => has(t, c.summary)),
    },
  ],
  refusal: [
    { part: 'the ground of the refusal (refusal.ground)', present: (t, m) => has(t, m.refusal?.ground) },
    { part: 'the explanation (refusal.explanation)', present: (t, m) => has(t, m.refusal?.explanation) },
  ],
};

function acknowledgementParts(): RequiredPart[] {
  return [
    STAGE,
    HANDLER,
    { part: 'the heads of complaint (heads)', present: (t, m) => m.heads.every((h) => has(t, h)) },
    { part: 'the outcomes sought (outcomesSought)', present: (t, m) => m.outcomesSought.every((o) => has(t, o)) },
    { part: 'when the response is due (responseDue)', present: (t, m) => has(t, m.responseDue) },
  ];
}

function extensionParts(): RequiredPart[] {
  return [
    STAGE,
    HANDLER,
    { part: 'the reason for the extension (extension.reason)', present: (t, m) => has(t, m.extension?.reason) },
    {
      part: 'the new response date (extension.newResponseDue)',
      present: (t, m) => has(t, m.extension?.newResponseDue),
    },
  ];
}

/** Templates that cannot draft a letter with everything the Code requires: the service does not start. */
export class LetterTemplateError extends Error {
  constructor(
    readonly directory: string,
    readonly problems: readonly string[],
  ) {
    super(
      `The letter templates in ${directory} cannot be used (docs/letters.md lists what each must contain):\n${problems.map((p) => `- ${p}`).join('\n')}`,
    );
    this.name = 'LetterTemplateError';
  }
}

export interface LetterTemplates {
  readonly directory: string;
  /** The letter as blocks (title, headings, paragraphs, lists), drafted from the case. */
  draft(letter: LetterName, complaint: LetterCase, setting: LetterSetting): LetterBlock[];
}

/**
 * The templates of `directory`, checked: every file present, each renders the fictional sample
 * case (sample-letter-case.ts), directly and through a representative, and what it writes has
 * every required part. Any problem throws LetterTemplateError naming each one, so a landlord's
 * edited template that dropped the Ombudsman or the decisions stops the service at start-up.
 */
export function loadLetterTemplates(directory: string = DEFAULT_LETTER_TEMPLATES_DIR): LetterTemplates {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(directory, { noCache: false }), {
    // The output is plain text with marks (letter-blocks.ts); HTML escaping happens when the page is written.
    autoescape: false,
    throwOnUndefined: false,
    trimBlocks: true,
    lstripBlocks: true,
  });
  const render = (letter: LetterName, model: LetterModel) => env.render(LETTER_TEMPLATE_FILES[letter], model);
  const problems: string[] = [];
  for (const letter of LetterNames) {
    const file = LETTER_TEMPLATE_FILES[letter];
    if (!existsSync(join(directory, file))) {
      if (!problems.some((p) => p.startsWith(`${file}:`))) problems.push(`${file}: missing (it drafts ${letter})`);
      continue;
    }
    for (const sample of [SAMPLE_LETTER_CASE, SAMPLE_REPRESENTED_CASE]) {
      const model = letterModel(letter, sample, SAMPLE_LETTER_SETTING);
      let text: string;
      try {
        text = render(letter, model);
      } catch (error) {
        problems.push(
          `${file}: does not render (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`,
        );
        break;
      }
      const blocks = letterBlocks(text);
      const missing = REQUIRED[letter].concat(COMMON).filter((part) => !part.present(text, model, blocks));
      for (const part of missing) {
        const problem = `${file}: the ${letter} letter lacks ${part.part}`;
        if (!problems.includes(problem)) problems.push(problem);
      }
    }
  }
  if (problems.length > 0) throw new LetterTemplateError(directory, problems);
  return {
    directory,
    draft: (letter, complaint, setting) => letterBlocks(render(letter, letterModel(letter, complaint, setting))),
  };
}
