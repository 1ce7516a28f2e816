import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAILED_LOOKUP_LIMIT } from '../../src/resident/failed-lookups';
import { complaintBody, startTestApp, type TestApp } from '../support/test-app';

/** The form's CSRF token on a page, and the cookies a response set, as a browser would send them back. */
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
const cookiesFrom = (setCookie: string[] | string | undefined) =>
  [setCookie ?? []]
    .flat()
    .map((c) => c.split(';')[0]!)
    .join('; ');
/** The page's text without markup, for reading it as a person would. */
const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('/resident: a resident checks their complaint with its reference and access code', () => {
  let t: TestApp;
  let officer: string;
  let complaint: { id: string; reference: string; residentAccessCode: string };
  let form: { cookie: string; csrf: string };

  const check = (fields: Record<string, string>) =>
    t.http
      .post('/resident')
      .set('Cookie', form.cookie)
      .type('form')
      .send({ _csrf: form.csrf, ...fields });
  async function post(path: string, body: Record<string, unknown>, token = officer) {
    const res = await t.http.post(path).auth(token, { type: 'bearer' }).send(body);
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
    return res.body as { id: string; reference: string; residentAccessCode: string };
  }

  beforeAll(async () => {
    t = await startTestApp();
    officer = await t.token('complaints_officer');
    complaint = await post(
      '/api/v1/complaints',
      complaintBody({
        complainant: { name: 'Zebedee Quartermaine', email: 'zq@example.org' },
        description: 'Secret description of the leak',
        outcomeSought: 'Private outcome',
      }),
    );
    const page = await t.http.get('/resident');
    form = { cookie: cookiesFrom(page.headers['set-cookie']), csrf: csrfOf(page.text) };
  });
  afterAll(async () => t?.close());

  it('offers the form to anyone, without sign-in: labelled fields with hints, a CSRF token, the page headers', async () => {
    const page = await t.http.get('/resident');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.text).toMatch(/<label class="govuk-label govuk-label--s" for="reference">\s*Complaint reference/);
    expect(page.text).toMatch(/<label class="govuk-label govuk-label--s" for="accessCode">\s*Access code/);
    expect(page.text).toContain('aria-describedby="reference-hint"');
    expect(csrfOf(page.text)).not.toBe('');
    expect(page.text).not.toContain('<script');
  });

  it('shows where the complaint is, what happens next and where to go, in plain words, and nothing personal', async () => {
    const page = await check({ reference: complaint.reference, accessCode: complaint.residentAccessCode });
    expect(page.status).toBe(200);
    const text = textOf(page.text);
    expect(text).toContain(`Complaint ${complaint.reference}`);
    expect(text).toContain('We have received your complaint');
    expect(text).toContain('We received it on 2 March 2026');
    expect(text).toContain('Our response is due by 23 March 2026');
    // Long past the Code's acknowledgement date: the resident is told so, with the Ombudsman's details.
    expect(text).toContain('We should have acknowledged your stage 1 complaint by 9 March 2026 and have not yet.');
    expect(text).toContain('Housing Ombudsman Service');
    expect(text).toContain('0300 111 3000');
    expect(text).toContain('The complaints team at');
    for (const personal of ['Zebedee', 'zq@example.org', 'Secret description', 'Private outcome', '0161 496 0000'])
      expect(page.text).not.toContain(personal);
  });

  it('reads the reference and code as people type them: lower case, spaces, no hyphen', async () => {
    const page = await check({
      reference: ` ${complaint.reference.toLowerCase()} `,
      accessCode: complaint.residentAccessCode.replace('-', ' ').toLowerCase(),
    });
    expect(page.status).toBe(200);
    expect(page.text).toContain(complaint.reference);
  });

  it('says which field is missing or cannot be right, linked from an error summary, and keeps what was typed', async () => {
    const blank = await check({ reference: '', accessCode: '' });
    expect(blank.status).toBe(400);
    expect(blank.text).toContain('There is a problem');
    expect(blank.text).toContain('<a href="#reference">Enter your complaint reference</a>');
    expect(blank.text).toContain('<a href="#accessCode">Enter your access code</a>');
    expect(blank.text).toMatch(/<title>Error: /);

    const malformed = await check({ reference: complaint.reference, accessCode: 'ABC' });
    expect(malformed.status).toBe(400);
    expect(malformed.text).toContain('href="#accessCode"');
    expect(malformed.text).toContain('10 letters and numbers');
    expect(malformed.text).toContain(`value="${complaint.reference}"`);
  });

  it('gives one answer for a wrong code and an unknown reference, and does not write the code back', async () => {
    const wrongCode = await check({ reference: complaint.reference, accessCode: '00000-00000' });
    const unknown = await check({ reference: 'CMP-2026-999999', accessCode: complaint.residentAccessCode });
    for (const page of [wrongCode, unknown]) {
      expect(page.status).toBe(404);
      expect(page.text).toContain('No complaint matches this reference and access code.');
      expect(page.text).not.toContain('Where your complaint is');
    }
    expect(unknown.text).not.toContain(complaint.residentAccessCode);
  });

  it('refuses a lookup without the form\u2019s CSRF token', async () => {
    const page = await t.http
      .post('/resident')
      .set('Cookie', form.cookie)
      .type('form')
      .send({ reference: complaint.reference, accessCode: complaint.residentAccessCode });
    expect(page.status).toBe(403);
    expect(page.text).not.toContain('Where your complaint is');
  });

  it('follows the complaint: who is handling it (a role, never a name), then how to ask for stage 2', async () => {
    await post(`/api/v1/complaints/${complaint.id}/acknowledgements`, {
      acknowledgedAt: '2026-03-03T10:00:00Z',
      handler: { id: 'u-9', name: 'Hermione Handler' },
      headsOfComplaint: ['Private head'],
    });
    let text = textOf((await check({ reference: complaint.reference, accessCode: complaint.residentAccessCode })).text);
    expect(text).toContain('We are looking into your complaint');
    expect(text).toContain('We acknowledged it on 3 March 2026');
    expect(text).toContain('Who is handling it');
    expect(text).not.toContain('Hermione');

    await post(`/api/v1/complaints/${complaint.id}/responses`, {
      respondedAt: '2026-03-10T10:00:00Z',
      decisions: [{ head: 'Private head', outcome: 'upheld', reasons: 'Internal reasoning' }],
      remedies: { apology: true },
    });
    text = textOf((await check({ reference: complaint.reference, accessCode: complaint.residentAccessCode })).text);
    expect(text).toContain('We have sent you our stage 1 response');
    expect(text).toContain('We responded on 10 March 2026');
    expect(text).toContain('ask for your complaint to go to stage 2');
    for (const secret of ['Private head', 'Internal reasoning', 'Hermione']) expect(text).not.toContain(secret);
  });
});

