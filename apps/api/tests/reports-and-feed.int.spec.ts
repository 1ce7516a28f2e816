import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complaintBody, startTestApp, uniqueServiceArea, type TestApp } from './support/test-app';

/**
 * Lists, dashboards, TSM, lessons and panel views, computed from the streams (the event feed:
 * event-feed.int.spec.ts).
 * With DATABASE_URL the database may hold other complaints, so assertions look at this file's
 * own service areas or at differences before and after.
 */
let t: TestApp;
let officer: string;
let panel: string;
const area = uniqueServiceArea('drainage');
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestApp();
  officer = await t.token('complaints_officer');
  panel = await t.token('scrutiny_panel');
});
afterAll(() => t?.close());

async function post(path: string, body: Record<string, unknown>) {
  const res = await t.http.post(path).auth(officer, { type: 'bearer' }).send(body);
  expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
  return res.body as { id: string; reference: string };
}

const get = (path: string, token = officer) => t.http.get(path).auth(token, { type: 'bearer' });

describe('TSM CH01 / CH02 for a reporting year', () => {
  it('counts receipts and escalations (CH01) and responses within Code timescales (CH02)', async () => {
    const before = (await get('/api/v1/reports/tsm?year=2025')).body;

    // Received 2 March 2026 (reporting year 2025), answered on time, escalated.
    const onTime = await post('/api/v1/complaints', complaintBody({ serviceArea: area }));
    await post(`/api/v1/complaints/${onTime.id}/acknowledgements`, {
      acknowledgedAt: '2026-03-03T10:00:00Z',
      handler: { id: 'u-1', name: 'Sam' },
      headsOfComplaint: ['Mould'],
    });
    await post(`/api/v1/complaints/${onTime.id}/responses`, {
      respondedAt: '2026-03-10T10:00:00Z',
      decisions: [{ head: 'Mould', outcome: 'upheld', reasons: 'Fan missing' }],
      remedies: { apology: true },
    });
    await post(`/api/v1/complaints/${onTime.id}/escalations`, { requestedAt: '2026-03-12T10:00:00Z' });
    // Received the same day, answered late (due 16 March, answered 20 March).
    const late = await post('/api/v1/complaints', complaintBody({ serviceArea: area }));
    await post(`/api/v1/complaints/${late.id}/acknowledgements`, {
      acknowledgedAt: '2026-03-02T12:00:00Z',
      handler: { id: 'u-1', name: 'Sam' },
      headsOfComplaint: ['Mould'],
    });
    await post(`/api/v1/complaints/${late.id}/responses`, {
      respondedAt: '2026-03-20T10:00:00Z',
      decisions: [{ head: 'Mould', outcome: 'not_upheld', reasons: 'Condensation' }],
    });
    // Refused: reported apart, never in CH01.
    const refused = await post('/api/v1/complaints', complaintBody({ serviceArea: area }));
    await post(`/api/v1/complaints/${refused.id}/refusal`, {
      refusedAt: '2026-03-03T09:00:00Z',
      ground: 'legal_proceedings',
      explanation: 'Court case under way',
    });

    const after = (await get('/api/v1/reports/tsm?year=2025', panel)).body;
    expect(after.year).toBe(2025);
    expect(after.ch01.stage1.count - before.ch01.stage1.count).toBe(2);
    expect(after.ch01.stage2.count - before.ch01.stage2.count).toBe(1);
    expect(after.ch01.refused.count - before.ch01.refused.count).toBe(1);
    expect(after.ch01.stage1.perThousandHomes).toBe(Math.round((after.ch01.stage1.count * 100_000) / 10_000) / 100);
    expect(after.ch02.stage1.responded - before.ch02.stage1.responded).toBe(2);
    expect(after.ch02.stage1.withinTimescales - before.ch02.stage1.withinTimescales).toBe(1);
    ids['onTime'] = onTime.id;
    ids['late'] = late.id;

    const missing = await get('/api/v1/reports/tsm');
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([{ field: 'year', message: expect.any(String) }]);
  });
});

