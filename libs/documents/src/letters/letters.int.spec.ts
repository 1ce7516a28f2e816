import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LetterNames, type LetterName } from '@complaints/contracts';
import { afterAll, describe, expect, it } from 'vitest';
import { pdfText } from '../../testing';
import type { LetterCase } from './letter-case';
import { letterHtml, letterPdf, letterText } from './letter-formats';
import { DEFAULT_LETTER_TEMPLATES_DIR, LetterTemplateError, loadLetterTemplates } from './letter-templates';
import { LETTER_OMBUDSMAN } from './ombudsman';
import { SAMPLE_LETTER_CASE, SAMPLE_LETTER_SETTING, SAMPLE_REPRESENTED_CASE } from './sample-letter-case';

const templates = loadLetterTemplates();
const standard = { largePrint: false, plainText: false };
const pdfOf = async (letter: LetterName, complaint: LetterCase = SAMPLE_LETTER_CASE, presentation = standard) =>
  pdfText(
    await letterPdf(templates.draft(letter, complaint, SAMPLE_LETTER_SETTING), presentation, {
      createdAt: new Date('2026-04-21T09:00:00Z'),
      subject: letter,
    }),
  );

/** Another resident's case: nothing of it may appear in a letter about Siân Ŵyn's. */
const OTHER_CASE: LetterCase = {
  ...SAMPLE_LETTER_CASE,
  reference: 'CMP-2026-00555',
  complainant: { name: 'Gareth Pryce', address: '7 Ffordd Las, Wrexham, LL11 2ZZ', preferredContact: 'phone' },
  stages: SAMPLE_LETTER_CASE.stages.map((s) => ({
    ...s,
    headsOfComplaint: ['Noise from the flat above every night'],
    outcomesSought: ['Soundproofing'],
    decisions: [
      {
        head: 'Noise from the flat above every night',
        outcome: 'partially_upheld' as const,
        reasons: 'The neighbour was warned twice.',
      },
    ],
  })),
  remedyActions: [
    {
      actionId: 'S1-A1',
      stage: 1,
      description: 'Fit acoustic underlay in flat 9',
      dueBy: '2026-06-01',
      completedAt: null,
    },
  ],
  refusal: {
    refusedAt: '2026-03-03T15:00:00Z',
    ground: 'older_than_12_months',
    explanation: 'The noise complaint was about 2023.',
  },
};
const OTHER_CASE_WORDS = [
  'Gareth Pryce',
  'Ffordd Las',
  'CMP-2026-00555',
  'Noise from the flat above',
  'acoustic underlay',
  'about 2023',
];

