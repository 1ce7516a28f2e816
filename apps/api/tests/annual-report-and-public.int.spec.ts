import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complaintBody, startTestApp, uniqueServiceArea, type TestApp } from './support/test-app';

/**
 * The annual report as a document, the governing body's response and publication, the Member
 * Responsible for Complaints' report, and the published performance anyone may read without a
 * token. A reporting year of its own (chosen at random in the past), so a shared database's other
 * suites (and earlier runs) cannot have published it already.
 */
let t: TestApp;
let officer: string;
let manager: string;
let panel: string;
const YEAR = 1960 + Math.floor(Math.random() * 60);
const housing = uniqueServiceArea('housing');
const gardens = uniqueServiceArea('gardens');
// A resident no output may ever name.
const RESIDENT = {
  name: 'Zebedee Quixotic-Fairweather',
  email: 'zebedee.qf@example.org',
  phone: '0161 496 0777',
  address: '7 Marigold Terrace',
};
const PERSONAL = ['Zebedee', 'Quixotic', 'Fairweather', 'zebedee.qf@example.org', '0161 496 0777', 'Marigold'];
const made: { id: string; reference: string }[] = [];
const handler = { id: 'u-7', name: 'Robin Handler' };
const at = (monthDay: string) => `${YEAR}-${monthDay}T09:00:00Z`;

beforeAll(async () => {
  t = await startTestApp({ ORG_HOMES: '5000' });
  officer = await t.token('complaints_officer');
  manager = await t.token('complaints_manager');
  panel = await t.token('scrutiny_panel');
  const post = async (path: string, body: Record<string, unknown>) => {
    const res = await t.http.post(path).auth(officer, { type: 'bearer' }).send(body);
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
    return res.body as { id: string; reference: string };
  };
  // Six housing complaints (one the distinctive resident's, answered with a lesson naming them), two about gardens.
  for (let i = 0; i < 6; i++) {
    made.push(
      await post(
        '/api/v1/complaints',
        complaintBody({ serviceArea: housing, receivedAt: at('06-02'), ...(i === 0 ? { complainant: RESIDENT } : {}) }),
      ),
    );
  }
  for (let i = 0; i < 2; i++)
    made.push(await post('/api/v1/complaints', complaintBody({ serviceArea: gardens, receivedAt: at('07-01') })));
  const first = made[0]!;
  await post(`/api/v1/complaints/${first.id}/acknowledgements`, {
    acknowledgedAt: at('06-03'),
    handler,
    headsOfComplaint: ['Damp'],
  });
  await post(`/api/v1/complaints/${first.id}/responses`, {
    respondedAt: at('06-10'),
    decisions: [{ head: 'Damp', outcome: 'upheld', reasons: 'The survey was late' }],
    remedies: { apology: true },
  });
  await post(`/api/v1/complaints/${first.id}/lessons`, {
    recordedAt: at('06-12'),
    lesson: 'Zebedee Quixotic-Fairweather waited six weeks for a damp survey',
    improvementAction: 'Damp surveys booked within 10 working days of a report',
    owner: 'Repairs Lead',
  });
  // The lesson's improvement action, planned and made within the year.
  await post(`/api/v1/complaints/${first.id}/lessons/L1/plan`, {
    plannedAt: at('06-13'),
    owner: 'Repairs Lead',
    dueBy: `${YEAR}-09-30`,
  });
  await post(`/api/v1/complaints/${first.id}/lessons/L1/completion`, {
    completedAt: at('08-01'),
    whatChanged: 'Damp surveys are now booked by the contact centre on the first call',
    evidence: 'Booking rule DS-1 live; Zebedee Quixotic-Fairweather told',
  });
  // Feedback that is not a complaint: two compliments (one naming the resident who gave it) and a service request.
  const feedback = (body: Record<string, unknown>) =>
    post('/api/v1/feedback', { receivedAt: at('07-02'), channel: 'telephone', serviceArea: housing, ...body });
  await feedback({
    kind: 'compliment',
    summary: 'Zebedee Quixotic-Fairweather thanks the plumber',
    staffMember: 'Robin Handler',
    from: { name: RESIDENT.name, contact: RESIDENT.phone },
  });
  await feedback({ kind: 'compliment', summary: 'Thanks for the quick gas check' });
  await feedback({ kind: 'service_request', summary: 'Please fix the gate latch' });
});
afterAll(() => t?.close());

