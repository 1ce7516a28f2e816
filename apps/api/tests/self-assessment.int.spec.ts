import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CODE_PROVISIONS } from '@complaints/domain';
import { startTestApp, uniqueServiceArea, type TestApp } from './support/test-app';
import { recordSelfAssessmentYear } from './support/self-assessment-year';

/**
 * The self-assessment against the Complaint Handling Code (docs/complaint-handling-code.md):
 * statements recorded by managers on the year's governance stream, the form read by every report
 * reader, its computed evidence exact for a hand-worked year, the complaints behind a figure,
 * and the form as CSV and PDF. On the embedded store of its own (DATABASE_URL left out), so the
 * year's figures are this file's alone.
 */
let t: TestApp;
let officer: string;
let manager: string;
let auditor: string;
let panel: string;
let integration: string;
let made: Record<string, { id: string; reference: string }> = {};

beforeAll(async () => {
  t = await startTestApp({ DATABASE_URL: '', ORG_NAME: 'Northfield Homes' });
  officer = await t.token('complaints_officer');
  manager = await t.token('complaints_manager', 'u-207');
  auditor = await t.token('auditor');
  panel = await t.token('scrutiny_panel');
  integration = await t.token('integration');
  made = await recordSelfAssessmentYear(t, officer, manager, uniqueServiceArea('self-assessment'));
}, 120_000);
afterAll(() => t?.close());

const get = (path: string, token: string) => t.http.get(path).auth(token, { type: 'bearer' });
const record = (body: Record<string, unknown>, token = manager, year = '2025') =>
  t.http.post(`/api/v1/reports/self-assessment/${year}/statements`).auth(token, { type: 'bearer' }).send(body);

