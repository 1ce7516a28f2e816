import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complaintBody, startTestApp, type TestApp } from './support/test-app';

/**
 * The rules of issue 11 over HTTP: what a client sees when the Code forbids a step (409 and the
 * rule id, nothing appended) and what the new writes record. The app runs with a 10-day
 * review-request window (ORG_REVIEW_REQUEST_WINDOW_DAYS) to show a late request is flagged.
 */
let t: TestApp;
let officer: string;
let manager: string;

beforeAll(async () => {
  t = await startTestApp({ ORG_REVIEW_REQUEST_WINDOW_DAYS: '10' });
  officer = await t.token('complaints_officer', 'u-officer');
  manager = await t.token('complaints_manager', 'u-manager');
});
afterAll(() => t?.close());

const HEAD = 'Repeated mould in the back bedroom';
const post = (id: string, path: string, body: Record<string, unknown>, token = officer) =>
  t.http.post(`/api/v1/complaints/${id}/${path}`).auth(token, { type: 'bearer' }).send(body);
const view = async (id: string) =>
  (await t.http.get(`/api/v1/complaints/${id}`).auth(officer, { type: 'bearer' })).body;
const history = async (id: string) =>
  (await t.http.get(`/api/v1/complaints/${id}/history`).auth(officer, { type: 'bearer' })).body as {
    events: { type: string; data: Record<string, unknown> }[];
  };

function expectRule(res: { status: number; body: { rule?: string } }, rule: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(409);
  expect(res.body.rule).toBe(rule);
}

async function received(overrides: Record<string, unknown> = {}): Promise<string> {
  const res = await t.http.post('/api/v1/complaints').auth(officer, { type: 'bearer' }).send(complaintBody(overrides));
  expect(res.status).toBe(201);
  return res.body.id as string;
}

/** Received 2 March 2026, acknowledged and answered (upheld, with an apology) by the officer. */
async function answeredAtStageOne(): Promise<string> {
  const id = await received();
  await post(id, 'acknowledgements', {
    acknowledgedAt: '2026-03-04T10:00:00Z',
    handler: { id: 'u-officer', name: 'Sam Officer' },
    headsOfComplaint: [HEAD],
  }).expect(200);
  await post(id, 'responses', {
    respondedAt: '2026-03-16T16:00:00Z',
    decisions: [{ head: HEAD, outcome: 'upheld', reasons: 'The fan was never replaced.' }],
    remedies: { apology: true },
  }).expect(200);
  return id;
}

async function closedAtStageOne(): Promise<string> {
  const id = await answeredAtStageOne();
  await post(id, 'closure', {
    closedAt: '2026-03-17T10:00:00Z',
    outcome: 'Upheld',
    lessonsNotApplicableReason: 'A known fault, already fixed',
  }).expect(200);
  return id;
}