const get = (path: string, token?: string) =>
  token ? t.http.get(path).auth(token, { type: 'bearer' }) : t.http.get(path);
const write = (path: string, body: Record<string, unknown>, token = manager) =>
  t.http.post(path).auth(token, { type: 'bearer' }).send(body);
const text = (res: { text?: string; body: unknown }) => res.text ?? JSON.stringify(res.body);

function expectNothingPersonal(body: string) {
  for (const word of [...PERSONAL, ...made.flatMap((m) => [m.id, m.reference]), 'Repairs Lead', 'Robin Handler'])
    expect(body).not.toContain(word);
}

describe('published performance (no token)', () => {
  it('answers without a token with aggregates only, small numbers suppressed, nothing changed listed before publication', async () => {
    const res = await get(`/api/v1/public/performance?year=${YEAR}`);
    expect(res.status, text(res)).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    expect(res.body.year).toBe(YEAR);
    expect(res.body.tsm.ch01.stage1.count).toBeGreaterThanOrEqual(8);
    expect(res.body.tsm.ch02.stage1.responded).toBeGreaterThanOrEqual(1);
    const cells = res.body.complaintsByServiceArea.cells as { serviceArea: string; received: unknown }[];
    // Gardens' 2 is fewer than 5; one small cell alone would come back by subtraction, so the next smallest is withheld too.
    expect(cells.find((c) => c.serviceArea === gardens)?.received).toBe('fewer than 5');
    expect(cells.find((c) => c.serviceArea === housing)?.received).toBe('withheld');
    expect(res.body.complaintsByServiceArea.total).toBe('withheld');
    expect(res.body.whatChanged).toEqual([]);
    expect(res.body.annualReport).toEqual({ published: false, publishedAt: null, governingBody: null, url: null });
    expectNothingPersonal(text(res));
  });

  it('names `year` when it is not a reporting year', async () => {
    for (const year of ['last', '20255', '1200']) {
      const res = await get(`/api/v1/public/performance?year=${year}`);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.errors).toEqual([{ field: 'year', message: expect.any(String) }]);
    }
  });

  it('serves no annual report nor self-assessment before they are published', async () => {
    const res = await get(`/api/v1/public/annual-report?year=${YEAR}`);
    expect(res.status).toBe(404);
    expect(res.body.detail).toContain('not been published');
    const assessment = await get(`/api/v1/public/self-assessment?year=${YEAR}`);
    expect(assessment.status).toBe(404);
    expect(assessment.body.detail).toContain('published with that year');
    expect((await get(`/api/v1/public/performance?year=${YEAR}`)).body.selfAssessment).toBeNull();
  });
});