describe('the self-assessment form of a year', () => {
  it('has one entry per Code provision, keyed by its number, with the evidence computed from the hand-worked year', async () => {
    const res = await get('/api/v1/reports/self-assessment?year=2025', auditor);
    expect(res.status).toBe(200);
    const { year, provisions } = res.body;
    expect(year).toBe(2025);
    expect(Object.keys(provisions)).toEqual(CODE_PROVISIONS.map((p) => p.provision));
    expect(provisions['6.2']).toMatchObject({
      provision: '6.2',
      section: 6,
      sectionTitle: 'Complaint stages',
      requirement: expect.stringMatching(/within five working days/),
      evidence: {
        summary:
          'Stage 1 acknowledgements made in the year within five working days: 3 of 4 (75%). A complaint not acknowledged at all is not counted here; the SLA dashboard lists those overdue.',
        figures: { acknowledged: 4, withinFiveWorkingDays: 3, late: 1, percentWithin: 75 },
        complaints: '/api/v1/reports/self-assessment/2025/complaints?provision=6.2&met=false',
      },
    });
    expect(provisions['5.6'].evidence.figures).toMatchObject({
      acknowledged: 5,
      withHeadsOfComplaint: 5,
      withOutcomesSought: 3,
      percentWithOutcomesSought: 60,
    });
    expect(provisions['6.3'].evidence.figures).toEqual({
      responded: 3,
      withinCodeTimescales: 2,
      outside: 1,
      percentWithin: 66.7,
    });
    expect(provisions['6.11'].evidence.figures).toEqual({
      acknowledged: 1,
      withinFiveWorkingDays: 1,
      late: 0,
      percentWithin: 100,
    });
    expect(provisions['6.14'].evidence.figures).toEqual({
      responded: 1,
      withinCodeTimescales: 1,
      outside: 0,
      percentWithin: 100,
    });
    expect(provisions['6.4'].evidence.figures).toEqual({
      extensionsAgreed: 3,
      beyondCodeLimit: 1,
      beyondCodeLimitWithGoodReason: 1,
      beyondCodeLimitWithoutGoodReason: 0,
      agreedAfterCodeTarget: 0,
    });
    expect(provisions['2.4'].evidence.figures).toMatchObject({ refused: 1, byGround: { legal_proceedings: 1 } });
    expect(provisions['7.1'].evidence.figures).toMatchObject({
      responses: 4,
      upheldInWholeOrPart: 3,
      upheldWithApology: 2,
      compensationOfferedPence: 5000,
    });
    expect(provisions['9.1'].evidence.figures).toEqual({ lessonsRecorded: 1, withImprovementAction: 1 });
    expect(provisions['1.2']).toMatchObject({ statement: null, superseded: [], evidence: null });
  });

  it('the complaints behind a figure: the late acknowledgement is B, for officers and auditors, never panels', async () => {
    const late = await get('/api/v1/reports/self-assessment/2025/complaints?provision=6.2&met=false', officer);
    expect(late.status).toBe(200);
    expect(late.body).toMatchObject({ year: 2025, provision: '6.2', met: false, count: 1, next: null });
    expect(late.body.complaints).toEqual([
      {
        complaintId: made['b']?.id,
        reference: made['b']?.reference,
        receivedOn: '2025-06-02',
        stage: 1,
        on: '2025-06-10',
        met: false,
        workingDays: 6,
      },
    ]);
    expect((await get('/api/v1/reports/self-assessment/2025/complaints?provision=6.2', auditor)).body.count).toBe(4);
    const pages = await get('/api/v1/reports/self-assessment/2025/complaints?provision=6.2&limit=3', auditor);
    expect(pages.body.complaints).toHaveLength(3);
    const rest = await get(
      `/api/v1/reports/self-assessment/2025/complaints?provision=6.2&limit=3&after=${pages.body.next}`,
      auditor,
    );
    expect(rest.body.complaints).toHaveLength(1);
    expect(rest.body.next).toBeNull();
    const extensions = (await get('/api/v1/reports/self-assessment/2025/complaints?provision=6.4', officer)).body
      .complaints;
    expect(
      extensions
        .map((c: { complaintId: string; beyondCodeLimit: boolean }) => [c.complaintId, c.beyondCodeLimit])
        .sort(),
    ).toEqual(
      [
        [made['b']?.id, false],
        [made['c']?.id, false],
        [made['c']?.id, true],
      ].sort(),
    );
    expect((await get('/api/v1/reports/self-assessment/2025/complaints?provision=6.2', panel)).status).toBe(403);
  });

  it('refuses a bad drill-down naming the field', async () => {
    const bad = await get('/api/v1/reports/self-assessment/2025/complaints?provision=1.2&met=maybe&limit=0', officer);
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['limit', 'met', 'provision']);
    const noSplit = await get('/api/v1/reports/self-assessment/2025/complaints?provision=2.4&met=false', officer);
    expect(noSplit.status).toBe(400);
    expect(noSplit.body.errors).toEqual([{ field: 'met', message: expect.stringMatching(/does not apply/) }]);
    const cursor = await get('/api/v1/reports/self-assessment/2025/complaints?provision=6.2&after=nonsense', officer);
    expect(cursor.body.errors).toEqual([{ field: 'after', message: 'must be the `next` of an earlier page' }]);
    expect((await get('/api/v1/reports/self-assessment?year=twenty', officer)).body.errors[0].field).toBe('year');
  });
});