describe('TSM CH02 against the Code target (issue 11)', () => {
  const ch02Area = uniqueServiceArea('ch02');
  const heads = { headsOfComplaint: ['Mould'], outcomesSought: ['A permanent fix'] };
  const answer = (id: string, respondedAt: string) =>
    post(`/api/v1/complaints/${id}/responses`, {
      respondedAt,
      decisions: [{ head: 'Mould', outcome: 'upheld', reasons: 'Fan missing' }],
      remedies: { apology: true },
    });
  const stage1 = async () =>
    (await get('/api/v1/reports/tsm?year=2025')).body.ch02.stage1 as { responded: number; withinTimescales: number };
  const listed = async (within: boolean) =>
    (await get(`/api/v1/reports/tsm/2025/complaints?measure=ch02-stage1&withinTimescales=${within}`)).body
      .complaints as { complaintId: string; response: unknown }[];

  it('defect 2: a back-dated extension cures nothing. Code due Wed 18 Mar 2026, +5 WD agreed Fri 20 Mar, answered Tue 24 Mar: outside Code timescales, due 18 Mar', async () => {
    const before = await stage1();
    const c = await post(
      '/api/v1/complaints',
      complaintBody({ serviceArea: ch02Area, receivedAt: '2026-03-02T09:00:00Z' }),
    );
    await post(`/api/v1/complaints/${c.id}/acknowledgements`, {
      acknowledgedAt: '2026-03-04T09:00:00Z',
      handler: { id: 'u-1', name: 'Sam' },
      ...heads,
    });
    await post(`/api/v1/complaints/${c.id}/extensions`, {
      agreedAt: '2026-03-20T09:00:00Z',
      additionalWorkingDays: 5,
      reason: 'Survey',
      residentInformed: true,
      ombudsmanDetailsGiven: true,
    });
    await answer(c.id, '2026-03-24T10:00:00Z');
    const after = await stage1();
    expect(after.responded - before.responded).toBe(1);
    expect(after.withinTimescales - before.withinTimescales).toBe(0);
    expect((await listed(false)).find((e) => e.complaintId === c.id)?.response).toEqual({
      stage: 1,
      respondedOn: '2026-03-24',
      due: '2026-03-18',
      withinTimescales: false,
    });
  });

  it('defect 3: the response clock starts at the acknowledgement. Ack due Mon 9 Mar 2026, made Thu 12 Mar, answered Tue 24 Mar: within Code timescales (due Thu 26 Mar)', async () => {
    const before = await stage1();
    const c = await post(
      '/api/v1/complaints',
      complaintBody({ serviceArea: ch02Area, receivedAt: '2026-03-02T09:00:00Z' }),
    );
    await post(`/api/v1/complaints/${c.id}/acknowledgements`, {
      acknowledgedAt: '2026-03-12T09:00:00Z',
      handler: { id: 'u-1', name: 'Sam' },
      ...heads,
    });
    await answer(c.id, '2026-03-24T10:00:00Z');
    const after = await stage1();
    expect(after.responded - before.responded).toBe(1);
    expect(after.withinTimescales - before.withinTimescales).toBe(1);
    expect((await listed(true)).find((e) => e.complaintId === c.id)?.response).toEqual({
      stage: 1,
      respondedOn: '2026-03-24',
      due: '2026-03-26',
      withinTimescales: true,
    });
  });

  it('defect 1: answered after the Code date but before the own target of an extension beyond the limit (good reason and all): outside Code timescales', async () => {
    const before = await stage1();
    const c = await post(
      '/api/v1/complaints',
      complaintBody({ serviceArea: ch02Area, receivedAt: '2026-02-02T09:00:00Z' }),
    );
    // Acknowledged Tue 3 Feb 2026: Code due 17 Feb; +15 WD agreed 10 Feb → Code due Tue 3 Mar (10 counted), own target Tue 10 Mar.
    await post(`/api/v1/complaints/${c.id}/acknowledgements`, {
      acknowledgedAt: '2026-02-03T09:00:00Z',
      handler: { id: 'u-1', name: 'Sam' },
      ...heads,
    });
    await post(`/api/v1/complaints/${c.id}/extensions`, {
      agreedAt: '2026-02-10T09:00:00Z',
      additionalWorkingDays: 15,
      reason: 'Specialist survey',
      residentInformed: true,
      ombudsmanDetailsGiven: true,
      goodReason: 'The only specialist has a four-week waiting list',
    });
    await answer(c.id, '2026-03-06T10:00:00Z');
    const after = await stage1();
    expect(after.responded - before.responded).toBe(1);
    expect(after.withinTimescales - before.withinTimescales).toBe(0);
    expect((await listed(false)).find((e) => e.complaintId === c.id)?.response).toMatchObject({
      due: '2026-03-03',
      withinTimescales: false,
    });
  });
});