describe("the annual report, the governing body's response and publication", () => {
  it('is a draft document for report readers until published, in JSON, HTML and PDF', async () => {
    const json = await get(`/api/v1/reports/annual/document?year=${YEAR}&format=json`, panel);
    expect(json.status, text(json)).toBe(200);
    expect(json.body.title).toMatch(/^Draft: Annual complaints performance and service improvement report/);
    const headings = (json.body.sections as { heading: string }[]).map((s) => s.heading);
    expect(headings).toEqual(
      expect.arrayContaining([
        'The Housing Ombudsman',
        'What we learned and what we changed',
        'The governing body’s response',
      ]),
    );
    // From the other records of the year: feedback, the self-assessment, improvements made.
    expect(headings).toEqual(
      expect.arrayContaining([
        'Other feedback from residents',
        'Self-assessment against the Complaint Handling Code',
        'Improvements made',
      ]),
    );
    const section = (heading: string) =>
      (
        json.body.sections as {
          heading: string;
          rows?: { label: string; value: string }[];
          entries?: { title: string; text: string }[];
          paragraphs?: string[];
        }[]
      ).find((s) => s.heading === heading);
    expect(section('Other feedback from residents')?.rows).toEqual(
      expect.arrayContaining([
        { label: 'Compliments', value: '2' },
        { label: 'Service requests', value: '1' },
      ]),
    );
    expect(section('Improvements made')?.entries).toEqual([
      {
        title: expect.stringContaining(housing),
        text: 'Damp surveys are now booked by the contact centre on the first call',
      },
    ]);
    // No statement can be recorded for a year before the Code (2024): the report says it is missing.
    expect(section('Self-assessment against the Complaint Handling Code')?.paragraphs?.[0]).toContain(
      'has not been recorded yet',
    );
    const lessons = (json.body.sections as { heading: string; entries?: { text: string }[] }[]).find(
      (s) => s.heading === 'What we learned and what we changed',
    );
    expect(lessons?.entries?.some((e) => e.text.includes('Damp surveys booked within 10 working days'))).toBe(true);
    expectNothingPersonal(text(json));

    const html = await get(`/api/v1/reports/annual/document?year=${YEAR}`, manager).set('Accept', 'text/html');
    expect(html.status).toBe(200);
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.text).toContain('Draft: Annual complaints performance');
    expectNothingPersonal(html.text);

    const pdf = await get(`/api/v1/reports/annual/document?year=${YEAR}`, manager).buffer(true);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toContain(`annual-complaints-report-${YEAR}-draft.pdf`);
  });

  it('is written by managers only', async () => {
    expect(
      (
        await write(
          `/api/v1/reports/annual/${YEAR}/governing-body-response`,
          { body: 'Board', response: 'Noted.' },
          officer,
        )
      ).status,
    ).toBe(403);
    expect((await write(`/api/v1/reports/annual/${YEAR}/publication`, {}, panel)).status).toBe(403);
    expect((await t.http.post(`/api/v1/reports/annual/${YEAR}/publication`).send({})).status).toBe(401);
  });

  it('validates the year and the body, naming the field', async () => {
    const badYear = await write('/api/v1/reports/annual/twenty/governing-body-response', {
      body: 'Board',
      response: 'Noted.',
    });
    expect(badYear.status).toBe(400);
    expect(badYear.body.errors).toEqual([{ field: 'year', message: expect.any(String) }]);
    const blank = await write(`/api/v1/reports/annual/${YEAR}/governing-body-response`, {
      body: 'Board',
      response: '  ',
    });
    expect(blank.body.errors).toEqual([{ field: 'response', message: 'must not be blank' }]);
  });

  it("refuses publication without the governing body's response, then publishes once with it", async () => {
    const early = await write(`/api/v1/reports/annual/${YEAR}/publication`, {});
    expect(early.status).toBe(409);
    expect(early.body.rule).toBe('governing-body-response-required');

    const response =
      'The Board has considered this report.\n\nIt asks for damp surveys to be reported to it each quarter.';
    const recorded = await write(`/api/v1/reports/annual/${YEAR}/governing-body-response`, {
      body: 'Board',
      response,
      respondedAt: `${YEAR + 1}-06-18T17:00:00Z`,
    });
    expect(recorded.status, text(recorded)).toBe(200);
    expect(recorded.body).toMatchObject({
      year: YEAR,
      revision: 1,
      events: ['GoverningBodyResponseRecorded'],
      published: false,
    });

    const published = await write(`/api/v1/reports/annual/${YEAR}/publication`, {
      publishedAt: `${YEAR + 1}-06-30T09:00:00Z`,
    });
    expect(published.status, text(published)).toBe(200);
    expect(published.body).toMatchObject({ revision: 2, events: ['AnnualReportPublished'], published: true });

    expect((await write(`/api/v1/reports/annual/${YEAR}/publication`, {})).body.rule).toBe(
      'annual-report-already-published',
    );
    expect(
      (await write(`/api/v1/reports/annual/${YEAR}/governing-body-response`, { body: 'Board', response: 'Changed.' }))
        .body.rule,
    ).toBe('annual-report-already-published');
  });

  it('once published: the public report with the response, and what changed, to anyone without a token', async () => {
    const html = await get(`/api/v1/public/annual-report?year=${YEAR}&format=html`);
    expect(html.status, html.text).toBe(200);
    expect(html.text).toContain('The response of the Board');
    expect(html.text).toContain('It asks for damp surveys to be reported to it each quarter.');
    expect(html.text).not.toContain('Draft');
    expectNothingPersonal(html.text);

    const pdf = await get(`/api/v1/public/annual-report?year=${YEAR}`).buffer(true);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');

    const performance = await get(`/api/v1/public/performance?year=${YEAR}`);
    expect(performance.body.annualReport).toEqual({
      published: true,
      publishedAt: `${YEAR + 1}-06-30T09:00:00Z`,
      governingBody: 'Board',
      url: `/api/v1/public/annual-report?year=${YEAR}`,
    });
    expect(performance.body.selfAssessment).toEqual({ url: `/api/v1/public/self-assessment?year=${YEAR}` });
    const assessment = await get(`/api/v1/public/self-assessment?year=${YEAR}`);
    expect(assessment.status, text(assessment)).toBe(200);
    expect(assessment.body.provisions['6.2']).toMatchObject({ provision: '6.2', statement: null });
    // As a panel reads it: no list of the complaints behind a figure.
    expect(JSON.stringify(assessment.body)).not.toContain('/complaints?provision=');
    expectNothingPersonal(text(assessment));
    const csv = await get(`/api/v1/public/self-assessment?year=${YEAR}`).set('Accept', 'text/csv');
    expect(csv.status).toBe(200);
    expect(csv.text.split('\n')[0]).toContain('Code requirement');
    expect(performance.body.whatChanged).toEqual([
      {
        serviceArea: housing,
        recordedOn: `${YEAR}-06-12`,
        lesson: expect.stringContaining('waited six weeks for a damp survey'),
        change: 'Damp surveys are now booked by the contact centre on the first call',
        madeOn: `${YEAR}-08-01`,
      },
    ]);
    expectNothingPersonal(text(performance));
  });
});

