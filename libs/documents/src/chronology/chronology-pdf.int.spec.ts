import { generateKeyPairSync } from 'node:crypto';
import { checkpointSignatureProblem, publishedKeyOf, signCheckpoint } from '@complaints/transparency';
import { describe, expect, it } from 'vitest';
import { chronologyCase, pdfPages, pdfText } from '../../testing';
import { longUkDateWithDay, withLongDates } from '@complaints/reporting';
import { chronologyPdf } from './chronology-pdf';

const HASH = /[0-9a-f]{64}/;

describe('chronologyPdf', () => {
  it('is a whole PDF: %PDF header, %%EOF trailer, the DejaVu fonts embedded and no standard font', async () => {
    const pdf = await chronologyPdf(chronologyCase(), { compress: false });
    const raw = pdf.toString('latin1');
    expect(raw.startsWith('%PDF-1.4')).toBe(true);
    expect(raw.trimEnd().endsWith('%%EOF')).toBe(true);
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans\s/);
    expect(raw).toMatch(/\/FontFile2/);
    expect(raw).not.toMatch(/\/BaseFont \/(Helvetica|Courier)/);
  });

  it('carries the reference, the timescales by stage, every dated step with its actor and SLA note, and the integrity block', async () => {
    const document = chronologyCase();
    const text = await pdfText(await chronologyPdf(document));

    expect(text).toContain('Complaint chronology CMP-2026-000042');
    // The stage 1 row: acknowledgement due / given, Code response due / issued, outcome.
    expect(text).toMatch(/1 9 March 2026 4 March 2026 18 March 2026 16 March 2026 none within Code timescales/);
    // One dated entry per step, in order, each with who recorded it.
    const steps = ['Monday 2 March 2026', 'Wednesday 4 March 2026', 'Monday 16 March 2026'].map((date) =>
      text.indexOf(date),
    );
    expect(steps.every((at) => at > 0)).toBe(true);
    expect([...steps].sort((a, b) => a - b)).toEqual(steps);
    expect(text).toContain('Complaint acknowledged');
    expect(text).toContain('Timescale: Acknowledgement was due 9 March 2026: met. Response due 18 March 2026.');
    expect(text.match(/Recorded by Sam Officer \(complaints officer\)/g)).toHaveLength(document.entries.length);
    // The response was recorded two days after it was issued; the PDF says so.
    expect(text).toContain('Recorded by Sam Officer (complaints officer) on 18 March 2026.');
    expect(text).toContain('£150.00 for time and trouble');

    expect(text).toContain('Hash chain: verified over 3 events.');
    expect(text).toContain(document.integrity.headHash);
    expect(text).toContain('Generated Friday 20 March 2026 at 14:05 GMT (2026-03-20T14:05:09.123Z).');
    expect(text).toContain('Page 1 of 1');
  });

  it('says in the timescales table when an unanswered stage is overdue against the Code, as the case view judges it', async () => {
    const document = chronologyCase();
    const [stage] = document.view.sla.stages;
    const unanswered = {
      ...stage!,
      respondedOn: null,
      withinCodeTimescales: null,
      codeResponseStatus: 'overdue' as const,
    };
    const overdue = { ...document, view: { ...document.view, sla: { ...document.view.sla, stages: [unanswered] } } };
    expect(await pdfText(await chronologyPdf(overdue))).toContain(
      'awaiting response: overdue against the Code (due 18 March 2026)',
    );
    const pending = {
      ...document,
      view: {
        ...document.view,
        sla: { ...document.view.sla, stages: [{ ...unanswered, codeResponseStatus: 'pending' as const }] },
      },
    };
    expect(await pdfText(await chronologyPdf(pending))).not.toContain('overdue against the Code');
  });

  it('wraps a long case across pages without losing a step, splitting only a step longer than a page, and numbers and dates every page', async () => {
    const contacts = 60;
    const detail = 'The resident described the damp in detail. ';
    const document = chronologyCase({
      contacts,
      // Every seventh call has a long note (under a page); call 11's runs over more than a page.
      contactSummary: (i) =>
        `Call ${i + 1}. ${i === 10 ? detail.repeat(250) : i % 7 === 0 ? detail.repeat(40) : ''}End of call ${i + 1}.`,
    });
    const pages = await pdfPages(await chronologyPdf(document));

    expect(pages.length).toBeGreaterThan(5);
    pages.forEach((page, index) => expect(page).toContain(`Page ${index + 1} of ${pages.length}`));
    const text = pages.join(' ').replace(/\s+/g, ' ');
    for (let call = 1; call <= contacts; call++) {
      expect(text.match(new RegExp(`End of call ${call}\\.`, 'g')), `call ${call}`).toHaveLength(1);
    }
    // After the first, each page opens with a date: a new step's, or "continued" with the date
    // of the one step too long for a page; or, on the last page, with the integrity block kept whole.
    const longStep = document.entries.find((e) => e.description.includes('Call 11.'))!;
    const later = pages.slice(1).map((page) => page.replace(/\s+/g, ' ').trim());
    for (const page of later.slice(0, -1))
      expect(page).toMatch(/^(Monday|Tuesday|Wednesday|Thursday|Friday) \d{1,2} \w+ 2026 /);
    expect(later.at(-1)).toMatch(
      /^((Monday|Tuesday|Wednesday|Thursday|Friday) \d{1,2} \w+ 2026 |Integrity of this record )/,
    );
    const continued = later.filter((page) => / 2026 continued /.test(page.slice(0, 40)));
    expect(continued.length).toBeGreaterThan(0);
    for (const page of continued) expect(page.startsWith(`${longUkDateWithDay(longStep.date)} continued `)).toBe(true);
    // The integrity block is kept whole on the last page.
    expect(pages.at(-1)).toContain('Hash chain: verified');
    expect(pages.at(-1)).toContain(document.integrity.headHash);
  });

  it('lets other requests in while a long case is laid out: one large PDF does not hold the whole process', async () => {
    const document = chronologyCase({
      contacts: 200,
      contactSummary: (i) => `Call ${i + 1}. ${'A long note about the damp. '.repeat(20)}`,
    });
    let finished = false;
    let otherWorkRan = 0;
    // Stands for the next request on a socket: it needs turns of the event loop while the PDF is made.
    const other = () => {
      if (finished) return;
      otherWorkRan++;
      setImmediate(other);
    };
    setImmediate(other);
    const pdf = await chronologyPdf(document);
    finished = true;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // Between every few steps: far more than once.
    expect(otherWorkRan).toBeGreaterThan(200 / 8);
  });

  it('stops laying out when its reader has gone, instead of finishing a long render for nobody', async () => {
    const document = chronologyCase({ contacts: 200, contactSummary: (i) => `Call ${i + 1}.` });
    let asked = 0;
    // The client leaves after the layout has asked twice.
    const pdf = await chronologyPdf(document, { abandoned: () => ++asked > 2 });
    expect(pdf).toBeUndefined();
    expect(asked).toBe(3);
    expect(await chronologyPdf(document, { abandoned: () => false })).toBeInstanceOf(Buffer);
  });

  it('prints Welsh and other names exactly as recorded (embedded Unicode font), and an emoji does not stop it', async () => {
    const document = chronologyCase({
      complainantName: 'Siân Ŵyn',
      description: 'Water coming through the ceiling of Tŷ Dŵr on Łódź Street 😞 again.',
    });
    const text = await pdfText(await chronologyPdf(document));
    expect(text).toContain('from Siân Ŵyn, about');
    expect(text).toContain('through the ceiling of Tŷ Dŵr on Łódź Street');
    expect(text).not.toContain('standard fonts');
  });

  it('says plainly when the hash chain did not verify', async () => {
    const document = chronologyCase({
      integrity: {
        valid: false,
        eventsChecked: 1,
        headHash: 'a'.repeat(64),
        problem: {
          revision: 2,
          detail: 'the stored event does not match its hash: it was altered after it was recorded',
        },
      },
    });
    const text = await pdfText(await chronologyPdf(document));
    expect(text).toContain('Hash chain: NOT VERIFIED at revision 2: the stored event does not match its hash');
    expect(text).not.toContain('Hash chain: verified');
    expect(text).toContain('a'.repeat(64));
  });

  it('is reproducible: the same chronology generated at the same moment gives the same bytes', async () => {
    const [first, second] = await Promise.all([chronologyPdf(chronologyCase()), chronologyPdf(chronologyCase())]);
    expect(first.equals(second)).toBe(true);
    const later = await chronologyPdf(chronologyCase({ generatedAt: new Date('2026-07-01T08:00:00Z') }));
    expect(later.equals(first)).toBe(false);
    expect(await pdfText(later)).toContain('Generated Wednesday 1 July 2026 at 09:00 BST');
  });

  it('carries the transparency-log checkpoint it was issued under, signature included, so the PDF alone is enough to verify it', async () => {
    const key = generateKeyPairSync('ed25519').privateKey;
    const checkpoint = signCheckpoint(
      { treeSize: 12345, rootHash: 'b'.repeat(64), issuedAt: '2026-03-20T14:05:00.000Z' },
      key,
    );
    const pages = await pdfPages(await chronologyPdf({ ...chronologyCase(), checkpoint }));
    const text = pages.join('\n').replace(/\s+/g, ' ');
    expect(text).toContain(
      "Issued under the signed checkpoint of the whole store's transparency log: tree size 12,345, signed 20 March 2026 at 14:05 GMT (2026-03-20T14:05:00.000Z).",
    );
    expect(text).toContain('b'.repeat(64));
    expect(text).toContain(checkpoint.keyId);
    expect(text).toContain('GET /api/v1/integrity/keys');
    expect(text).toContain('docs/integrity.md');
    // What a reader copies out of the PDF: the wrapped lines after the label, joined again, verify under the published key.
    const lines = pages
      .join('\n')
      .split('\n')
      .map((line) => line.trim());
    const at = lines.findIndex((line) => line.includes('Ed25519 signature (base64):'));
    const copied = lines
      .slice(at + 1)
      .join(' ')
      .split(/\s+/)
      .filter((word) => /^[A-Za-z0-9+/=]+$/.test(word))
      .slice(0, 2)
      .join('');
    expect(copied).toBe(checkpoint.signature);
    expect(
      checkpointSignatureProblem({ ...checkpoint, signature: copied }, publishedKeyOf(key, null, true).publicKey),
    ).toBeUndefined();
  });

  it('says why no checkpoint is printed: not yet recorded, or the log no longer extends its checkpoints', async () => {
    const later = await pdfText(await chronologyPdf({ ...chronologyCase(), checkpoint: 'not-yet-recorded' }));
    expect(later).toContain('the log had not yet recorded every event of this complaint');
    expect(later).not.toContain('tree size');
    const broken = await pdfText(await chronologyPdf({ ...chronologyCase(), checkpoint: 'log-inconsistent' }));
    expect(broken).toContain(
      'Transparency log: NO CHECKPOINT. The log no longer extends the checkpoints the service signed before',
    );
    expect(broken).not.toContain('had not yet recorded');
    expect(broken).not.toContain('tree size');
  });

  it('shows no hash but the one it was given', async () => {
    const document = chronologyCase();
    const hashes = new Set((await pdfText(await chronologyPdf(document))).match(new RegExp(HASH, 'g')));
    expect([...hashes]).toEqual([document.integrity.headHash]);
  });
});

describe('dates in the printed chronology', () => {
  it('uses the long UK form with the weekday and no comma', () => {
    expect(longUkDateWithDay('2026-03-02')).toBe('Monday 2 March 2026');
    expect(longUkDateWithDay('2026-10-25')).toBe('Sunday 25 October 2026');
  });

  it('rewrites the ISO dates in notes, leaving anything that is not a real date alone', () => {
    expect(withLongDates('Acknowledgement was due 2026-03-09: met. Ref 2026-02-30.')).toBe(
      'Acknowledgement was due 9 March 2026: met. Ref 2026-02-30.',
    );
  });
});