describe("recording the landlord's statements", () => {
  it('a manager records a statement, a newer one supersedes it keeping the history, the same words again append nothing', async () => {
    const first = await record({
      provision: '6.2',
      compliance: 'partly_compliant',
      statement: 'Policy 4.1 sets five working days; one in four was late in June 2025.',
      actionsPlanned: 'Daily check of unacknowledged complaints from May 2026; ask complaints@example.org.',
      recordedAt: '2026-03-01T10:00:00Z',
    });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({
      id: 'self-assessment-2025',
      year: 2025,
      provision: '6.2',
      version: 1,
      events: ['SelfAssessmentStatementRecorded'],
    });
    expect(first.headers['etag']).toBe(`"${first.body.revision}"`);
    const second = await record({
      provision: '6.2',
      compliance: 'compliant',
      statement: 'Acknowledgements are checked daily since March 2026.',
      commentary: 'June 2025 was short-staffed.',
    });
    expect(second.body).toMatchObject({ version: 2, revision: first.body.revision + 1 });
    const again = await record({
      provision: '6.2',
      compliance: 'compliant',
      statement: 'Acknowledgements are checked daily since March 2026.',
      commentary: 'June 2025 was short-staffed.',
    });
    expect(again.body).toMatchObject({ version: 2, revision: second.body.revision, events: [] });

    const entry = (await get('/api/v1/reports/self-assessment?year=2025', officer)).body.provisions['6.2'];
    expect(entry.statement).toMatchObject({
      version: 2,
      compliance: 'compliant',
      statement: 'Acknowledgements are checked daily since March 2026.',
      commentary: 'June 2025 was short-staffed.',
      actionsPlanned: null,
      recordedBy: { id: 'u-207', name: 'Test u-207' },
    });
    expect(entry.superseded).toMatchObject([
      { version: 1, compliance: 'partly_compliant', statedAt: '2026-03-01T10:00:00Z' },
    ]);
    expect(entry.evidence.figures.acknowledged).toBe(4);
  });

  it('only managers record: officers, auditors and panels get 403', async () => {
    const body = {
      provision: '5.6',
      compliance: 'compliant',
      statement: 'Heads of complaint are required at acknowledgement.',
    };
    for (const token of [officer, auditor, panel]) expect((await record(body, token)).status).toBe(403);
  });

  it('refuses an unknown provision, a year out of range and missing actions planned (409 with the rule)', async () => {
    const unknown = await record({ provision: '6.99', compliance: 'compliant', statement: 'x' });
    expect(unknown.status).toBe(409);
    expect(unknown.body.type).toMatch(/self-assessment-unknown-provision$/);
    const early = await record({ provision: '6.2', compliance: 'compliant', statement: 'x' }, manager, '2023');
    expect(early.body.type).toMatch(/self-assessment-year-out-of-range$/);
    const noPlan = await record({ provision: '6.3', compliance: 'not_compliant', statement: 'Responses are late.' });
    expect(noPlan.status).toBe(409);
    expect(noPlan.body.type).toMatch(/self-assessment-actions-planned-required$/);
  });

  it('refuses bad input naming each field', async () => {
    const res = await record({ provision: 'six', compliance: 'yes', statement: '  ', extra: 1 });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'compliance',
      'extra',
      'provision',
      'statement',
    ]);
    expect(
      (await record({ provision: '6.2', compliance: 'compliant', statement: 'x' }, manager, '20x5')).body.errors[0]
        .field,
    ).toBe('year');
  });
});

describe('who reads it', () => {
  it('panels read the form screened, without staff names or lists of complaints; integrations cannot', async () => {
    const res = await get('/api/v1/reports/self-assessment?year=2025', panel);
    expect(res.status).toBe(200);
    const text = JSON.stringify(res.body);
    expect(text).not.toContain('Test u-207');
    expect(text).not.toContain('complaints@example.org');
    expect(text).not.toContain('/complaints?provision=');
    expect(res.body.provisions['6.2'].evidence.figures.acknowledged).toBe(4);
    for (const { reference } of Object.values(made)) expect(text).not.toContain(reference);
    expect((await get('/api/v1/reports/self-assessment?year=2025', integration)).status).toBe(403);
  });
});

