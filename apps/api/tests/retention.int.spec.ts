import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complaintBody, startTestApp, type TestApp } from './support/test-app';

/**
 * The retention schedule end to end (default: 6 years after the end): listing what is due as of a
 * date with what holds it, legal holds placed and lifted, and an admin's approval that erases
 * each listed complaint only if it is still due and held by nothing.
 */
let t: TestApp;
let officer: string;
let admin: string;
let auditor: string;

const post = (path: string, body: unknown, token = officer) =>
  t.http
    .post(`/api/v1${path}`)
    .auth(token, { type: 'bearer' })
    .send(body as object);
const get = (path: string, token = admin) => t.http.get(`/api/v1${path}`).auth(token, { type: 'bearer' });

async function withdrawn(receivedAt: string, withdrawnAt: string): Promise<string> {
  const created = await post('/complaints', complaintBody({ receivedAt }));
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  expect((await post(`/complaints/${id}/withdrawal`, { withdrawnAt })).status).toBe(200);
  return id;
}

let due: string;
let notDue: string;
let held: string;
let ombudsman: string;
let open: string;

beforeAll(async () => {
  t = await startTestApp();
  officer = await t.token('complaints_officer');
  admin = await t.token('admin', 'dpo-1');
  auditor = await t.token('auditor');
  due = await withdrawn('2019-03-01T10:00:00Z', '2019-04-01T10:00:00Z');
  notDue = await withdrawn('2026-03-02T10:00:00Z', '2026-03-03T10:00:00Z');
  held = await withdrawn('2019-03-01T10:00:00Z', '2019-03-05T10:00:00Z');
  ombudsman = await withdrawn('2019-03-01T10:00:00Z', '2019-03-06T10:00:00Z');
  expect(
    (
      await post(`/complaints/${ombudsman}/ombudsman/referral`, {
        referredAt: '2019-06-01T10:00:00Z',
        ombudsmanReference: '201900042',
      })
    ).status,
  ).toBe(200);
  const created = await post('/complaints', complaintBody({ receivedAt: '2019-03-01T10:00:00Z' }));
  open = created.body.id as string;
}, 60_000);

afterAll(async () => {
  await t?.close();
});

describe('legal holds', () => {
  it('are placed by an admin with a category, numbered, and shown on the complaint', async () => {
    const placed = await post(
      `/complaints/${held}/legal-holds`,
      { placedAt: '2025-01-10T10:00:00Z', category: 'litigation' },
      admin,
    );
    expect(placed.status).toBe(200);
    expect(placed.body.events).toEqual(['LegalHoldPlaced']);
    const view = await get(`/complaints/${held}`);
    expect(view.body.retention.holds).toEqual([
      { holdId: 'LH1', category: 'litigation', placedAt: '2025-01-10T10:00:00Z', placedBy: 'dpo-1' },
    ]);
    expect(view.body.legalHold).toContain('LH1 (litigation)');
  });

  it('refuse the complaints team, and a category that is not one (naming the field)', async () => {
    expect((await post(`/complaints/${held}/legal-holds`, { category: 'litigation' }, officer)).status).toBe(403);
    const bad = await post(`/complaints/${held}/legal-holds`, { category: 'a claim by Mr Smith' }, admin);
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['category']);
    const unknownHold = await post(`/complaints/${held}/legal-holds/LH9/release`, {}, admin);
    expect(unknownHold.status).toBe(409);
    expect(unknownHold.body.rule).toBe('legal-hold-not-in-place');
  });
});

describe('the retention listing', () => {
  it('lists, as of a date, the complaints due for erasure and those a hold keeps, with the hold', async () => {
    const res = await get('/retention/due?asOf=2025-12-01');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ asOf: '2025-12-01', retentionYears: 6 });
    const mine = (res.body.cases as { id: string }[]).filter((c) =>
      [due, notDue, held, ombudsman, open].includes(c.id),
    );
    expect(mine).toEqual([
      {
        id: held,
        reference: expect.any(String),
        status: 'held',
        retentionFrom: '2019-03-05',
        dueOn: '2025-03-05',
        holds: [
          {
            kind: 'legal_hold',
            holdId: 'LH1',
            category: 'litigation',
            placedAt: '2025-01-10T10:00:00Z',
            placedBy: 'dpo-1',
          },
        ],
      },
      {
        id: ombudsman,
        reference: expect.any(String),
        status: 'held',
        retentionFrom: '2019-03-06',
        dueOn: '2025-03-06',
        holds: [{ kind: 'ombudsman_case', ombudsmanReference: '201900042', outstandingOrders: [] }],
      },
      {
        id: due,
        reference: expect.any(String),
        status: 'due',
        retentionFrom: '2019-04-01',
        dueOn: '2025-04-01',
        holds: [],
      },
    ]);
    const earlier = await get('/retention/due?asOf=2025-03-31');
    expect((earlier.body.cases as { id: string }[]).map((c) => c.id)).not.toContain(due);
  });

  it('is for admins only, and refuses a date that is not one, naming asOf', async () => {
    expect((await get('/retention/due', officer)).status).toBe(403);
    expect((await get('/retention/due', auditor)).status).toBe(403);
    const bad = await get('/retention/due?asOf=2025-13-01');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['asOf']);
  });
});

