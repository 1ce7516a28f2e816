import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complaintBody, startTestApp, uniqueServiceArea, type TestApp } from './support/test-app';

/**
 * Free text staff write about a case can name people (issue 12): extension and assignment
 * reasons, the closure outcome, a lesson's text, root cause, improvement action and owner, the
 * payment method, the Ombudsman's findings and orders, the evidence of compliance, and the
 * erasure's own reason. Each is personal: readable by entitled roles before erasure, read as
 * "[erased]" everywhere after it (history, chronology), and never on the feed or its SSE stream.
 * Category and channel are vocabularies instead, so they stay for the statistics.
 * Each field carries its own marker, so a test failure names the field that leaked.
 */
const MARKS = {
  assignment: 'Mark-assign Ellis',
  extension: 'Mark-extend Ellis',
  goodReason: 'Mark-good-reason Ellis',
  lesson: 'Mark-lesson Ellis',
  rootCause: 'Mark-root-cause Ellis',
  improvement: 'Mark-improve Ellis',
  owner: 'Mark-owner Ellis',
  payment: 'Mark-payment Ellis',
  outcome: 'Mark-outcome Ellis',
  finding: 'Mark-finding Ellis',
  order: 'Mark-order Ellis',
  evidence: 'Mark-evidence Ellis',
  erasure: 'Mark-erasure Ellis',
} as const;

let t: TestApp;
let officer: string;
let manager: string;
let auditor: string;
let integration: string;
let admin: string;
let id: string;
let before: { history: string; chronology: string };
let feedFrom: string;

const get = (path: string, token: string) => t.http.get(path).auth(token, { type: 'bearer' });

async function post(path: string, body: Record<string, unknown>, token = officer) {
  const res = await t.http.post(path).auth(token, { type: 'bearer' }).send(body);
  expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
  return res.body as { id: string };
}

/** The feed's events of this complaint from the start of the log, as text. */
async function feedText(): Promise<string> {
  const res = await get(`/api/v1/events?after=${feedFrom}&limit=1000`, integration);
  expect(res.status).toBe(200);
  const mine = (res.body.events as { complaintId: string }[]).filter((e) => e.complaintId === id);
  expect(mine.length).toBeGreaterThan(10);
  return JSON.stringify(mine);
}

beforeAll(async () => {
  t = await startTestApp();
  officer = await t.token('complaints_officer');
  manager = await t.token('complaints_manager');
  auditor = await t.token('auditor');
  integration = await t.token('integration');
  admin = await t.token('admin');
  // The feed page starts just before this complaint's first event (the log may hold others).
  let head = '0';
  for (;;) {
    const page = (await get(`/api/v1/events?after=${head}&limit=1000`, integration)).body as {
      events: unknown[];
      next: string;
    };
    head = page.next;
    if (page.events.length < 1000) break;
  }
  feedFrom = head;

  ({ id } = await post(
    '/api/v1/complaints',
    complaintBody({ serviceArea: uniqueServiceArea('freetext'), channel: 'email', category: 'Damp-and-Mould' }),
  ));
  const c = `/api/v1/complaints/${id}`;
  await post(`${c}/acknowledgements`, {
    acknowledgedAt: '2026-03-03T10:00:00Z',
    handler: { id: 'u-sam', name: 'Sam Officer' },
    method: 'letter',
    headsOfComplaint: ['Mould'],
  });
  await post(`${c}/assignments`, {
    assignedAt: '2026-03-04T10:00:00Z',
    handler: { id: 'u-alex', name: 'Alex Officer' },
    reason: MARKS.assignment,
  });
  await post(`${c}/extensions`, {
    agreedAt: '2026-03-05T10:00:00Z',
    additionalWorkingDays: 15,
    reason: MARKS.extension,
    goodReason: MARKS.goodReason,
    residentInformed: true,
    ombudsmanDetailsGiven: true,
  });
  await post(`${c}/responses`, {
    respondedAt: '2026-03-10T10:00:00Z',
    decisions: [{ head: 'Mould', outcome: 'upheld', reasons: 'Fan never fitted' }],
    remedies: { apology: true, compensation: [{ amountPence: 10000, kind: 'time_and_trouble' }] },
  });
  await post(`${c}/compensation-payments`, {
    paidAt: '2026-03-11T10:00:00Z',
    amountPence: 10000,
    kind: 'time_and_trouble',
    method: MARKS.payment,
  });
  await post(`${c}/lessons`, {
    recordedAt: '2026-03-12T10:00:00Z',
    lesson: MARKS.lesson,
    rootCause: MARKS.rootCause,
    improvementAction: MARKS.improvement,
    owner: MARKS.owner,
  });
  await post(`${c}/closure`, { closedAt: '2026-03-13T10:00:00Z', outcome: MARKS.outcome }, manager);
  await post(`${c}/ombudsman/referral`, { referredAt: '2026-04-01T10:00:00Z', ombudsmanReference: 'HO-FT-1' });
  await post(`${c}/ombudsman/determination`, {
    determinedAt: '2026-05-01T10:00:00Z',
    ombudsmanReference: 'HO-FT-1',
    findings: [{ element: MARKS.finding, finding: 'service_failure' }],
    orders: [{ orderId: 'order-1', description: MARKS.order, dueBy: '2026-05-29' }],
  });
  await post(`${c}/ombudsman/orders/order-1/compliance`, {
    compliedAt: '2026-05-10T10:00:00Z',
    evidence: MARKS.evidence,
  });
  before = {
    history: (await get(`${c}/history`, auditor)).text,
    chronology: (await get(`${c}/chronology`, auditor)).text,
  };
  await post(
    `${c}/personal-data/erasure`,
    { erasedAt: '2026-06-01T10:00:00Z', basis: 'data_subject_request', reason: MARKS.erasure },
    admin,
  );
});
afterAll(() => t?.close());