describe("the Ombudsman's form as CSV and PDF", () => {
  it("CSV: the form's columns, a row per provision in order", async () => {
    const res = await t.http
      .get('/api/v1/reports/self-assessment?year=2025')
      .set('Accept', 'text/csv')
      .auth(manager, { type: 'bearer' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const lines = res.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'Section,Code provision,Code requirement,Comply,Evidence,Evidence computed from the complaints record,Commentary / explanation,Action planned,Statement version,Stated on',
    );
    const row62 = lines.find((line) => line.startsWith('6. Complaint stages,6.2,'));
    expect(row62).toContain(
      ',Yes,Acknowledgements are checked daily since March 2026.,Stage 1 acknowledgements made in the year within five working days: 3 of 4 (75%). A complaint not acknowledged at all is not counted here; the SLA dashboard lists those overdue.,June 2025 was short-staffed.,,2,',
    );
    expect(lines.find((line) => line.startsWith('1. Definition of a complaint,1.2,'))).toContain(',Not yet assessed,');
  });

  it('PDF: an A4 document, also for panels; rendered into docs/examples with RENDER_EXAMPLES=1', async () => {
    const res = await t.http
      .get('/api/v1/reports/self-assessment?year=2025&format=pdf')
      .auth(panel, { type: 'bearer' })
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = res.body as Buffer;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(
      (
        await t.http
          .get('/api/v1/reports/self-assessment?year=2025')
          .set('Accept', 'image/png')
          .auth(panel, { type: 'bearer' })
      ).status,
    ).toBe(406);
    if (process.env['RENDER_EXAMPLES']) {
      // A fuller form for the example: a few more provisions assessed, one of each answer.
      const examples = [
        {
          provision: '1.2',
          compliance: 'compliant',
          statement: "Complaints policy 2.1 uses the Code's definition word for word; published on our website.",
        },
        {
          provision: '5.4',
          compliance: 'not_applicable',
          statement: 'No contractor or third party responds to complaints on our behalf.',
        },
        {
          provision: '5.6',
          compliance: 'partly_compliant',
          statement:
            'Every acknowledgement records the heads of complaint; the outcomes sought are not always recorded.',
          actionsPlanned: 'Outcomes sought made a required field of the acknowledgement form by June 2026.',
        },
        {
          provision: '6.3',
          compliance: 'not_compliant',
          statement: "One stage 1 response in three was outside the Code's timescale.",
          commentary: 'A backlog after the June storms.',
          actionsPlanned: 'Weekly review of responses due within five days; extra officer from April 2026.',
        },
        {
          provision: '8.1',
          compliance: 'compliant',
          statement:
            'The annual complaints performance and service improvement report includes this self-assessment and goes to the Board in June.',
        },
      ];
      for (const body of examples) expect((await record(body)).status).toBe(200);
      const dir = join(__dirname, '../../../docs/examples');
      mkdirSync(dir, { recursive: true });
      const staffPdf = await t.http
        .get('/api/v1/reports/self-assessment?year=2025&format=pdf')
        .auth(manager, { type: 'bearer' })
        .buffer(true)
        .parse((r, done) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => done(null, Buffer.concat(chunks)));
        });
      writeFileSync(join(dir, 'self-assessment-2025.pdf'), staffPdf.body as Buffer);
      const csv = await t.http
        .get('/api/v1/reports/self-assessment?year=2025&format=csv')
        .auth(manager, { type: 'bearer' });
      writeFileSync(join(dir, 'self-assessment-2025.csv'), csv.text);
    }
  });
});

describe('once published with the annual report', () => {
  it('is the published record: no statement changes it (409 self-assessment-published), and the public copy is served', async () => {
    const write = (path: string, body: Record<string, unknown>) =>
      t.http.post(path).auth(manager, { type: 'bearer' }).send(body);
    expect(
      (
        await write('/api/v1/reports/annual/2025/governing-body-response', {
          body: 'Board',
          response: 'The Board accepts the report.',
          respondedAt: '2026-06-18T17:00:00Z',
        })
      ).status,
    ).toBe(200);
    expect(
      (await write('/api/v1/reports/annual/2025/publication', { publishedAt: '2026-06-30T09:00:00Z' })).status,
    ).toBe(200);
    const before = (await t.http.get('/api/v1/public/self-assessment?year=2025')).body as {
      provisions: Record<string, { statement: { statement: string } | null }>;
    };

    const refused = await record({
      provision: '6.2',
      compliance: 'compliant',
      statement: 'Changed after publication.',
    });
    expect(refused.status).toBe(409);
    expect(refused.body.rule).toBe('self-assessment-published');
    const after = (await t.http.get('/api/v1/public/self-assessment?year=2025')).body as typeof before;
    expect(after.provisions['6.2']?.statement).toEqual(before.provisions['6.2']?.statement);
  });
});