describe('approving erasures on retention grounds', () => {
  it('erases each complaint only if still due and held by nothing, and says per complaint what happened', async () => {
    const res = await post(
      '/retention/erasures',
      { complaintIds: [due, notDue, held, ombudsman, open, 'no-such-complaint'] },
      admin,
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ approvedBy: 'dpo-1', retentionYears: 6 });
    expect(res.body.results).toEqual([
      { id: due, outcome: 'erased', reference: expect.any(String), revision: 4, position: expect.any(String) },
      {
        id: notDue,
        outcome: 'refused',
        rule: 'retention-period-not-over',
        detail: expect.stringContaining('due on 2032-03-03'),
      },
      { id: held, outcome: 'refused', rule: 'erasure-under-legal-hold', detail: expect.stringContaining('LH1') },
      {
        id: ombudsman,
        outcome: 'refused',
        rule: 'erasure-under-legal-hold',
        detail: expect.stringContaining('201900042'),
      },
      { id: open, outcome: 'refused', rule: 'erasure-needs-ended-complaint', detail: expect.any(String) },
      { id: 'no-such-complaint', outcome: 'not_found' },
    ]);

    // The approval (who, when, under which schedule) and the erasure, one write; the personal data is gone.
    const history = await get(`/complaints/${due}/history`, auditor);
    const types = (history.body.events as { type: string }[]).map((e) => e.type);
    expect(types.slice(-2)).toEqual(['RetentionErasureApproved', 'PersonalDataErased']);
    const approval = history.body.events.at(-2);
    expect(approval.actor).toMatchObject({ id: 'dpo-1', role: 'admin' });
    expect(approval.data).toMatchObject({
      approvedBy: 'dpo-1',
      retentionYears: 6,
      retentionFrom: '2019-04-01',
      dueOn: '2025-04-01',
    });
    expect(JSON.stringify(history.body)).not.toContain('Jane Resident');
    expect((await get(`/complaints/${notDue}`)).body.complainant.name).toBe('Jane Resident');

    // Erased now: listed no more, held no more, approved no more.
    const listed = await get('/retention/due?asOf=2025-12-01');
    expect((listed.body.cases as { id: string }[]).map((c) => c.id)).not.toContain(due);
    const hold = await post(`/complaints/${due}/legal-holds`, { category: 'insurance_claim' }, admin);
    expect(hold.status).toBe(409);
    expect(hold.body.rule).toBe('legal-hold-on-erased-complaint');
    const again = await post('/retention/erasures', { complaintIds: [due] }, admin);
    expect(again.body.results).toEqual([
      { id: due, outcome: 'refused', rule: 'personal-data-already-erased', detail: expect.any(String) },
    ]);
  });

  it('goes ahead once the hold is lifted', async () => {
    const lifted = await post(
      `/complaints/${held}/legal-holds/LH1/release`,
      { liftedAt: '2025-06-01T10:00:00Z' },
      admin,
    );
    expect(lifted.status).toBe(200);
    expect(lifted.body.events).toEqual(['LegalHoldLifted']);
    const res = await post('/retention/erasures', { complaintIds: [held] }, admin);
    expect(res.body.results).toEqual([expect.objectContaining({ id: held, outcome: 'erased' })]);
  });

  it('is for admins only, and refuses a list that is empty, repeats a complaint or is too long, naming complaintIds', async () => {
    expect((await post('/retention/erasures', { complaintIds: [notDue] }, officer)).status).toBe(403);
    for (const complaintIds of [[], [notDue, notDue], Array.from({ length: 101 }, (_, i) => `c-${i}`)]) {
      const res = await post('/retention/erasures', { complaintIds }, admin);
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['complaintIds']);
    }
    const unknown = await post('/retention/erasures', { complaintIds: [notDue], retentionYears: 1 }, admin);
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([{ field: 'retentionYears', message: 'unknown field' }]);
  });
});

describe('a configured schedule', () => {
  it('RETENTION_YEARS_AFTER_END moves what is due', async () => {
    const short = await startTestApp({ RETENTION_YEARS_AFTER_END: '1' });
    try {
      const token = await short.token('complaints_officer');
      const created = await short.http
        .post('/api/v1/complaints')
        .auth(token, { type: 'bearer' })
        .send(complaintBody({ receivedAt: '2025-01-02T10:00:00Z' }));
      const id = created.body.id as string;
      const withdrawal = await short.http
        .post(`/api/v1/complaints/${id}/withdrawal`)
        .auth(token, { type: 'bearer' })
        .send({ withdrawnAt: '2025-01-03T10:00:00Z' });
      expect(withdrawal.status, JSON.stringify(withdrawal.body)).toBe(200);
      const adminToken = await short.token('admin');
      const listed = await short.http.get('/api/v1/retention/due?asOf=2026-01-03').auth(adminToken, { type: 'bearer' });
      expect(listed.body.retentionYears).toBe(1);
      // On a PostgreSQL run other suites' complaints share the database: look at this one.
      expect((listed.body.cases as { id: string }[]).filter((c) => c.id === id)).toEqual([
        expect.objectContaining({ id, status: 'due', dueOn: '2026-01-03' }),
      ]);
    } finally {
      await short.close();
    }
  });
});
