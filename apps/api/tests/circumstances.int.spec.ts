import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complaintBody, startTestApp, type TestApp } from './support/test-app';

/**
 * Circumstances and keeping informed over HTTP (docs/api.md, "Circumstances"): vulnerabilities
 * and reasonable adjustments recorded and reviewed, the case list's vulnerable filter, what the
 * case shows officers and what never reaches the chronology or a panel, the update interval, and
 * equality monitoring reported only in aggregate with small numbers suppressed.
 */
let t: TestApp;
let officer: string;
let manager: string;
let panel: string;
let admin: string;

/** Special-category words that must never leave the case view. */
const DETAILS = 'Macular degeneration since 2019';
const ADJUSTMENT = 'Letters in 16pt Arial for Mrs Okoro';

const post = (path: string, body: unknown, token = officer) =>
  t.http
    .post(`/api/v1${path}`)
    .auth(token, { type: 'bearer' })
    .send(body as object);
const get = (path: string, token = officer) => t.http.get(`/api/v1${path}`).auth(token, { type: 'bearer' });

async function receive(receivedAt = '2026-03-02T09:15:00Z'): Promise<string> {
  const created = await post('/complaints', complaintBody({ receivedAt }));
  expect(created.status).toBe(201);
  return created.body.id as string;
}

let vulnerable: string;
let other: string;

beforeAll(async () => {
  t = await startTestApp();
  officer = await t.token('complaints_officer');
  manager = await t.token('complaints_manager');
  panel = await t.token('scrutiny_panel');
  admin = await t.token('admin', 'dpo-1');
  vulnerable = await receive();
  other = await receive();
}, 60_000);

afterAll(async () => {
  await t?.close();
});