describe('the report to the Member Responsible for Complaints', () => {
  it("gives a quarter's aggregates and screened lessons, in JSON, HTML and PDF", async () => {
    const res = await get(`/api/v1/reports/member-responsible?quarter=${YEAR}-Q1`, panel);
    expect(res.status, text(res)).toBe(200);
    expect(res.body.quarter).toBe(`${YEAR}-Q1`);
    expect(res.body.period).toEqual({ from: `${YEAR}-04-01`, to: `${YEAR}-06-30` });
    expect(res.body.volumes.received).toBeGreaterThanOrEqual(6);
    expect(res.body.timeliness.stage1.responded).toBeGreaterThanOrEqual(1);
    expect(res.body.lessonsRecorded).toContainEqual(
      expect.objectContaining({
        serviceArea: housing,
        improvementAction: 'Damp surveys booked within 10 working days of a report',
      }),
    );
    expectNothingPersonal(text(res));
    // The gardens complaints came in July: the second quarter.
    const q2 = await get(`/api/v1/reports/member-responsible?quarter=${YEAR}-Q2`, panel);
    expect(q2.body.byServiceArea).toContainEqual(expect.objectContaining({ serviceArea: gardens, received: 2 }));

    const html = await get(`/api/v1/reports/member-responsible?quarter=${YEAR}-Q1&format=html`, manager);
    expect(html.text).toContain('Complaints report to the Member Responsible for Complaints');
    expectNothingPersonal(html.text);
    const pdf = await get(`/api/v1/reports/member-responsible?quarter=${YEAR}-Q1`, manager)
      .set('Accept', 'application/pdf')
      .buffer(true);
    expect(pdf.headers['content-type']).toBe('application/pdf');
  });

  it('names `quarter` when it is not a quarter of a reporting year', async () => {
    for (const quarter of ['2025-Q5', '2025-07', 'Q3']) {
      const res = await get(`/api/v1/reports/member-responsible?quarter=${quarter}`, manager);
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ field: 'quarter', message: expect.stringContaining('YYYY-Qn') }]);
    }
    expect((await get('/api/v1/reports/member-responsible')).status).toBe(401);
  });
});
