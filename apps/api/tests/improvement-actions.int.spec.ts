import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complaintBody, startTestApp, uniqueServiceArea, type TestApp } from './support/test-app';

/**
 * Lessons' improvement actions to done, end to end: planned (owner, due date) and made (what
 * changed, evidence) through the writes; overdue ones in the attention queue, closed complaints
 * too; the lessons register planned vs made; the quarterly action plans per service area (JSON
 * and CSV), for managers, auditors and panels (screened, nothing personal), never officers.
 */
let t: TestApp;
let officer: string;
let manager: string;
let auditor: string;
let panel: string;
const area = uniqueServiceArea('improvements');
let closedId: string;
let earlierId: string;

const post = (path: string, body: unknown, token = officer) =>
  t.http
    .post(`/api/v1${path}`)
    .auth(token, { type: 'bearer' })
    .send(body as object);
const get = (path: string, token = manager) => t.http.get(`/api/v1${path}`).auth(token, { type: 'bearer' });

/** A complaint received, acknowledged and answered at stage 1 on the given dates (2025). */
async function answered(receivedAt: string, acknowledgedAt: string, respondedAt: string): Promise<string> {
  const created = await post(
    '/complaints',
    complaintBody({
      receivedAt,
      serviceArea: area,
      complainant: {
        name: 'Margaret Ellis',
        email: 'm.ellis@example.org',
        phone: '0161 496 0000',
        address: '18 Weaste Lane',
      },
    }),
  );
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  expect(
    (
      await post(`/complaints/${id}/acknowledgements`, {
        acknowledgedAt,
        handler: { id: 'u-017', name: 'Sam Officer' },
        method: 'email',
        headsOfComplaint: ['Mould'],
      })
    ).status,
  ).toBe(200);
  expect(
    (
      await post(`/complaints/${id}/responses`, {
        respondedAt,
        decisions: [{ head: 'Mould', outcome: 'upheld', reasons: 'The fan was never fitted.' }],
        remedies: { apology: true },
      })
    ).status,
  ).toBe(200);
  return id;
}