describe('letters drafted from the record, read back from the PDF', () => {
  it.each(LetterNames)(
    '%s names the landlord, the reference, the resident (exactly: Siân Ŵyn) and the Housing Ombudsman with their contact details',
    async (letter) => {
      // Drafted for another case first: the templates keep nothing from one letter to the next.
      await pdfOf(letter, OTHER_CASE);
      const text = await pdfOf(letter);
      expect(text).toContain('Afon Homes');
      expect(text).toContain('1 Riverside Walk');
      expect(text).toContain('CMP-2026-00917');
      expect(text).toContain('Dear Siân Ŵyn');
      expect(text).toContain('12 Heol y Dŵr');
      expect(text).toContain(LETTER_OMBUDSMAN.name);
      expect(text).toContain(LETTER_OMBUDSMAN.phone);
      expect(text).toContain(LETTER_OMBUDSMAN.website);
      for (const word of OTHER_CASE_WORDS) expect(text).not.toContain(word);
    },
  );

  it('acknowledgement: the stage, the complaint definition (heads and outcomes sought), the handler and the response date', async () => {
    const text = await pdfOf('acknowledgement-1');
    expect(text).toContain('We have received your complaint: stage 1');
    expect(text).toContain('Repeated failure to treat damp and mould in the back bedroom');
    expect(text).toContain('Missed repair appointments on 12 and 19 February 2026');
    expect(text).toContain('An apology for the missed appointments');
    expect(text).toContain('Priya Shah is handling your complaint');
    expect(text).toContain('We will send you our stage 1 response by 30 March 2026');
    expect(await pdfOf('acknowledgement-2')).toContain('Daniel Okafor is handling your complaint');
  });

  it('extension: the reason, the new date and the Ombudsman', async () => {
    const text = await pdfOf('extension-1');
    expect(text).toContain('We are waiting for the damp survey report from our surveyor.');
    expect(text).toContain('We will now send you our response by 30 March 2026 (5 more working days)');
    expect(await pdfOf('extension-2')).toContain('An independent damp specialist can only inspect on 14 April.');
  });

  it('stage 1 response: each decision with reasons, the remedies, what is outstanding, how to go to stage 2 — and never "final"', async () => {
    const text = await pdfOf('response-1');
    expect(text).toContain('Our response to your complaint: stage 1');
    expect(text).toMatch(
      /Repeated failure to treat damp and mould in the back bedroom Our decision: not upheld\. Why: Our records show two mould washes/,
    );
    expect(text).toMatch(/Missed repair appointments on 12 and 19 February 2026 Our decision: upheld\./);
    expect(text).toContain('We apologise');
    expect(text).toContain('Mould wash and stain block in the back bedroom, by 31 March 2026');
    expect(text).toContain('£50.00 for your time and trouble');
    expect(text).toContain('Mould wash and stain block in the back bedroom: still to be done, by 31 March 2026.');
    // Stage 2's actions are not stage 1's to report.
    expect(text).not.toContain('Replace the bedroom extractor fan');
    expect(text).toContain('you can ask us to take your complaint to stage 2 within 20 days');
    expect(text).not.toMatch(/final/i);
  });

  it('stage 2 response: final, the decisions, the remedies and which stage 1 decisions were overturned', async () => {
    const text = await pdfOf('response-2');
    expect(text).toContain('Our final response to your complaint: stage 2');
    expect(text).toContain(
      'at stage 1 this was not upheld; our review has overturned that decision and it is now upheld',
    );
    expect(text).toContain('We are offering you compensation of £239.99');
    expect(text).toContain('Replace the bedroom extractor fan: still to be done, by 15 May 2026.');
    expect(text).toContain('ask the Housing Ombudsman to investigate');
  });

  it('tells the resident of a restriction on contact that applies, its review date and that the complaints procedure stays open; not of a lapsed one', async () => {
    const restricted: LetterCase = {
      ...SAMPLE_LETTER_CASE,
      restrictions: [
        {
          kind: 'single_point_of_contact',
          terms: 'Rhys Evans, on 0161 555 0199',
          reviewDue: '2026-09-01',
          status: 'active',
        },
        { kind: 'written_contact_only', terms: null, reviewDue: '2026-02-01', status: 'review_overdue' },
      ],
    };
    for (const letter of ['acknowledgement-1', 'response-1'] as const) {
      const text = await pdfOf(letter, restricted);
      expect(text).toContain('through one named member of staff (Rhys Evans, on 0161 555 0199)');
      expect(text).toContain('We will review this by 1 September 2026.');
      expect(text).toContain(
        'It does not affect your right to use our complaints procedure or to go to the Housing Ombudsman.',
      );
      expect(text).not.toContain('in writing only');
    }
    expect(await pdfOf('acknowledgement-1')).not.toContain('named member of staff');
  });

  it('stage 2 response: says whether the panel member the resident asked for took part', async () => {
    const held = await pdfOf('response-2', {
      ...SAMPLE_LETTER_CASE,
      panelParticipation: { status: 'held', heldOn: '2026-04-14' },
    });
    expect(held).toContain(
      "a member of our residents' panel took part in this review: they met with us on 14 April 2026",
    );
    const declined = await pdfOf('response-2', {
      ...SAMPLE_LETTER_CASE,
      panelParticipation: { status: 'declined', reason: 'No panel member was free in time.' },
    });
    expect(declined).toContain('We could not arrange it: No panel member was free in time.');
    expect(await pdfOf('response-2')).not.toContain("residents' panel");
    // Stage 1 letters never mention it.
    expect(
      await pdfOf('response-1', { ...SAMPLE_LETTER_CASE, panelParticipation: { status: 'requested' } }),
    ).not.toContain("residents' panel");
  });

  it('refusal: the ground, the explanation and the right to go to the Ombudsman', async () => {
    const text = await pdfOf('refusal');
    expect(text).toContain('because legal proceedings about the issue have started');
    expect(text).toContain('Your solicitor has issued a disrepair claim');
    expect(text).toContain('You have the right to ask the Housing Ombudsman to look at our decision');
  });

  it('goes to the representative when there is one, says so, and names the resident it is about', async () => {
    const text = await pdfOf('acknowledgement-1', SAMPLE_REPRESENTED_CASE);
    expect(text).toContain('Dear Alun Ŵyn');
    expect(text).toContain('About: Siân Ŵyn');
    expect(text).toContain("as Siân Ŵyn's son");
    expect(text).toContain('We have not yet confirmed your authority');
    // Authority recorded since the receipt counts (docs/domain.md, "Representative authority").
    const confirmed = await pdfOf('acknowledgement-1', {
      ...SAMPLE_REPRESENTED_CASE,
      representativeAuthority: { basis: 'written_consent' },
    });
    expect(confirmed).not.toContain('We have not yet confirmed your authority');
    // Only the representative's name is recorded: the resident's address is not theirs.
    expect(text).not.toContain('12 Heol y Dŵr');
  });

  it('at stage 2 without a definition of its own, sets out the stage 1 heads; with no outcome sought, asks for one', async () => {
    const [one, two] = SAMPLE_LETTER_CASE.stages;
    const undefinedStage2: LetterCase = {
      ...SAMPLE_LETTER_CASE,
      stages: [
        { ...one!, outcomesSought: [] },
        { ...two!, headsOfComplaint: [], outcomesSought: [] },
      ],
    };
    const text = await pdfOf('acknowledgement-2', undefinedStage2);
    expect(text).toContain('Missed repair appointments on 12 and 19 February 2026');
    expect(text).toContain('You have not told us what you would like to happen.');
  });

  it('honours a preferred contact by email: the letter is addressed to the email, not the postal address', async () => {
    const byEmail: LetterCase = {
      ...SAMPLE_LETTER_CASE,
      complainant: {
        name: 'Siân Ŵyn',
        email: 'sian.wyn@example.org',
        address: '12 Heol y Dŵr',
        preferredContact: 'Email please',
      },
    };
    const text = await pdfOf('acknowledgement-1', byEmail);
    expect(text).toContain('By email: sian.wyn@example.org');
    expect(text).not.toContain('12 Heol y Dŵr');
    expect(text).toContain('You told us you prefer to be contacted by: Email please');
  });

  it('in large print sets the body at 16pt or more', async () => {
    const blocks = templates.draft('response-1', SAMPLE_LETTER_CASE, SAMPLE_LETTER_SETTING);
    const sizes = async (largePrint: boolean) => {
      const pdf = await letterPdf(blocks, { largePrint, plainText: false }, { createdAt: new Date(0), subject: 'x' });
      const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
      const document = await pdfjs.getDocument({ data: new Uint8Array(pdf) }).promise;
      const page = await document.getPage(1);
      const items = (await page.getTextContent()).items.filter((i) => 'str' in i && i.str.trim() !== '') as {
        transform: number[];
      }[];
      await document.destroy();
      return Math.min(...items.map((i) => Math.abs(i.transform[3]!)));
    };
    expect(await sizes(true)).toBeGreaterThanOrEqual(16);
    expect(await sizes(false)).toBeLessThan(16);
  });

  it('as text and as a printable page says the same, the page escaping what the record holds', () => {
    const risky: LetterCase = {
      ...SAMPLE_LETTER_CASE,
      complainant: { name: 'Siân <b>Ŵyn</b> & co', address: '1 Street' },
    };
    const blocks = templates.draft('acknowledgement-1', risky, SAMPLE_LETTER_SETTING);
    expect(letterText(blocks)).toContain('Dear Siân <b>Ŵyn</b> & co,');
    const html = letterHtml(blocks, { largePrint: true, plainText: false });
    expect(html).toContain('Dear Siân &lt;b&gt;Ŵyn&lt;/b&gt; &amp; co,');
    expect(html).not.toContain('<b>');
    expect(html).toContain('font-size: 18pt');
  });
});