describe('free text that can name people, before and after erasure', () => {
  it('before erasure, entitled roles read every field as written (the positive control of the scans below)', () => {
    for (const [field, mark] of Object.entries(MARKS)) {
      if (field === 'erasure') continue;
      expect(before.history, field).toContain(mark);
    }
    // The chronology names them too (the owner included), so a scan for them can find them.
    for (const mark of [
      MARKS.assignment,
      MARKS.extension,
      MARKS.lesson,
      MARKS.owner,
      MARKS.payment,
      MARKS.outcome,
      MARKS.finding,
      MARKS.order,
      MARKS.evidence,
    ]) {
      expect(before.chronology).toContain(mark);
    }
  });

  it('after erasure, the history reads every one of them as [erased], the erasure reason too', async () => {
    const res = await get(`/api/v1/complaints/${id}/history`, auditor);
    expect(res.status).toBe(200);
    for (const [field, mark] of Object.entries(MARKS)) expect(res.text, field).not.toContain(mark);
    const data = (type: string) =>
      (res.body.events as { type: string; data: Record<string, unknown> }[]).find((e) => e.type === type)!.data;
    expect(data('ComplaintAssigned')).toMatchObject({ reason: '[erased]', handler: { id: 'u-alex' } });
    expect(data('ExtensionAgreed')).toMatchObject({
      reason: '[erased]',
      goodReason: '[erased]',
      additionalWorkingDays: 15,
    });
    expect(data('CompensationPaid')).toMatchObject({ method: '[erased]', amountPence: 10000 });
    expect(data('LessonRecorded')).toMatchObject({
      lesson: '[erased]',
      rootCause: '[erased]',
      improvementAction: '[erased]',
      owner: '[erased]',
    });
    expect(data('ComplaintClosed')).toMatchObject({ outcome: '[erased]' });
    expect(data('OmbudsmanDeterminationRecorded')).toMatchObject({
      findings: [{ element: '[erased]', finding: 'service_failure' }],
      orders: [{ orderId: 'order-1', description: '[erased]' }],
    });
    expect(data('OmbudsmanOrderComplied')).toMatchObject({ evidence: '[erased]', orderId: 'order-1' });
    expect(data('PersonalDataErased')).toMatchObject({ basis: 'data_subject_request', reason: '[erased]' });
    expect(res.body.state.personalDataErased).toMatchObject({ basis: 'data_subject_request', reason: '[erased]' });
    // Category and channel are vocabularies: kept for the statistics, in the organisation's spelling.
    expect(data('ComplaintReceived')).toMatchObject({
      category: 'damp and mould',
      channel: 'email',
      complainant: '[erased]',
    });
    expect(data('ComplaintAcknowledged')).toMatchObject({ method: 'letter' });
  });

  it('after erasure, the chronology (JSON) has none of them', async () => {
    const res = await get(`/api/v1/complaints/${id}/chronology`, auditor);
    expect(res.status).toBe(200);
    for (const [field, mark] of Object.entries(MARKS)) expect(res.text, field).not.toContain(mark);
    expect(res.text).toContain('[erased]');
    expect(res.text).toContain('Personal data erased at the data subject');
  });

  it('the feed never carries them, before or after erasure, and lists them as withheld', async () => {
    const text = await feedText();
    for (const [field, mark] of Object.entries(MARKS)) expect(text, field).not.toContain(mark);
    const events = JSON.parse(text) as {
      type: string;
      personalDataWithheld: string[];
      data: Record<string, unknown>;
    }[];
    const withheld = (type: string) => events.find((e) => e.type === type)!.personalDataWithheld;
    expect(withheld('LessonRecorded')).toEqual(['lesson', 'rootCause', 'improvementAction', 'owner']);
    expect(withheld('OmbudsmanDeterminationRecorded')).toEqual(['findings[].element', 'orders[].description']);
    expect(withheld('PersonalDataErased')).toEqual(['reason']);
    expect(events.find((e) => e.type === 'ComplaintReceived')!.data).toMatchObject({
      channel: 'email',
      category: 'damp and mould',
    });
  });

  it('the SSE stream replays the same events without them', async () => {
    const controller = new AbortController();
    const res = await fetch(`${t.baseUrl}/api/v1/events/stream?after=${feedFrom}`, {
      headers: { authorization: `Bearer ${integration}` },
      signal: controller.signal,
    });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    // Read until this complaint's erasure has come by: it is its last event.
    while (
      !new RegExp(
        `"complaintId":"${id}"[^\\n]*"type":"PersonalDataErased"|"type":"PersonalDataErased"[^\\n]*"complaintId":"${id}"`,
      ).test(text)
    ) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    controller.abort();
    expect(text).toContain(id);
    expect(text).toContain('"type":"LessonRecorded"');
    for (const [field, mark] of Object.entries(MARKS)) expect(text, field).not.toContain(mark);
  });

  it("records a category that is none of the organisation's as 'other', its words personal: read by the team, [erased] with the key, never on the feed", async () => {
    const words = `Mrs Ellis at number 4 ${Date.now()}`;
    const other = await post(
      '/api/v1/complaints',
      complaintBody({ serviceArea: uniqueServiceArea('freetext'), category: words }),
    );
    const history = async () =>
      (await get(`/api/v1/complaints/${other.id}/history`, auditor)).body.events as {
        type: string;
        data: Record<string, unknown>;
      }[];
    expect((await history())[0]!.data).toMatchObject({ category: 'other', categoryDetail: words });
    const feed = (await get(`/api/v1/events?after=${feedFrom}&limit=1000`, integration)).text;
    expect(feed).toContain(other.id);
    expect(feed).not.toContain(words);
    const c = `/api/v1/complaints/${other.id}`;
    await post(`${c}/withdrawal`, { withdrawnAt: '2026-03-03T10:00:00Z', reason: 'Resolved' });
    await post(`${c}/personal-data/erasure`, { erasedAt: '2026-03-04T10:00:00Z' }, admin);
    expect((await history())[0]!.data).toMatchObject({ category: 'other', categoryDetail: '[erased]' });
  });

  it('records a channel named by a synonym as its channel, and any other words as other without them', async () => {
    const byPhone = await post(
      '/api/v1/complaints',
      complaintBody({ serviceArea: uniqueServiceArea('freetext'), channel: 'Telephone' }),
    );
    const byWords = await post(
      '/api/v1/complaints',
      complaintBody({ serviceArea: uniqueServiceArea('freetext'), channel: 'via her son Tom' }),
    );
    const received = async (complaintId: string) =>
      (
        (await get(`/api/v1/complaints/${complaintId}/history`, auditor)).body.events as {
          data: Record<string, unknown>;
        }[]
      )[0]!.data;
    expect(await received(byPhone.id)).toMatchObject({ channel: 'phone' });
    expect(await received(byWords.id)).toMatchObject({ channel: 'other' });
    expect(JSON.stringify(await received(byWords.id))).not.toContain('Tom');
  });
});