beforeAll(async () => {
  t = await startTestApp();
  officer = await t.token('complaints_officer');
  manager = await t.token('complaints_manager');
  auditor = await t.token('auditor');
  panel = await t.token('scrutiny_panel');
  // Q3 2025 (October to December): a lesson whose action fell due in November and was never made; the complaint is closed.
  closedId = await answered('2025-10-01T09:00:00Z', '2025-10-02T09:00:00Z', '2025-10-20T09:00:00Z');
  const lesson = await post(`/complaints/${closedId}/lessons`, {
    recordedAt: '2025-10-21T09:00:00Z',
    lesson: 'Mrs Ellis was not called back after the mould wash',
    improvementAction: 'Book a damp survey on any second mould report',
    owner: 'Head of Repairs',
    dueBy: '2025-11-30',
  });
  expect(lesson.status).toBe(200);
  expect(
    (await post(`/complaints/${closedId}/closure`, { closedAt: '2025-10-22T09:00:00Z', outcome: 'Upheld' })).status,
  ).toBe(200);
  // Q2 2025: a lesson recorded without an owner or date, planned and made later (carried over into Q3).
  earlierId = await answered('2025-07-01T09:00:00Z', '2025-07-02T09:00:00Z', '2025-07-14T09:00:00Z');
  expect(
    (
      await post(`/complaints/${earlierId}/lessons`, {
        recordedAt: '2025-07-15T09:00:00Z',
        lesson: 'Surveys were not booked',
        improvementAction: 'Survey on every second report',
      })
    ).status,
  ).toBe(200);
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('planning and completing an improvement action', () => {
  it('plans the owner and due date later, then records it made with what changed and the evidence, after closure too', async () => {
    const planned = await post(`/complaints/${earlierId}/lessons/L1/plan`, {
      plannedAt: '2025-07-20T09:00:00Z',
      owner: 'Repairs Manager',
      dueBy: '2025-12-15',
    });
    expect(planned.status).toBe(200);
    expect(planned.body.events).toEqual(['ImprovementActionPlanned']);
    expect(
      (await post(`/complaints/${earlierId}/closure`, { closedAt: '2025-07-21T09:00:00Z', outcome: 'Upheld' })).status,
    ).toBe(200);
    const made = await post(`/complaints/${earlierId}/lessons/L1/completion`, {
      completedAt: '2025-12-10T09:00:00Z',
      whatChanged: 'Mrs Ellis and every resident reporting mould twice now get a survey',
      evidence: 'Scheduling rule DS-2, 14 surveys booked',
    });
    expect(made.status).toBe(200);
    expect(made.body.events).toEqual(['ImprovementActionCompleted']);
  });

  it('names the field and why for bad input (400), and answers a broken rule with its id (409)', async () => {
    const bad = await post(`/complaints/${closedId}/lessons/L1/completion`, { evidence: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['whatChanged']);
    expect(
      (
        await post(`/complaints/${closedId}/lessons/L1/plan`, { owner: 'Head of Repairs', dueBy: '2025-13-01' })
      ).body.errors.map((e: { field: string }) => e.field),
    ).toEqual(['dueBy']);
    const unknown = await post(`/complaints/${closedId}/lessons/L7/completion`, { whatChanged: 'x', evidence: 'y' });
    expect([unknown.status, unknown.body.rule]).toEqual([409, 'lesson-unknown']);
    const twice = await post(`/complaints/${earlierId}/lessons/L1/completion`, {
      whatChanged: 'Again',
      evidence: 'Again',
    });
    expect([twice.status, twice.body.rule]).toEqual([409, 'improvement-action-already-completed']);
    const dueless = await post(`/complaints/${closedId}/lessons`, {
      recordedAt: '2025-10-23T09:00:00Z',
      lesson: 'No action',
      dueBy: '2025-12-01',
    });
    expect([dueless.status, dueless.body.rule]).toEqual([409, 'lesson-due-without-improvement-action']);
    expect(
      (await post(`/complaints/${closedId}/lessons/L1/completion`, { whatChanged: 'x', evidence: 'y' }, auditor))
        .status,
    ).toBe(403);
  });
});

describe('overdue improvement actions', () => {
  it('are in the attention queue by lesson id, on a closed complaint too', async () => {
    const queue = await get(`/attention?reason=improvement_action_overdue&serviceArea=${area}`);
    expect(queue.status).toBe(200);
    expect(queue.body.items).toMatchObject([
      { complaintId: closedId, reason: 'improvement_action_overdue', status: 'closed', due: '2025-11-30', ref: 'L1' },
    ]);
    expect(queue.body.items[0].workingDaysOverdue).toBeGreaterThan(0);
  });
});

describe('the lessons register, planned vs made', () => {
  it('shows each action as planned, overdue or made, with made on and what changed; panels read it screened, without owner or evidence', async () => {
    const register = await get(`/lessons?serviceArea=${area}`);
    expect(register.status).toBe(200);
    expect(register.body.lessons).toMatchObject([
      {
        complaintId: closedId,
        lessonId: 'L1',
        owner: 'Head of Repairs',
        dueBy: '2025-11-30',
        status: 'overdue',
        madeOn: null,
        whatChanged: null,
      },
      {
        complaintId: earlierId,
        lessonId: 'L1',
        owner: 'Repairs Manager',
        dueBy: '2025-12-15',
        status: 'made',
        madeOn: '2025-12-10',
        evidence: 'Scheduling rule DS-2, 14 surveys booked',
      },
    ]);
    const panelView = await get(`/lessons?serviceArea=${area}`, panel);
    expect(panelView.body.lessons[1]).toMatchObject({
      status: 'made',
      madeOn: '2025-12-10',
      whatChanged: '[redacted] and every resident reporting mould twice now get a survey',
    });
    const text = JSON.stringify(panelView.body);
    for (const secret of ['Ellis', 'Head of Repairs', 'Repairs Manager', 'DS-2', closedId])
      expect(text).not.toContain(secret);
  });
});

describe('quarterly action plans', () => {
  it("list the quarter's lessons and the actions carried over, per service area, with owner, due, status and made on", async () => {
    const plans = await get(`/reports/action-plans?quarter=2025-Q3&serviceArea=${area}`);
    expect(plans.status).toBe(200);
    expect(plans.body).toMatchObject({ quarter: '2025-Q3', from: '2025-10-01', to: '2025-12-31' });
    expect(plans.body.serviceAreas).toHaveLength(1);
    const [plan] = plans.body.serviceAreas;
    expect(plan.lessons).toMatchObject([
      {
        complaintId: closedId,
        lessonId: 'L1',
        owner: 'Head of Repairs',
        dueBy: '2025-11-30',
        status: 'overdue',
        madeOn: null,
      },
    ]);
    expect(plan.carriedOver).toMatchObject([
      { complaintId: earlierId, lessonId: 'L1', owner: 'Repairs Manager', status: 'made', madeOn: '2025-12-10' },
    ]);
    expect(plan.counts).toEqual({
      lessons: 1,
      withImprovementAction: 1,
      carriedOver: 1,
      planned: 0,
      overdue: 1,
      made: 1,
    });
    expect(
      (await get(`/reports/action-plans?quarter=2025-Q2&serviceArea=${area}`)).body.serviceAreas[0].lessons.map(
        (l: { complaintId: string }) => l.complaintId,
      ),
    ).toEqual([earlierId]);
  });

  it('are for managers, auditors and panels (screened, nothing personal), not officers', async () => {
    expect((await get('/reports/action-plans?quarter=2025-Q3', auditor)).status).toBe(200);
    expect((await get('/reports/action-plans?quarter=2025-Q3', officer)).status).toBe(403);
    const panelPlan = await get(`/reports/action-plans?quarter=2025-Q3&serviceArea=${area}`, panel);
    expect(panelPlan.status).toBe(200);
    expect(panelPlan.body.serviceAreas[0].lessons[0]).toMatchObject({
      lessonId: 'L1',
      status: 'overdue',
      lesson: '[redacted] was not called back after the mould wash',
    });
    const text = JSON.stringify(panelPlan.body);
    for (const secret of ['Ellis', 'Head of Repairs', 'Repairs Manager', 'DS-2', closedId, earlierId, 'CMP-'])
      expect(text).not.toContain(secret);
  });

  it('come as CSV with Accept: text/csv', async () => {
    const csv = await get(`/reports/action-plans?quarter=2025-Q3&serviceArea=${area}`).set('Accept', 'text/csv');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe(
      'quarter,service_area,row,lesson_id,reference,recorded_on,lesson,root_cause,improvement_action,owner,due_by,status,made_on,what_changed,evidence',
    );
    expect(lines.slice(1).map((l) => l.split(',').slice(2, 4))).toEqual([
      ['in_quarter', 'L1'],
      ['carried_over', 'L1'],
    ]);
  });

  it('name the quarter when it is not one (400 problem+json)', async () => {
    for (const quarter of ['2025-Q5', '2025', 'Q3-2025']) {
      const bad = await get(`/reports/action-plans?quarter=${quarter}`);
      expect(bad.status).toBe(400);
      expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['quarter']);
    }
    expect((await get('/reports/action-plans')).body.errors.map((e: { field: string }) => e.field)).toEqual([
      'quarter',
    ]);
  });
});
