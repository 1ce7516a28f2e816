import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from '@complaints/documents/testing';
import { complaintBody, startTestApp, uniqueServiceArea, type TestApp } from '../support/test-app';

/**
 * The scrutiny panel's pages: the same figures as the API's report routes (the same functions
 * called), plain-English errors for bad input, and nothing personal on any of them. With
 * DATABASE_URL the database may hold other complaints, so assertions look at this file's own
 * service area or compare the page with the API at the same moment.
 */
let t: TestApp;
let officer: string;
let panel: string;
const area = uniqueServiceArea('grounds');
const handler = { id: 'u-9', name: 'Morgan Handler' };
/** Personal data and free text written into the seeded cases: none of it may reach a panel page. */
const MARKERS = [
  'Zebedee Quillfeather',
  'zebedee.q@example.org',
  '07700 900123',
  '17 Marigold Crescent',
  'Bramble hedge story',
  'Lead Gardener Pat',
];
const made: Record<string, { id: string; reference: string }> = {};

async function post(path: string, body: Record<string, unknown>) {
  const res = await t.http.post(path).auth(officer, { type: 'bearer' }).send(body);
  expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
  return res.body as { id: string; reference: string };
}
const get = (path: string, token = panel) => t.http.get(path).auth(token, { type: 'bearer' });
const complainant = { name: MARKERS[0], email: MARKERS[1], phone: MARKERS[2], address: MARKERS[3] };

/** The text of each table row's cells (tags stripped), so a figure is read from the row that names it. */
function rowsOf(html: string): string[][] {
  return [...html.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) =>
      cell[1]!
        .replace(/<[^>]+>/g, '')
        .replace(/\s+/g, ' ')
        .trim(),
    ),
  );
}
const rowNamed = (html: string, name: string) => rowsOf(html).find((cells) => cells[0] === name);