describe('escalation after a stage 1 closure (defect 4)', () => {
  it('reopens the complaint at stage 2, keeps the closure, and flags a request after the window', async () => {
    const id = await closedAtStageOne();
    const res = await post(id, 'escalations', {
      requestedAt: '2026-03-31T09:00:00+01:00',
      reason: 'The mould is back',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const complaint = await view(id);
    expect(complaint).toMatchObject({ status: 'open', stage: 2, closure: null, endedAt: null });
    expect(complaint.stages[1].escalation.reopenedClosure).toMatchObject({
      closedAt: '2026-03-17T10:00:00Z',
      outcome: 'Upheld',
    });
    expect(complaint.sla.stages.map((s: { stage: number }) => s.stage)).toEqual([1, 2]);
    const events = (await history(id)).events;
    expect(events.map((e) => e.type)).toContain('ComplaintClosed');
    // Ten calendar days after 16 March is 26 March: the request on 31 March is late, and accepted.
    expect(events.at(-1)).toMatchObject({
      type: 'ComplaintEscalated',
      data: { reviewRequestWindow: { calendarDays: 10, lastDay: '2026-03-26', late: true } },
    });
  });

  it('takes the window from the configuration, never from the client', async () => {
    const id = await closedAtStageOne();
    const res = await post(id, 'escalations', { requestedAt: '2026-03-18T09:00:00Z', reviewRequestWindowDays: 365 });
    expect(res.status).toBe(400);
  });

  it('stays refused after a withdrawal', async () => {
    const id = await answeredAtStageOne();
    await post(id, 'withdrawal', { withdrawnAt: '2026-03-17T09:00:00Z' }).expect(200);
    expectRule(await post(id, 'escalations', { requestedAt: '2026-03-18T09:00:00Z' }), 'complaint-ended');
  });

  it('can be refused as a recorded decision, after which that request cannot escalate the complaint', async () => {
    const id = await closedAtStageOne();
    const refusal = {
      refusedAt: '2026-03-20T09:00:00Z',
      requestedAt: '2026-03-18T09:00:00Z',
      ground: 'legal_proceedings',
      explanation: 'A disrepair claim about the same damp is before the county court.',
    };
    expectRule(
      await post(id, 'escalation-refusal', { ...refusal, ombudsmanReferralRightGiven: false }),
      'ombudsman-referral-right-required',
    );
    const res = await post(id, 'escalation-refusal', refusal);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.events).toEqual(['EscalationRefused']);
    expect(await view(id)).toMatchObject({
      status: 'closed',
      stage: 1,
      escalationRefusals: [{ ground: 'legal_proceedings', ombudsmanReferralRightGiven: true }],
    });
    expectRule(await post(id, 'escalations', { requestedAt: '2026-03-18T09:00:00Z' }), 'escalation-already-refused');
    await post(id, 'escalations', { requestedAt: '2026-03-23T09:00:00Z' }).expect(200);
  });
});

describe('stage 2 independent of everyone who acted on stage 1 (defect 5)', () => {
  it('refuses the stage 1 responder as the reviewer, or as the one recording stage 2', async () => {
    const id = await answeredAtStageOne();
    await post(id, 'escalations', { requestedAt: '2026-03-18T09:00:00Z' }).expect(200);
    const reviewer = { id: 'u-021', name: 'Alex Manager' };
    expectRule(
      await post(id, 'acknowledgements', { acknowledgedAt: '2026-03-19T10:00:00Z', handler: reviewer }, officer),
      'stage-2-recorder-must-be-independent',
    );
    expectRule(
      await post(
        id,
        'acknowledgements',
        { acknowledgedAt: '2026-03-19T10:00:00Z', handler: { id: 'u-officer', name: 'Sam' } },
        manager,
      ),
      'stage-2-handler-must-differ',
    );
    await post(id, 'acknowledgements', { acknowledgedAt: '2026-03-19T10:00:00Z', handler: reviewer }, manager).expect(
      200,
    );
    const response = {
      respondedAt: '2026-03-30T10:00:00+01:00',
      decisions: [{ head: HEAD, outcome: 'not_upheld', reasons: 'Fixed at stage 1.' }],
    };
    expectRule(await post(id, 'responses', response, officer), 'stage-2-recorder-must-be-independent');
    await post(id, 'responses', response, manager).expect(200);
    const events = (await history(id)).events.filter(
      (e) => e.type === 'ComplaintAcknowledged' || e.type === 'StageResponseIssued',
    );
    expect(events.map((e) => (e.data['recordedBy'] as { id: string }).id)).toEqual([
      'u-officer',
      'u-officer',
      'u-manager',
      'u-manager',
    ]);
  });
});

describe('refusals true to the facts (defect 6)', () => {
  const refusal = {
    refusedAt: '2026-03-03T09:00:00Z',
    ground: 'older_than_12_months',
    explanation: 'Raised too late.',
  };

  it('refuses "more than 12 months old" when the issue became known months before receipt', async () => {
    const id = await received({ issueKnownSince: '2026-01-26' });
    expectRule(await post(id, 'refusal', refusal), 'refusal-ground-not-supported');
  });

  it('needs a date for it, and the Ombudsman referral right for any ground', async () => {
    const id = await received();
    expectRule(await post(id, 'refusal', refusal), 'refusal-needs-issue-date');
    expectRule(
      await post(id, 'refusal', { ...refusal, issueKnownSince: '2024-01-10', ombudsmanReferralRightGiven: false }),
      'ombudsman-referral-right-required',
    );
    await post(id, 'refusal', { ...refusal, issueKnownSince: '2024-01-10' }).expect(200);
  });
});

describe('the complaint defined, and apologies (defects 7 and 8)', () => {
  it('refuses a stage 1 acknowledgement with no head of complaint', async () => {
    const id = await received();
    expectRule(
      await post(id, 'acknowledgements', {
        acknowledgedAt: '2026-03-04T10:00:00Z',
        handler: { id: 'u-1', name: 'Sam' },
      }),
      'complaint-definition-required',
    );
  });

  it('refuses an upheld head with no apology and no reason; records the reason when given', async () => {
    const id = await received();
    await post(id, 'acknowledgements', {
      acknowledgedAt: '2026-03-04T10:00:00Z',
      handler: { id: 'u-1', name: 'Sam' },
      headsOfComplaint: [HEAD],
    }).expect(200);
    const response = {
      respondedAt: '2026-03-16T16:00:00Z',
      decisions: [{ head: HEAD, outcome: 'upheld', reasons: 'Fan broken.' }],
    };
    expectRule(
      await post(id, 'responses', { ...response, remedies: { apology: false } }),
      'apology-or-reason-required',
    );
    expectRule(
      await post(id, 'responses', {
        ...response,
        decisions: [{ head: 'Something else', outcome: 'upheld', reasons: 'x' }],
        remedies: { apology: true },
      }),
      'decision-for-unknown-head',
    );
    await post(id, 'responses', {
      ...response,
      remedies: { apology: false, apologyNotGivenReason: 'The resident asked for no letters.' },
    }).expect(200);
    expect((await view(id)).stages[0]).toMatchObject({
      apology: false,
      apologyNotGivenReason: 'The resident asked for no letters.',
    });
  });
});

describe('contacts and satisfaction after closure (defects 9 and 11b)', () => {
  it('logs a call-back after closure and keeps one survey per stage', async () => {
    const id = await closedAtStageOne();
    await post(id, 'contacts', {
      at: '2026-03-18T10:00:00Z',
      direction: 'outbound',
      channel: 'phone',
      reached: true,
      summary: 'Called back about the outcome',
    }).expect(200);
    const survey = { recordedAt: '2026-03-19T10:00:00Z', withHandling: 'fairly_satisfied', withOutcome: 'neither' };
    await post(id, 'satisfaction', survey).expect(200);
    expectRule(
      await post(id, 'satisfaction', { ...survey, recordedAt: '2026-03-20T10:00:00Z' }),
      'satisfaction-already-recorded',
    );
    expectRule(await post(id, 'satisfaction', { ...survey, stage: 2 }), 'needs-stage-response');
    const complaint = await view(id);
    expect(complaint.contacts).toHaveLength(1);
    expect(complaint.satisfaction).toEqual({
      stage1: {
        recordedAt: '2026-03-19T10:00:00Z',
        withHandling: 'fairly_satisfied',
        withOutcome: 'neither',
        comment: null,
      },
      stage2: null,
    });
  });
});
