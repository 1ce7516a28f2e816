import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toLondonDate } from '@complaints/domain';
import { complaintBody, startTestApp, uniqueServiceArea, type TestApp } from '../support/test-app';

/**
 * The auditor's pages over HTTP with bearer tokens: the list and its search, the case with its
 * timescales, chronology and integrity check, the "as at" view and the downloads, each under
 * the same roles as its API route, and agreeing with what that route answers.
 */
let t: TestApp;
let officer: string;
let auditor: string;
let admin: string;
let panel: string;
let id: string;
let reference: string;
const serviceArea = uniqueServiceArea('casepage');

const page = (path: string, token: string) => t.http.get(path).auth(token, { type: 'bearer' });
const api = (path: string, token: string) =>
  t.http.get(`/api/v1/complaints/${id}${path}`).auth(token, { type: 'bearer' });
/** The text of the page without its markup, spaces collapsed, for reading what a person sees. */
const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ');

beforeAll(async () => {
  t = await startTestApp();
  [officer, auditor, admin, panel] = await Promise.all([
    t.token('complaints_officer'),
    t.token('auditor'),
    t.token('admin'),
    t.token('scrutiny_panel'),
  ]);
  const received = await t.http
    .post('/api/v1/complaints')
    .auth(officer, { type: 'bearer' })
    .send(complaintBody({ serviceArea }));
  expect(received.status).toBe(201);
  ({ id, reference } = received.body as { id: string; reference: string });
  const acknowledged = await t.http
    .post(`/api/v1/complaints/${id}/acknowledgements`)
    .auth(officer, { type: 'bearer' })
    .set('If-Match', '"1"')
    .send({
      acknowledgedAt: '2026-03-04T10:00:00Z',
      handler: { id: 'u-017', name: 'Sam Officer' },
      method: 'email',
      headsOfComplaint: ['Repeated mould'],
      outcomesSought: ['Permanent fix'],
    });
  expect(acknowledged.status, JSON.stringify(acknowledged.body)).toBe(200);
});
afterAll(() => t?.close());

describe('the complaint list', () => {
  it('finds a case by its reference, ignoring case and spaces, and links to it', async () => {
    const response = await page(
      `/complaints?reference=${encodeURIComponent(`  ${reference.toLowerCase()} `)}`,
      auditor,
    );
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(textOf(response.text)).toContain('1 complaint match');
    expect(response.text).toContain(`href="/complaints/${id}"`);
    const api = await t.http
      .get(`/api/v1/complaints?reference=${reference.toLowerCase()}`)
      .auth(auditor, { type: 'bearer' });
    expect(api.body.items.map((item: { id: string }) => item.id)).toEqual([id]);
  });

  it('says plainly when no complaint has that reference', async () => {
    const response = await page('/complaints?reference=CMP-1999-000000', auditor);
    expect(response.status).toBe(200);
    expect(textOf(response.text)).toContain('No complaints match');
  });

  it('filters by status, stage, overdue and service area as the API does, keeping the form as typed', async () => {
    const response = await page(`/complaints?status=open&stage=1&overdue=true&serviceArea=${serviceArea}`, officer);
    const listed = await t.http
      .get(`/api/v1/complaints?status=open&stage=1&overdue=true&serviceArea=${serviceArea}`)
      .auth(officer, { type: 'bearer' });
    expect(response.status).toBe(200);
    expect(listed.body.total).toBe(1);
    expect(response.text).toContain(`href="/complaints/${id}"`);
    expect(response.text).toMatch(/<option value="open" selected>/);
    expect(response.text).toContain(`value="${serviceArea}"`);
    const closed = await page(`/complaints?status=closed&serviceArea=${serviceArea}`, officer);
    expect(textOf(closed.text)).toContain('No complaints match');
  });

  it('pages through a long list, 25 at a time, with links that keep the filters', async () => {
    const area = uniqueServiceArea('paging');
    for (let i = 0; i < 26; i++) {
      const res = await t.http
        .post('/api/v1/complaints')
        .auth(officer, { type: 'bearer' })
        .send(complaintBody({ serviceArea: area }));
      expect(res.status).toBe(201);
    }
    const first = await page(`/complaints?serviceArea=${area}`, auditor);
    expect(textOf(first.text)).toContain('26 complaints match');
    expect(textOf(first.text)).toContain('Complaints 1 to 25 of 26');
    expect(first.text).toContain(`href="/complaints?serviceArea=${area}&amp;page=2"`);
    const second = await page(`/complaints?serviceArea=${area}&page=2`, auditor);
    expect(textOf(second.text)).toContain('Complaints 26 to 26 of 26');
  });

  it('answers a bad filter with the form again and an error summary naming the field', async () => {
    const response = await page('/complaints?status=pending&page=0', auditor);
    expect(response.status).toBe(400);
    expect(response.text).toContain('There is a problem');
    expect(response.text).toContain('href="#status"');
    expect(response.text).toContain('Choose a status from the list');
    expect(response.text).toContain('href="#page"');
    expect(response.text).not.toContain('Stack');
  });

  it('is not for a scrutiny panel, whose pages never name a case', async () => {
    const response = await page('/complaints', panel);
    expect(response.status).toBe(403);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
  });
});