beforeAll(async () => {
  t = await startTestApp();
  officer = await t.token('complaints_officer');
  panel = await t.token('scrutiny_panel');
  // February 2026 (reporting year 2025): upheld with £25 paid and a lesson, closed in the month.
  const upheld = await post(
    '/api/v1/complaints',
    complaintBody({ serviceArea: area, complainant, description: MARKERS[4], receivedAt: '2026-02-02T09:00:00Z' }),
  );
  await post(`/api/v1/complaints/${upheld.id}/acknowledgements`, {
    acknowledgedAt: '2026-02-04T09:00:00Z',
    handler,
    headsOfComplaint: ['Hedge'],
  });
  await post(`/api/v1/complaints/${upheld.id}/responses`, {
    respondedAt: '2026-02-11T09:00:00Z',
    decisions: [{ head: 'Hedge', outcome: 'upheld', reasons: MARKERS[4] }],
    remedies: { apology: true, actions: [], compensation: [{ amountPence: 2500, kind: 'time_and_trouble' }] },
  });
  await post(`/api/v1/complaints/${upheld.id}/compensation-payments`, {
    paidAt: '2026-02-13T09:00:00Z',
    amountPence: 2500,
    kind: 'time_and_trouble',
    method: 'bank transfer',
  });
  await post(`/api/v1/complaints/${upheld.id}/lessons`, {
    recordedAt: '2026-02-16T09:00:00Z',
    lesson: `Hedges need a cutting schedule; ${MARKERS[1]} asked twice`,
    improvementAction: 'Publish a grounds rota',
    owner: MARKERS[5],
    dueBy: '2026-03-31',
  });
  await post(`/api/v1/complaints/${upheld.id}/closure`, { closedAt: '2026-02-17T09:00:00Z', outcome: 'Upheld' });
  // Not upheld, extended, closed in February too.
  const extended = await post(
    '/api/v1/complaints',
    complaintBody({ serviceArea: area, complainant, receivedAt: '2026-02-03T09:00:00Z' }),
  );
  await post(`/api/v1/complaints/${extended.id}/acknowledgements`, {
    acknowledgedAt: '2026-02-04T09:00:00Z',
    handler,
    headsOfComplaint: ['Grass'],
  });
  await post(`/api/v1/complaints/${extended.id}/extensions`, {
    agreedAt: '2026-02-05T09:00:00Z',
    additionalWorkingDays: 5,
    reason: 'Awaiting contractor',
    residentInformed: true,
    ombudsmanDetailsGiven: true,
  });
  await post(`/api/v1/complaints/${extended.id}/responses`, {
    respondedAt: '2026-02-12T09:00:00Z',
    decisions: [{ head: 'Grass', outcome: 'not_upheld', reasons: 'Cut on schedule' }],
  });
  await post(`/api/v1/complaints/${extended.id}/closure`, {
    closedAt: '2026-02-20T09:00:00Z',
    outcome: 'Not upheld',
    lessonsNotApplicableReason: 'Handled as planned',
  });
  // Received 45 days ago and never acknowledged: overdue today and at the last month end.
  const receivedAt = new Date(Date.now() - 45 * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z');
  const waiting = await post('/api/v1/complaints', complaintBody({ serviceArea: area, complainant, receivedAt }));
  Object.assign(made, { upheld, extended, waiting });
});
afterAll(() => t?.close());

describe('the scrutiny panel home page', () => {
  it('shows the SLA position today and at each of the last 12 month ends, as the API counts them, with a chart and its table', async () => {
    const page = await get('/panel');
    expect(page.status).toBe(200);
    const dashboard = (await get('/api/v1/dashboards/sla')).body;
    expect(page.text).toContain(
      `there were <strong>${dashboard.open.total.toLocaleString('en-GB')}</strong> open complaints`,
    );
    expect(page.text).toContain(
      `<strong>${dashboard.complaintsOverdue.againstCode.toLocaleString('en-GB')}</strong> of them were overdue`,
    );
    expect(page.text).toMatch(
      /<svg class="landlord-chart"[^>]*role="img" aria-labelledby="caseload-chart-title caseload-chart-desc"/,
    );
    const months = rowsOf(page.text).filter(
      (cells) => /^[A-Z][a-z]+ \d{4}$/.test(cells[0] ?? '') && cells.length === 6,
    );
    expect(months).toHaveLength(12);
    // The last month end, as the monthly report (caseloadAt) counts it: the waiting complaint was overdue then.
    const last = months.at(-1)!;
    const [name, year] = last[0]!.split(' ');
    const month = `${year}-${String(new Date(`1 ${name} ${year}`).getMonth() + 1).padStart(2, '0')}`;
    const monthly = (await get(`/api/v1/panel/reports/monthly?month=${month}`)).body;
    expect(last.slice(1, 5)).toEqual(
      [
        monthly.openAtMonthEnd.total,
        monthly.openAtMonthEnd.stage1,
        monthly.openAtMonthEnd.stage2,
        monthly.overdueAtMonthEnd.complaints,
      ].map((n: number) => n.toLocaleString('en-GB')),
    );
    expect(monthly.overdueAtMonthEnd.complaints).toBeGreaterThanOrEqual(1);
  });

  it('gives TSM CH01 and CH02 for the year asked and the year before, and the year’s service areas, as the API reports them', async () => {
    const page = await get('/panel?year=2026');
    expect(page.status).toBe(200);
    const [current, previous] = [
      (await get('/api/v1/reports/tsm?year=2026')).body,
      (await get('/api/v1/reports/tsm?year=2025')).body,
    ];
    expect(rowNamed(page.text, 'CH01 stage 1 complaints received')?.slice(1)).toEqual(
      [current.ch01.stage1.count, previous.ch01.stage1.count].map(String),
    );
    expect(rowNamed(page.text, 'CH02 stage 1 responses issued')?.slice(1)).toEqual(
      [current.ch02.stage1.responded, previous.ch02.stage1.responded].map(String),
    );
    expect(previous.ch02.stage1.responded).toBeGreaterThanOrEqual(2);

    const lastYear = await get('/panel?year=2025');
    const annual = (await get('/api/v1/reports/annual?year=2025')).body;
    const ours = annual.byServiceArea.find((row: { serviceArea: string }) => row.serviceArea === area);
    expect(ours).toMatchObject({ outcomes: { responses: 2, upheld: 1, notUpheld: 1, upheldPercent: 50 } });
    expect(rowNamed(lastYear.text, area)).toEqual([area, String(ours.received), '2', '50%', '0%', '50%']);
  });

  it('answers a bad year with the page again, a GOV.UK error summary linked to the field, and status 400', async () => {
    const page = await get('/panel?year=last');
    expect(page.status).toBe(400);
    expect(page.text).toContain('There is a problem');
    expect(page.text).toContain('href="#year"');
    expect(page.text).toContain('Enter the year the reporting year starts in');
    expect(page.text).toContain('Where complaints stand today');
  });
});

describe('the lessons register page', () => {
  it('lists the lessons with their improvement action, due date and an honest “completion not recorded”, screened text only', async () => {
    const page = await get('/panel/lessons?from=2026-02-01&to=2026-02-28', officer);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Hedges need a cutting schedule; [redacted] asked twice');
    expect(page.text).toContain('Publish a grounds rota');
    expect(page.text).toContain('31 March 2026');
    expect(page.text).toContain('Completion not recorded (the due date has passed)');
    expect(page.text).not.toContain(MARKERS[5]);
    expect(page.text).not.toContain(made['upheld']!.reference);
  });

  it('refuses a date that is not real, or a range the wrong way round, naming the field', async () => {
    const bad = await get('/panel/lessons?from=2026-02-30');
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('href="#from"');
    expect(bad.text).toContain('Enter a real date');
    const backwards = await get('/panel/lessons?from=2026-03-01&to=2026-02-01');
    expect(backwards.status).toBe(400);
    expect(backwards.text).toContain('must be on or before');
  });
});

describe('the case sample page', () => {
  it('draws the same cases as the API, each with its case key and anonymised timeline; only staff get a reference', async () => {
    const api = (await get('/api/v1/panel/sample?period=2026-02&size=100')).body;
    const page = await get('/panel/sample?period=2026-02&size=100');
    expect(page.status).toBe(200);
    const keys = [...page.text.matchAll(/>Case ([0-9a-f]{16})</g)].map((m) => m[1]);
    expect(keys).toEqual(api.cases.map((c: { caseKey: string }) => c.caseKey));
    expect(keys.length).toBeGreaterThanOrEqual(2);
    expect(page.text).toContain('Day received</span> Complaint received');
    expect(page.text).toContain(
      'Stage 1 response, within the Code’s timescales: 1 upheld; an apology was given; £25.00 compensation offered',
    );
    expect(page.text).toMatch(/Working day \d+<\/span> Stage 1 extended by 5 working days/);
    expect(page.text).toContain('£25.00 compensation paid (time and trouble)');
    expect(page.text).not.toContain(made['upheld']!.reference);
    expect(await get('/panel/sample?period=2026-02&size=100')).toMatchObject({ text: page.text });

    const staff = await get('/panel/sample?period=2026-02&size=100', officer);
    expect(staff.text).toContain(`href="/complaints/${made['upheld']!.id}">${made['upheld']!.reference}</a>`);
  });

  it('refuses a bad period and size together, each linked to its field', async () => {
    const page = await get('/panel/sample?period=2026-13&size=0');
    expect(page.status).toBe(400);
    expect(page.text).toContain('href="#period"');
    expect(page.text).toContain('href="#size"');
    expect(page.text).not.toContain('>Case ');
  });
});

describe('the monthly report, as a page and as a PDF', () => {
  it('shows the month as the API reports it, with the month’s lessons, and prints without its menus', async () => {
    const report = (await get('/api/v1/panel/reports/monthly?month=2026-02')).body;
    const page = await get('/panel/monthly?month=2026-02');
    expect(page.status).toBe(200);
    expect(page.text).toContain(
      'Complaints monthly report <span class="govuk-caption-m">February 2026: 1 February 2026 to 28 February 2026</span>',
    );
    expect(rowNamed(page.text, 'Received')?.[1]).toBe(report.volumes.received.toLocaleString('en-GB'));
    expect(rowNamed(page.text, 'Closed')?.[1]).toBe(report.volumes.closed.toLocaleString('en-GB'));
    expect(page.text).toContain('Hedges need a cutting schedule; [redacted] asked twice');
    expect(page.text).toContain('href="/panel/monthly.pdf?month=2026-02"');
    const css = await t.http.get(/href="(\/assets\/pages-[0-9a-f]+\.css)"/.exec(page.text)![1]!);
    expect(css.text).toMatch(/@media print\s*\{[^}]*\.landlord-no-print/);
  });

  it('gives the same report as an A4 PDF, and a bad month as a page that says what to enter', async () => {
    const pdf = await get('/panel/monthly.pdf?month=2026-02')
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = await pdfText(pdf.body as Buffer);
    expect(text).toContain('Complaints monthly report: February 2026');
    expect(text).toContain('Hedges need a cutting schedule; [redacted] asked twice');
    expect(text).toContain('Compensation paid');
    for (const marker of MARKERS) expect(text).not.toContain(marker);

    const bad = await get('/panel/monthly?month=2026-2');
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('href="#month"');
    const badPdf = await get('/panel/monthly.pdf?month=never');
    expect(badPdf.status).toBe(400);
    expect(badPdf.headers['content-type']).toMatch(/^text\/html/);
  });
});

describe('who may read the panel pages', () => {
  const pages = [
    '/panel',
    '/panel/lessons',
    '/panel/sample?period=2026-02',
    '/panel/monthly?month=2026-02',
    '/panel/monthly.pdf?month=2026-02',
  ];

  it('lets managers, officers, auditors and panel members in, and no one else', async () => {
    for (const role of ['complaints_manager', 'auditor'] as const)
      expect((await get('/panel', await t.token(role))).status).toBe(200);
    for (const role of ['admin', 'integration'] as const) {
      const token = await t.token(role);
      for (const path of pages) expect((await get(path, token)).status, `${role} ${path}`).toBe(403);
    }
  });

  it('never shows a panel member a name, contact detail, address, reference or the free text of a case', async () => {
    for (const path of [
      ...pages.slice(0, 4),
      '/panel?year=2025',
      '/panel/lessons?from=2026-01-01&to=2026-03-31',
      '/panel/sample?period=2025&size=100',
    ]) {
      const page = await get(path);
      expect(page.status, path).toBe(200);
      for (const marker of MARKERS) expect(page.text, `${path} shows ${marker}`).not.toContain(marker);
      for (const c of Object.values(made)) {
        expect(page.text, path).not.toContain(c.reference);
        expect(page.text, path).not.toContain(c.id);
      }
      expect(page.text).not.toContain(handler.name);
    }
  });
});