describe('vulnerabilities and reasonable adjustments', () => {
  it('are recorded, numbered, and shown to officers on the case with how letters must look', async () => {
    const recorded = await post(`/complaints/${vulnerable}/vulnerabilities`, {
      recordedAt: '2026-03-03T10:00:00Z',
      categories: ['disability', 'age'],
      details: DETAILS,
    });
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(200);
    expect(recorded.body.events).toEqual(['VulnerabilityRecorded']);
    const agreed = await post(`/complaints/${vulnerable}/reasonable-adjustments`, {
      agreedAt: '2026-03-03T11:00:00Z',
      kind: 'large_print',
      adjustment: ADJUSTMENT,
      reviewDue: '2026-06-03',
    });
    expect(agreed.status, JSON.stringify(agreed.body)).toBe(200);

    const view = (await get(`/complaints/${vulnerable}`)).body;
    expect(view.circumstances.vulnerabilities).toMatchObject([
      { vulnerabilityId: 'V1', categories: ['disability', 'age'], details: DETAILS, endedAt: null },
    ]);
    expect(view.circumstances.reasonableAdjustments).toMatchObject([
      { adjustmentId: 'RA1', kind: 'large_print', adjustment: ADJUSTMENT, reviewDue: '2026-06-03' },
    ]);
    expect(view.circumstances.presentation).toEqual({
      largePrint: true,
      plainText: false,
      easyRead: false,
      preferredContact: null,
    });
  });

  it('are reviewed by the adjustment id; an unknown one, or a second of the same kind, is refused with the rule', async () => {
    const reviewed = await post(`/complaints/${vulnerable}/reasonable-adjustments/RA1/reviews`, {
      reviewedAt: '2026-04-01T10:00:00+01:00',
      outcome: 'continued',
      nextReviewDue: '2026-07-01',
    });
    expect(reviewed.status, JSON.stringify(reviewed.body)).toBe(200);
    expect((await get(`/complaints/${vulnerable}`)).body.circumstances.reasonableAdjustments[0].reviewDue).toBe(
      '2026-07-01',
    );

    const unknown = await post(`/complaints/${vulnerable}/reasonable-adjustments/RA9/reviews`, {
      reviewedAt: '2026-04-01T10:00:00+01:00',
      outcome: 'ended',
    });
    expect(unknown.status).toBe(409);
    expect(unknown.body.rule).toBe('reasonable-adjustment-not-active');
    const twice = await post(`/complaints/${vulnerable}/reasonable-adjustments`, {
      agreedAt: '2026-04-01T10:00:00Z',
      kind: 'large_print',
      adjustment: 'Bigger still',
      reviewDue: '2026-07-01',
    });
    expect(twice.status).toBe(409);
    expect(twice.body.rule).toBe('reasonable-adjustment-already-agreed');
    const early = await post(`/complaints/${vulnerable}/reasonable-adjustments`, {
      agreedAt: '2026-04-01T10:00:00Z',
      kind: 'interpreter',
      adjustment: 'Polish interpreter',
      reviewDue: '2026-03-31',
    });
    expect(early.body.rule).toBe('adjustment-review-before-agreed');
  });

  it('refuse bad input with a 400 naming the field', async () => {
    const badKind = await post(`/complaints/${vulnerable}/reasonable-adjustments`, {
      kind: 'braille_please',
      adjustment: 'x',
      reviewDue: '2026-07-01',
    });
    expect(badKind.status).toBe(400);
    expect(badKind.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(badKind.body.errors.map((e: { field: string }) => e.field)).toEqual(['kind']);
    const noCategory = await post(`/complaints/${vulnerable}/vulnerabilities`, { categories: [] });
    expect(noCategory.status).toBe(400);
    expect(noCategory.body.errors.map((e: { field: string }) => e.field)).toEqual(['categories']);
    const interval = await post(`/complaints/${vulnerable}/update-interval`, { workingDays: 31 });
    expect(interval.status).toBe(400);
    expect(interval.body.errors.map((e: { field: string }) => e.field)).toEqual(['workingDays']);
  });

  it('filter the case list: vulnerable=true lists only complaints with a current vulnerability', async () => {
    const list = await get('/complaints?vulnerable=true');
    expect(list.status).toBe(200);
    const ids = list.body.items.map((i: { id: string }) => i.id);
    expect(ids).toContain(vulnerable);
    expect(ids).not.toContain(other);
    expect(list.body.items.find((i: { id: string }) => i.id === vulnerable).vulnerable).toBe(true);
    const others = (await get('/complaints?vulnerable=false')).body.items.map((i: { id: string }) => i.id);
    expect(others).toContain(other);
    expect(others).not.toContain(vulnerable);
    expect((await get('/complaints?vulnerable=maybe')).body.errors.map((e: { field: string }) => e.field)).toEqual([
      'vulnerable',
    ]);
  });

  it('are named in the chronology by kind and id only, never with their details', async () => {
    const res = await get(`/complaints/${vulnerable}/chronology`);
    expect(res.status).toBe(200);
    const descriptions = (res.body.entries as { description: string }[]).map((e) => e.description);
    expect(descriptions).toContain('Reasonable adjustment agreed: large print (RA1); review due 2026-06-03.');
    expect(descriptions.some((d) => d.startsWith('Vulnerability V1 recorded'))).toBe(true);
    for (const secret of [DETAILS, ADJUSTMENT, 'disability']) expect(res.text).not.toContain(secret);
  });

  it('never reach a panel: the case and the list are refused, and a panel cannot record them', async () => {
    expect((await get(`/complaints/${vulnerable}`, panel)).status).toBe(403);
    expect((await get('/complaints?vulnerable=true', panel)).status).toBe(403);
    expect((await post(`/complaints/${vulnerable}/vulnerabilities`, { categories: ['age'] }, panel)).status).toBe(403);
  });
});

describe('keeping the resident informed', () => {
  it('derives the next update from the agreed interval and the last outbound contact that reached the resident', async () => {
    const agreed = await post(`/complaints/${other}/update-interval`, {
      agreedAt: '2026-03-04T10:00:00Z',
      workingDays: 5,
    });
    expect(agreed.status, JSON.stringify(agreed.body)).toBe(200);
    expect((await get(`/complaints/${other}`)).body.keepingInformed).toMatchObject({
      updateIntervalWorkingDays: 5,
      lastUpdateAt: null,
      nextUpdateDue: '2026-03-11',
    });
    // Good Friday (3 April) and Easter Monday (6 April) 2026 are not working days.
    await post(`/complaints/${other}/contacts`, {
      at: '2026-03-31T10:00:00+01:00',
      direction: 'outbound',
      channel: 'phone',
      reached: true,
    });
    await post(`/complaints/${other}/contacts`, {
      at: '2026-04-01T10:00:00+01:00',
      direction: 'inbound',
      channel: 'phone',
      reached: true,
    });
    expect((await get(`/complaints/${other}`)).body.keepingInformed).toMatchObject({
      lastUpdateAt: '2026-03-31T10:00:00+01:00',
      nextUpdateDue: '2026-04-09',
      nextUpdateOverdue: true,
    });
  });
});

describe('the attention queue', () => {
  type Item = { reason: string; complaintId: string; due: string; ref?: string; workingDaysOverdue: number };
  const items = async (asOf: string) => (await get(`/attention?asOf=${asOf}`)).body.items as Item[];

  it('lists an adjustment review by its id, and the update due, once their dates pass or come near', async () => {
    // RA1 is next reviewed on 1 July 2026; the next update on 9 April 2026 (above).
    const july = await items('2026-07-02');
    expect(july).toContainEqual(
      expect.objectContaining({
        reason: 'adjustment_review_overdue',
        complaintId: vulnerable,
        due: '2026-07-01',
        ref: 'RA1',
        workingDaysOverdue: 1,
      }),
    );
    expect(july).toContainEqual(
      expect.objectContaining({ reason: 'update_overdue', complaintId: other, due: '2026-04-09' }),
    );
    const june = await items('2026-06-30');
    expect(june).toContainEqual(
      expect.objectContaining({ reason: 'adjustment_review_due_soon', complaintId: vulnerable, ref: 'RA1' }),
    );
    const april = await items('2026-04-08');
    expect(april).toContainEqual(
      expect.objectContaining({ reason: 'update_due_soon', complaintId: other, due: '2026-04-09' }),
    );
    expect(april.filter((i) => i.reason.startsWith('adjustment_review'))).toEqual([]);
  });
});

describe('equality monitoring', () => {
  const answers = (sex: 'female' | 'male') => ({
    recordedAt: '2024-06-01T10:00:00+01:00',
    answers: { sex, ageBand: '35_44' },
  });
  let females: string[];

  beforeAll(async () => {
    females = [];
    for (let i = 0; i < 5; i += 1) {
      const id = await receive('2024-05-01T10:00:00+01:00');
      expect((await post(`/complaints/${id}/equality-monitoring`, answers('female'))).status).toBe(200);
      females.push(id);
    }
    for (let i = 0; i < 2; i += 1) {
      const id = await receive('2024-05-01T10:00:00+01:00');
      expect((await post(`/complaints/${id}/equality-monitoring`, answers('male'))).status).toBe(200);
    }
  }, 60_000);

  it('is never shown on the case: only that it was given', async () => {
    const view = await get(`/complaints/${females[0]}`);
    expect(view.body.circumstances.equalityMonitoringGiven).toBe(true);
    expect(view.text).not.toContain('35_44');
    const chronology = await get(`/complaints/${females[0]}/chronology`);
    expect(chronology.text).not.toContain('female');
  });

  it('is reported in aggregate to managers and panels, small numbers suppressed and the total withheld', async () => {
    for (const token of [manager, panel]) {
      const res = await get('/reports/equality?year=2024', token);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.respondents).toBe(7);
      const sex = res.body.questions.find((q: { question: string }) => q.question === 'sex');
      expect(sex).toEqual({
        question: 'sex',
        cells: [
          { answer: 'female', count: 5 },
          { answer: 'male', count: 'fewer than 5' },
          { answer: 'prefer_not_to_say', count: 'fewer than 5' },
        ],
        total: 'withheld',
      });
      const age = res.body.questions.find((q: { question: string }) => q.question === 'ageBand');
      expect(age.cells.find((c: { answer: string }) => c.answer === '35_44').count).toBe(7);
    }
  });

  it('is not for officers, and the year is checked', async () => {
    expect((await get('/reports/equality?year=2024', officer)).status).toBe(403);
    expect(
      (await get('/reports/equality?year=last', manager)).body.errors.map((e: { field: string }) => e.field),
    ).toEqual(['year']);
  });

  it("drops an erased complaint's answers from the aggregates", async () => {
    const erased = females[0] as string;
    expect((await post(`/complaints/${erased}/withdrawal`, { withdrawnAt: '2024-06-02T10:00:00+01:00' })).status).toBe(
      200,
    );
    const erasure = await post(
      `/complaints/${erased}/personal-data/erasure`,
      { erasedAt: '2024-06-03T10:00:00+01:00' },
      admin,
    );
    expect(erasure.status, JSON.stringify(erasure.body)).toBe(200);
    const res = await get('/reports/equality?year=2024', manager);
    expect(res.body.respondents).toBe(6);
    const sex = res.body.questions.find((q: { question: string }) => q.question === 'sex');
    expect(sex.cells[0]).toEqual({ answer: 'female', count: 'fewer than 5' });
  });
});