describe('SLA dashboard as of a date', () => {
  const dashArea = uniqueServiceArea('grounds');

  it('counts open complaints, overdue and due-soon milestones per service area and handler', async () => {
    // Received Mon 2 March: acknowledgement due 9 March -> overdue on 10 March.
    await post('/api/v1/complaints', complaintBody({ serviceArea: dashArea, receivedAt: '2026-03-02T09:00:00Z' }));
    // Received Wed 4 March: acknowledgement due 11 March -> due within 2 working days on 10 March.
    await post('/api/v1/complaints', complaintBody({ serviceArea: dashArea, receivedAt: '2026-03-04T09:00:00Z' }));
    // Received 12 March: did not exist yet on 10 March.
    await post('/api/v1/complaints', complaintBody({ serviceArea: dashArea, receivedAt: '2026-03-12T09:00:00Z' }));

    const res = await get('/api/v1/dashboards/sla?asOf=2026-03-10');
    expect(res.status).toBe(200);
    expect(res.body.asOf).toBe('2026-03-10');
    const row = res.body.byServiceArea.find((r: { serviceArea: string }) => r.serviceArea === dashArea);
    expect(row).toEqual({
      serviceArea: dashArea,
      open: 2,
      acknowledgementsOverdue: 1,
      acknowledgementsDueSoon: 1,
      responsesOverdue: 0,
      responsesDueSoon: 0,
    });
    expect(
      res.body.overdue.some(
        (o: { serviceArea: string; milestone: string; due: string; workingDaysOverdue: number }) =>
          o.serviceArea === dashArea &&
          o.milestone === 'acknowledgement' &&
          o.due === '2026-03-09' &&
          o.workingDaysOverdue === 1,
      ),
    ).toBe(true);
    expect(res.body.byHandler).toBeDefined();
    expect(res.body.localPolicy.profile).toBe('salix-homes-2021');
  });

  it('shows scrutiny panels the counts but no handler names or case references', async () => {
    const res = await get('/api/v1/dashboards/sla?asOf=2026-03-10', panel);
    expect(res.status).toBe(200);
    expect(res.body.byServiceArea.find((r: { serviceArea: string }) => r.serviceArea === dashArea).open).toBe(2);
    expect(res.body.byHandler).toBeUndefined();
    expect(res.body.overdue).toBeUndefined();
    expect((await get('/api/v1/dashboards/sla?asOf=10/03/2026')).status).toBe(400);
  });
});

describe('the complaint list', () => {
  it('filters by service area, status, stage and overdue', async () => {
    const listArea = uniqueServiceArea('lifts');
    const open = await post('/api/v1/complaints', complaintBody({ serviceArea: listArea }));
    const withdrawn = await post('/api/v1/complaints', complaintBody({ serviceArea: listArea }));
    await post(`/api/v1/complaints/${withdrawn.id}/withdrawal`, { withdrawnAt: '2026-03-03T09:00:00Z' });

    const all = (await get(`/api/v1/complaints?serviceArea=${listArea}`)).body;
    expect(all.total).toBe(2);
    expect(all.items[0]).not.toHaveProperty('complainant');
    const openOnly = (await get(`/api/v1/complaints?serviceArea=${listArea}&status=open&stage=1&overdue=true`)).body;
    expect(openOnly.items.map((i: { id: string }) => i.id)).toEqual([open.id]);
    expect(openOnly.items[0]).toMatchObject({
      status: 'open',
      stage: 1,
      overdue: true,
      acknowledgementDue: '2026-03-09',
    });
    expect(
      (await get(`/api/v1/complaints?serviceArea=${listArea}&overdue=false`)).body.items.map(
        (i: { id: string }) => i.id,
      ),
    ).toEqual([withdrawn.id]);
    const bad = await get('/api/v1/complaints?status=pending&stage=3');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['stage', 'status']);
  });
});

describe('lessons register and panel views', () => {
  it('lists lessons, without references or owners for panels', async () => {
    const lessonArea = uniqueServiceArea('heating');
    const c = await post('/api/v1/complaints', complaintBody({ serviceArea: lessonArea }));
    await post(`/api/v1/complaints/${c.id}/lessons`, {
      recordedAt: '2026-03-05T09:00:00Z',
      lesson: 'Boiler parts stock too low',
      owner: 'Head of Heating',
    });
    const staff = (await get(`/api/v1/lessons?serviceArea=${lessonArea}`)).body.lessons;
    expect(staff).toEqual([
      expect.objectContaining({
        lesson: 'Boiler parts stock too low',
        owner: 'Head of Heating',
        reference: c.reference,
        recordedOn: '2026-03-05',
      }),
    ]);
    const forPanel = (await get(`/api/v1/lessons?serviceArea=${lessonArea}`, panel)).body.lessons;
    expect(forPanel).toHaveLength(1);
    expect(forPanel[0]).not.toHaveProperty('owner');
    expect(forPanel[0]).not.toHaveProperty('reference');
  });

  it('gives panels anonymised cases with no personal data at all', async () => {
    const res = await get('/api/v1/panel/cases?year=2025', panel);
    expect(res.status).toBe(200);
    const text = JSON.stringify(res.body);
    for (const personal of [
      'Jane Resident',
      'jane@example.org',
      '0161 496 0000',
      '1 Example Street',
      'Black mould',
      'Court case',
      'CMP-',
    ]) {
      expect(text).not.toContain(personal);
    }
    const mine = res.body.cases.filter((c: { serviceArea: string }) => c.serviceArea === area);
    expect(mine).toHaveLength(3);
    expect(mine.find((c: { status: string }) => c.status === 'refused').refusalGround).toBe('legal_proceedings');
  });
});