describe('the case page', () => {
  it('shows an auditor the summary, both targets per stage, the chronology and the integrity check the API gives', async () => {
    const response = await page(`/complaints/${id}`, auditor);
    expect(response.status).toBe(200);
    const text = textOf(response.text);
    expect(text).toContain(reference);
    expect(text).toContain('Sam Officer');
    // Stage 1: acknowledgement due 9 March; the Code target and the organisation's own, side by side.
    expect(text).toContain('Stage 1, from 2 March 2026');
    expect(text).toContain('Acknowledgement 9 March 2026 4 March 2026 Met');
    expect(text).toContain('Response, Code target 18 March 2026');
    expect(text).toContain("Response, organisation's own target 18 March 2026");

    const chronology = (await api('/chronology', auditor)).body as { entries: { description: string; by: string }[] };
    expect(chronology.entries).toHaveLength(2);
    for (const entry of chronology.entries) {
      expect(text).toContain(entry.description);
      expect(text).toContain(entry.by);
    }
    expect(text).toContain('Happened 2 March 2026, 9:15am');
    // Every date is also machine-readable: the case's dates and the timeline's times in <time datetime>.
    expect(response.text).toContain('<time datetime="2026-03-02">2 March 2026</time> by');
    expect(response.text).toContain('<time datetime="2026-03-09">9 March 2026</time>');
    expect(response.text).toContain('<time datetime="2026-03-02T09:15:00Z">2 March 2026, 9:15am</time>');
    expect(text).toContain('Recorded');
    expect(text).toContain('recorded later');

    const integrity = (await api('/integrity', auditor)).body as {
      valid: boolean;
      eventsChecked: number;
      headHash: string;
    };
    expect(integrity.valid).toBe(true);
    expect(text).toContain('Integrity check Verified');
    expect(text).toContain(`Events checked ${integrity.eventsChecked}`);
    expect(text).toContain(integrity.headHash);
    expect(text).toContain('Latest signed checkpoint of the transparency log');
    expect(text).toMatch(/Tree size \d+ Root hash [0-9a-f]{64}/);

    for (const download of ['chronology.csv', 'chronology.pdf', 'evidence.json'])
      expect(response.text).toContain(`href="/complaints/${id}/${download}"`);
    expect(response.text).toContain(`action="/complaints/${id}/as-at"`);
  });

  it('shows an officer the chronology but not the integrity check, which is for managers and auditors', async () => {
    const response = await page(`/complaints/${id}`, officer);
    expect(response.status).toBe(200);
    expect(response.text).toContain('id="chronology"');
    expect(response.text).not.toContain('id="integrity"');
    expect(response.text).not.toContain('evidence.json');
    expect((await page(`/complaints/${id}/evidence.json`, officer)).status).toBe(403);
  });

  it('shows an admin the case only: no chronology, no downloads, no "as at"', async () => {
    const response = await page(`/complaints/${id}`, admin);
    expect(response.status).toBe(200);
    expect(response.text).toContain(reference);
    expect(response.text).not.toContain('id="chronology"');
    expect(response.text).not.toContain('id="integrity"');
    expect(response.text).not.toContain('/as-at');
    expect((await page(`/complaints/${id}/chronology.csv`, admin)).status).toBe(403);
    expect((await page(`/complaints/${id}/as-at?date=2026-03-10`, admin)).status).toBe(403);
  });

  it('refuses a scrutiny panel with a page saying what the role does not see, while the API keeps its problem+json', async () => {
    const refused = await page(`/complaints/${id}`, panel);
    expect(refused.status).toBe(403);
    expect(refused.headers['content-type']).toMatch(/^text\/html/);
    const words = textOf(refused.text);
    expect(words).toContain('You cannot see this page');
    expect(words).toContain('You are signed in as a member of the scrutiny panel.');
    expect(words).toContain('never a complaint’s own page');
    expect(words).toContain('Who can see this page');
    expect(words).toContain('Complaints officer');
    expect(words).toContain('Auditor');
    // A bearer token has no sign-in to change; what to do instead is said.
    expect(words).toContain('ask for a token for one of these roles');
    expect(refused.text).not.toContain(reference);
    const apiRefused = await t.http
      .get(`/api/v1/complaints/${id}`)
      .auth(panel, { type: 'bearer' })
      .set('Accept', 'text/html');
    expect(apiRefused.status).toBe(403);
    expect(apiRefused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(apiRefused.body).toMatchObject({ status: 403, title: 'Forbidden' });
  });

  it('says plainly when there is no such complaint', async () => {
    const missing = await page('/complaints/no-such-complaint', auditor);
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toMatch(/^text\/html/);
  });
});

describe('the integrity check, when an event was changed behind the service', () => {
  it('says plainly that the case is not verified, and why', async () => {
    const received = await t.http.post('/api/v1/complaints').auth(officer, { type: 'bearer' }).send(complaintBody());
    const tampered = (received.body as { id: string }).id;
    const acknowledged = await t.http
      .post(`/api/v1/complaints/${tampered}/acknowledgements`)
      .auth(officer, { type: 'bearer' })
      .set('If-Match', '"1"')
      .send({
        acknowledgedAt: '2026-03-04T10:00:00Z',
        handler: { id: 'u-017', name: 'Sam Officer' },
        method: 'email',
        headsOfComplaint: ['Repeated mould'],
        outcomesSought: ['Permanent fix'],
      });
    expect(acknowledged.status).toBe(200);
    // What an insider with database access could do: the store's own trigger forbids it.
    await t.infrastructure.sql.query('ALTER TABLE events DISABLE TRIGGER events_no_update_or_delete');
    try {
      await t.infrastructure.sql.query(
        `UPDATE events SET data = jsonb_set(data, '{method}', '"letter"') WHERE stream_id = $1 AND revision = 2`,
        [`complaint-${tampered}`],
      );
    } finally {
      await t.infrastructure.sql.query('ALTER TABLE events ENABLE TRIGGER events_no_update_or_delete');
    }
    const response = await page(`/complaints/${tampered}`, auditor);
    expect(response.status).toBe(200);
    const text = textOf(response.text);
    expect(text).toContain('Not verified. Hash mismatch: the event content does not match its hash');
    expect(text).not.toContain('Integrity check Verified');
  });
});

describe('the downloads', () => {
  it('give the same chronology CSV as the API, and a PDF', async () => {
    const csv = await page(`/complaints/${id}/chronology.csv`, auditor);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="chronology-${reference}.csv"`);
    expect(csv.text).toBe((await api('/chronology?format=csv', auditor)).text);

    const pdf = await page(`/complaints/${id}/chronology.pdf`, auditor).buffer(true);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('give the evidence pack the API gives', async () => {
    const pack = await page(`/complaints/${id}/evidence.json`, auditor);
    expect(pack.status).toBe(200);
    expect(pack.headers['content-disposition']).toContain('attachment');
    const fromPage = JSON.parse(pack.text) as Record<string, unknown>;
    const fromApi = (await api('/evidence', auditor)).body as Record<string, unknown>;
    expect(Object.keys(fromPage).sort()).toEqual(Object.keys(fromApi).sort());
    expect(fromPage['events']).toEqual(fromApi['events']);
  });
});

describe('the case as it stood at the end of a date', () => {
  const today = toLondonDate(new Date());
  const yesterday = toLondonDate(new Date(Date.now() - 86_400_000));

  it('today: every step recorded so far, with the timescales judged on that date', async () => {
    const response = await page(`/complaints/${id}/as-at?date=${today}`, auditor);
    expect(response.status).toBe(200);
    const text = textOf(response.text);
    expect(text).toContain('As it stood at the end of');
    expect(text).toContain('2 of the 2 steps recorded so far');
    expect(text).toContain('Sam Officer');
    expect(response.text).toContain('id="chronology"');
  });

  it('before the complaint was recorded: says so, showing nothing recorded later', async () => {
    const response = await page(`/complaints/${id}/as-at?date=${yesterday}`, officer);
    expect(response.status).toBe(200);
    expect(textOf(response.text)).toContain('The complaint had not been recorded by the end of');
    expect(response.text).not.toContain('Sam Officer');
  });

  it('refuses a date that is not real, or in the future, with the field named', async () => {
    for (const [date, message] of [
      ['2026-02-30', 'Enter a real date in the form YYYY-MM-DD'],
      ['yesterday', 'Enter a real date in the form YYYY-MM-DD'],
      ['', 'Enter the date to see the case as it stood'],
      ['2999-01-01', 'Enter a date no later than today'],
    ] as const) {
      const response = await page(`/complaints/${id}/as-at?date=${date}`, auditor);
      expect(response.status, date).toBe(400);
      expect(response.text).toContain('href="#date"');
      expect(textOf(response.text)).toContain(message);
    }
    expect((await page(`/complaints/no-such-complaint/as-at?date=${today}`, auditor)).status).toBe(404);
  });
});

describe('the case as it stood on a past date, its steps recorded on different days', () => {
  let past: TestApp;
  let now = new Date('2026-03-02T10:00:00Z');
  let caseId: string;
  beforeAll(async () => {
    past = await startTestApp({}, { clock: { now: () => now } });
    const token = await past.token('complaints_officer');
    const received = await past.http.post('/api/v1/complaints').auth(token, { type: 'bearer' }).send(complaintBody());
    expect(received.status).toBe(201);
    caseId = (received.body as { id: string }).id;
    now = new Date('2026-03-04T11:00:00Z');
    const acknowledged = await past.http
      .post(`/api/v1/complaints/${caseId}/acknowledgements`)
      .auth(token, { type: 'bearer' })
      .set('If-Match', '"1"')
      .send({
        acknowledgedAt: '2026-03-04T10:00:00Z',
        handler: { id: 'u-017', name: 'Sam Officer' },
        method: 'email',
        headsOfComplaint: ['Repeated mould'],
        outcomesSought: ['Permanent fix'],
      });
    expect(acknowledged.status, JSON.stringify(acknowledged.body)).toBe(200);
    now = new Date('2026-03-20T12:00:00Z');
  });
  afterAll(() => past?.close());

  const asAt = async (date: string) =>
    past.http.get(`/complaints/${caseId}/as-at?date=${date}`).auth(await past.token('auditor'), { type: 'bearer' });

  it('shows only what was recorded by the end of that day, judged on that day', async () => {
    const third = await asAt('2026-03-03');
    expect(third.status).toBe(200);
    const text = textOf(third.text);
    expect(text).toContain('As it stood at the end of 3 March 2026');
    expect(text).toContain('1 of the 2 steps recorded so far');
    expect(text).toContain('Handled by Not yet assigned');
    expect(text).toContain('Acknowledgement 9 March 2026 Not yet Not yet due');
    expect(text).not.toContain('Sam Officer');

    const fourth = textOf((await asAt('2026-03-04')).text);
    expect(fourth).toContain('2 of the 2 steps recorded so far');
    expect(fourth).toContain('Acknowledgement 9 March 2026 4 March 2026 Met');
  });

  it('says the complaint was not recorded yet before it was, and refuses a day after today', async () => {
    expect(textOf((await asAt('2026-03-01')).text)).toContain(
      'The complaint had not been recorded by the end of 1 March 2026',
    );
    const future = await asAt('2026-03-21');
    expect(future.status).toBe(400);
    expect(textOf(future.text)).toContain('Enter a date no later than today (20 March 2026)');
  });
});