describe('the landlord’s templates, checked at start-up', () => {
  const copies: string[] = [];
  const copy = () => {
    const dir = mkdtempSync(join(tmpdir(), 'letter-templates-'));
    cpSync(DEFAULT_LETTER_TEMPLATES_DIR, dir, { recursive: true });
    copies.push(dir);
    return dir;
  };
  afterAll(() => copies.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  const problemsOf = (dir: string) => {
    try {
      loadLetterTemplates(dir);
    } catch (error) {
      if (error instanceof LetterTemplateError) return error.problems;
      throw error;
    }
    return [];
  };

  it('accepts the shipped templates and an unchanged copy', () => {
    expect(problemsOf(copy())).toEqual([]);
  });

  it('refuses a copy that dropped the Ombudsman section, naming every letter that lacks it', () => {
    const dir = copy();
    writeFileSync(join(dir, '_ombudsman.njk'), '');
    const problems = problemsOf(dir);
    expect(problems).toContain(
      'acknowledgement.njk: the acknowledgement-1 letter lacks the Housing Ombudsman, named, with their phone number and website',
    );
    expect(problems).toContain(
      'refusal.njk: the refusal letter lacks the Housing Ombudsman, named, with their phone number and website',
    );
  });

  it('refuses a stage 1 response without the decisions, or titled "final", and a missing file', () => {
    const dir = copy();
    const file = join(dir, 'response-1.njk');
    writeFileSync(
      file,
      readFileSync(file, 'utf8')
        .replace('{% include "_decisions.njk" %}', '')
        .replace('# Our response', '# Our final response'),
    );
    unlinkSync(join(dir, 'refusal.njk'));
    const problems = problemsOf(dir);
    expect(problems).toContain(
      'response-1.njk: the response-1 letter lacks the decision on each head of complaint, with its reasons (decisions)',
    );
    expect(problems).toContain(
      'response-1.njk: the response-1 letter lacks no mention of a "final" response: stage 1 is never final',
    );
    expect(problems).toContain('refusal.njk: missing (it drafts refusal)');
    expect(() => loadLetterTemplates(dir)).toThrow(/cannot be used \(docs\/letters\.md lists what each must contain\)/);
  });

  it('refuses a template that does not render, saying which', () => {
    const dir = copy();
    writeFileSync(join(dir, 'extension.njk'), '{% if %}');
    expect(problemsOf(dir)[0]).toMatch(/^extension\.njk: does not render/);
  });
});