describe('/resident shares the API route’s failed-lookup budget', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  it('counts wrong guesses on the page and the API together, and then refuses both with 429 and Retry-After', async () => {
    const page = await t.http.get('/resident');
    const cookie = cookiesFrom(page.headers['set-cookie']);
    const guess = (n: number) =>
      t.http
        .post('/resident')
        .set('Cookie', cookie)
        .type('form')
        .send({
          _csrf: csrfOf(page.text),
          reference: `CMP-2026-${String(n).padStart(6, '0')}`,
          accessCode: '7KQ2M-XD4PA',
        });
    const half = FAILED_LOOKUP_LIMIT / 2;
    for (let n = 0; n < half; n++) expect((await guess(n)).status).toBe(404);
    for (let n = half; n < FAILED_LOOKUP_LIMIT; n++) {
      expect(
        (
          await t.http
            .get(`/api/v1/public/complaints/CMP-2026-${String(n).padStart(6, '0')}/status`)
            .set('X-Access-Code', '7KQ2M-XD4PA')
        ).status,
      ).toBe(404);
    }
    const refused = await guess(FAILED_LOOKUP_LIMIT);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.text).toContain('There is a problem');
    expect(refused.text).toContain('too many unsuccessful attempts');
    expect(
      (await t.http.get('/api/v1/public/complaints/CMP-2026-000001/status').set('X-Access-Code', '7KQ2M-XD4PA')).status,
    ).toBe(429);
  });
});
