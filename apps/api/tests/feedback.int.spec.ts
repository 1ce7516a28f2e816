import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complaintIdForFeedback } from '../src/feedback/convert-feedback';
import { startTestApp, uniqueServiceArea, type TestApp } from './support/test-app';

/**
 * Feedback that is not a complaint (docs/feedback.md) through the API: compliments shared with
 * staff, comments passed to the manager, service requests completed, and a concern or service
 * request turned into a formal complaint, linked both ways and safe to retry.
 */
let t: TestApp;
let officer: string;
let manager: string;
let auditor: string;
let panel: string;

const post = (path: string, body: unknown, token = officer) =>
  t.http
    .post(`/api/v1/feedback${path}`)
    .auth(token, { type: 'bearer' })
    .send(body as object);
const get = (path: string, token = officer) => t.http.get(`/api/v1/feedback${path}`).auth(token, { type: 'bearer' });
const fieldsOf = (res: { body: { errors?: { field: string }[] } }) =>
  (res.body.errors ?? []).map((e) => e.field).sort();

const feedbackBody = (overrides: Record<string, unknown> = {}) => ({
  kind: 'comment',
  receivedAt: '2026-03-02T09:15:00Z',
  channel: 'telephone',
  serviceArea: 'Repairs',
  summary: 'Mrs Ellis says the repairs line kept her on hold for 40 minutes.',
  from: { name: 'Margaret Ellis', contact: '0161 496 0001' },
  ...overrides,
});

async function received(overrides: Record<string, unknown> = {}): Promise<string> {
  const res = await post('', feedbackBody(overrides));
  expect(res.status).toBe(201);
  return res.body.id as string;
}

beforeAll(async () => {
  t = await startTestApp();
  officer = await t.token('complaints_officer');
  manager = await t.token('complaints_manager', 'mgr-2');
  auditor = await t.token('auditor');
  panel = await t.token('scrutiny_panel');
}, 60_000);

afterAll(async () => {
  await t?.close();
});

describe('POST /api/v1/feedback', () => {
  it('records a compliment: 201 with id and revision, Location and ETag; the item reads back with its personal fields', async () => {
    const res = await post(
      '',
      feedbackBody({
        kind: 'compliment',
        summary: 'The engineer was kind and quick.',
        staffMember: 'Priya Shah',
        team: 'Repairs north',
      }),
      manager,
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ revision: 1, events: ['FeedbackReceived'] });
    const id = res.body.id as string;
    expect(res.headers['location']).toBe(`/api/v1/feedback/${id}`);
    expect(res.headers['etag']).toBe('"1"');

    const item = await get(`/${id}`);
    expect(item.status).toBe(200);
    expect(item.headers['etag']).toBe('"1"');
    expect(item.body).toMatchObject({
      id,
      revision: 1,
      kind: 'compliment',
      receivedAt: '2026-03-02T09:15:00Z',
      channel: 'phone',
      serviceArea: 'Repairs',
      summary: 'The engineer was kind and quick.',
      staffMember: 'Priya Shah',
      team: 'Repairs north',
      from: { name: 'Margaret Ellis', contact: '0161 496 0001' },
      shared: [],
      passedToManager: [],
      completed: null,
      complaint: null,
    });
    expect(item.body.history).toEqual([
      expect.objectContaining({
        type: 'FeedbackReceived',
        description:
          'Compliment received by phone from Margaret Ellis, about Repairs: The engineer was kind and quick. It praises Priya Shah of Repairs north.',
      }),
    ]);
  });

  it('keeps its personal fields encrypted in the store', async () => {
    const id = await received({ summary: 'Bob Tenant at 4 Acacia Avenue asked about the bins.' });
    const stored = await t.infrastructure.complaints.inCategory('feedback').readStored(id);
    const text = JSON.stringify(stored.map((r) => r.data));
    expect(text).not.toContain('Bob Tenant');
    expect(text).not.toContain('Margaret Ellis');
    expect(text).toContain('Repairs');
  });

  it('refuses bad fields as problem+json naming each, and unknown fields', async () => {
    const bad = await post('', {
      kind: 'moan',
      receivedAt: 'yesterday',
      serviceArea: '',
      summary: '',
      dataSubjectId: 'mine',
      colour: 'red',
    });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(fieldsOf(bad)).toEqual([
      'channel',
      'colour',
      'dataSubjectId',
      'kind',
      'receivedAt',
      'serviceArea',
      'summary',
    ]);
  });

  it('names a staff member or team only on a compliment (409 with the rule)', async () => {
    const res = await post('', feedbackBody({ kind: 'service_request', staffMember: 'Priya Shah' }));
    expect(res.status).toBe(409);
    expect(res.body.rule).toBe('feedback-staff-only-for-compliments');
  });

  it('is written by officers and managers only; auditors read it, panels do not', async () => {
    expect((await post('', feedbackBody(), auditor)).status).toBe(403);
    expect((await post('', feedbackBody(), panel)).status).toBe(403);
    const id = await received();
    expect((await get(`/${id}`, auditor)).status).toBe(200);
    expect((await get(`/${id}`, panel)).status).toBe(403);
    expect((await get('', panel)).status).toBe(403);
  });

  it('replays the first answer for a repeated Idempotency-Key', async () => {
    const key = randomUUID();
    const first = await post('', feedbackBody()).set('Idempotency-Key', key);
    const again = await post('', feedbackBody()).set('Idempotency-Key', key);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers['idempotent-replayed']).toBe('true');
  });

  it('answers a retry with the same key as the first would have when that attempt appended and died before its answer was kept', async () => {
    const key = randomUUID();
    const first = await post('', feedbackBody()).set('Idempotency-Key', key);
    // As if the answer had never been stored: the key's record gone, the item in the log.
    await t.infrastructure.sql.query('DELETE FROM api_idempotency_requests WHERE idempotency_key = $1', [key]);
    const retry = await post('', feedbackBody()).set('Idempotency-Key', key);
    expect(retry.status, JSON.stringify(retry.body)).toBe(201);
    expect(retry.body).toMatchObject({ id: first.body.id, revision: 1, events: ['FeedbackReceived'] });
    expect((await t.infrastructure.complaints.inCategory('feedback').load(first.body.id as string)).revision).toBe(1);
  });
});

describe('the steps', () => {
  it('a compliment is shared with the staff member (Salix §35); a comment cannot be', async () => {
    const compliment = await received({ kind: 'compliment', staffMember: 'Priya Shah' });
    const shared = await post(`/${compliment}/shared`, { sharedAt: '2026-03-03T09:00:00Z', sharedWith: 'Priya Shah' });
    expect(shared.status).toBe(200);
    expect(shared.body).toMatchObject({ revision: 2, events: ['FeedbackShared'] });
    expect(shared.headers['etag']).toBe('"2"');
    expect((await get(`/${compliment}`)).body.shared).toEqual([
      { sharedAt: '2026-03-03T09:00:00Z', sharedWith: 'Priya Shah', sharedBy: expect.any(String) },
    ]);

    const comment = await received();
    const refused = await post(`/${comment}/shared`, { sharedWith: 'Priya Shah' });
    expect(refused.status).toBe(409);
    expect(refused.body.rule).toBe('feedback-share-only-compliments');
  });

  it('a comment is passed to the service manager; with a stale If-Match, 412', async () => {
    const comment = await received();
    const passed = await post(`/${comment}/passed-to-manager`, {
      passedAt: '2026-03-03T09:00:00Z',
      manager: 'Sam Head',
      note: 'For the team meeting.',
    }).set('If-Match', '"1"');
    expect(passed.status).toBe(200);
    const stale = await post(`/${comment}/passed-to-manager`, { manager: 'Sam Head' }).set('If-Match', '"1"');
    expect(stale.status).toBe(412);
    expect((await get(`/${comment}`)).body.passedToManager).toEqual([
      {
        passedAt: '2026-03-03T09:00:00Z',
        manager: 'Sam Head',
        note: 'For the team meeting.',
        passedBy: expect.any(String),
      },
    ]);
  });

  it('a service request is completed once; a step before receipt, on an unknown item, or with bad fields is refused', async () => {
    const request = await received({ kind: 'service_request', summary: 'Gutter blocked at 4 Elm Road.' });
    expect(
      (await post(`/${request}/completed`, { completedAt: '2026-03-05T15:00:00Z', outcome: 'Gutter cleared.' })).status,
    ).toBe(200);
    const twice = await post(`/${request}/completed`, {});
    expect([twice.status, twice.body.rule]).toEqual([409, 'service-request-already-completed']);
    const early = await post(`/${await received({ kind: 'service_request' })}/completed`, {
      completedAt: '2026-03-01T15:00:00Z',
    });
    expect([early.status, early.body.rule]).toEqual([409, 'feedback-occurred-before-receipt']);
    expect((await post(`/${randomUUID()}/completed`, {})).status).toBe(404);
    expect((await get(`/${randomUUID()}`)).status).toBe(404);
    const bad = await post(`/${request}/passed-to-manager`, { manager: '', extra: 1 });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad)).toEqual(['extra', 'manager']);
  });
});

describe('GET /api/v1/feedback', () => {
  it('lists by kind, service area and period, newest first, paged, without personal data', async () => {
    const area = uniqueServiceArea('Estates');
    const older = await received({
      serviceArea: area,
      kind: 'compliment',
      receivedAt: '2026-01-10T10:00:00Z',
      summary: 'Lovely clean stairs, says Ann Lee.',
    });
    const newer = await received({ serviceArea: area, kind: 'service_request', receivedAt: '2026-02-10T10:00:00Z' });
    const list = await get(`?serviceArea=${area}`);
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ total: 2, limit: 100, offset: 0 });
    expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([newer, older]);
    expect(JSON.stringify(list.body)).not.toContain('Ann Lee');
    expect(JSON.stringify(list.body)).not.toContain('Margaret Ellis');
    expect((await get(`?serviceArea=${area}&kind=compliment`)).body.items.map((i: { id: string }) => i.id)).toEqual([
      older,
    ]);
    expect(
      (await get(`?serviceArea=${area}&from=2026-02-01&to=2026-02-28`)).body.items.map((i: { id: string }) => i.id),
    ).toEqual([newer]);
    expect((await get(`?serviceArea=${area}&limit=1&offset=1`)).body.items.map((i: { id: string }) => i.id)).toEqual([
      older,
    ]);
    const bad = await get('?kind=moan&from=2026-13-01&limit=0');
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad)).toEqual(['from', 'kind', 'limit']);
  });
});

describe('turning feedback into a formal complaint', () => {
  it('a concern resolved at first contact becomes a complaint, taken from the feedback; both record the link', async () => {
    const feedbackId = await received({
      kind: 'resolved_at_first_contact',
      summary: 'Boiler repair promised on the phone.',
    });
    const res = await post(`/${feedbackId}/complaint`, {
      receivedAt: '2026-03-04T10:00:00Z',
      outcomeSought: 'The boiler fixed properly',
    });
    expect(res.status).toBe(201);
    const complaintId = res.body.id as string;
    expect(res.body).toMatchObject({
      created: true,
      events: ['ComplaintReceived', 'ComplaintRaisedFromFeedback'],
      feedback: { id: feedbackId, revision: 2 },
    });
    expect(res.headers['location']).toBe(`/api/v1/complaints/${complaintId}`);

    const complaint = (await t.http.get(`/api/v1/complaints/${complaintId}`).auth(officer, { type: 'bearer' })).body;
    expect(complaint).toMatchObject({ reference: res.body.reference, serviceArea: 'Repairs', channel: 'phone' });
    expect(complaint.raisedFromFeedback).toEqual({ feedbackId, kind: 'resolved_at_first_contact' });
    // How to reach the resident comes across with their name.
    expect(complaint.complainant).toMatchObject({ name: 'Margaret Ellis', phone: '0161 496 0001' });
    const history = (await t.http.get(`/api/v1/complaints/${complaintId}/history`).auth(auditor, { type: 'bearer' }))
      .body;
    expect(JSON.stringify(history)).toContain('ComplaintRaisedFromFeedback');
    const chronology = (
      await t.http.get(`/api/v1/complaints/${complaintId}/chronology`).auth(auditor, { type: 'bearer' })
    ).body.entries as { event: string; description: string }[];
    expect(chronology.find((e) => e.event === 'ComplaintRaisedFromFeedback')?.description).toBe(
      `Raised as a formal complaint from a concern resolved at first contact (feedback ${feedbackId}) the resident was still unhappy about.`,
    );

    const item = (await get(`/${feedbackId}`)).body;
    expect(item.complaint).toEqual({
      id: complaintId,
      reference: res.body.reference,
      convertedAt: '2026-03-04T10:00:00Z',
    });
    const listed = (await get('?kind=resolved_at_first_contact&limit=500')).body.items.find(
      (i: { id: string }) => i.id === feedbackId,
    );
    expect(listed.complaint).toEqual({
      id: complaintId,
      reference: res.body.reference,
      convertedAt: '2026-03-04T10:00:00Z',
    });

    // A repeat makes no second complaint and records nothing more.
    const again = await post(`/${feedbackId}/complaint`, {});
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: complaintId, created: false, feedback: { id: feedbackId, revision: 2 } });
    // Nothing that contradicts it afterwards.
    const passed = await post(`/${feedbackId}/passed-to-manager`, { manager: 'Sam Head' });
    expect([passed.status, passed.body.rule]).toEqual([409, 'feedback-converted-to-complaint']);
  });

  it('merges the complainant given with the one the feedback holds, field by field', async () => {
    const feedbackId = await received({
      kind: 'service_request',
      summary: 'Gate latch broken.',
      from: { name: 'Ade Bello', contact: 'ade.bello@example.org' },
    });
    const res = await post(`/${feedbackId}/complaint`, {
      receivedAt: '2026-03-04T10:00:00Z',
      complainant: { phone: '0161 496 0456' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const complaint = (
      await t.http.get(`/api/v1/complaints/${res.body.id as string}`).auth(officer, { type: 'bearer' })
    ).body;
    expect(complaint.complainant).toMatchObject({
      name: 'Ade Bello',
      email: 'ade.bello@example.org',
      phone: '0161 496 0456',
    });
  });

  it('a retry after a crash between the two writes finishes the link instead of making a second complaint', async () => {
    const feedbackId = await received({ kind: 'service_request', summary: 'Fence panel down.' });
    // The first attempt received the complaint and died before the feedback recorded the link.
    const complaintId = complaintIdForFeedback(feedbackId);
    await t.infrastructure.complaints.append(
      complaintId,
      [
        {
          type: 'ComplaintReceived',
          data: {
            occurredAt: '2026-03-04T10:00:00Z',
            complaintId,
            reference: 'CMP-2026-90001',
            dataSubjectId: 'ds-crash',
            channel: 'phone',
            complainant: { name: 'Margaret Ellis' },
            serviceArea: 'Repairs',
            description: 'Fence panel down.',
          },
        },
        {
          type: 'ComplaintRaisedFromFeedback',
          data: { occurredAt: '2026-03-04T10:00:00Z', feedbackId, kind: 'service_request' },
        },
      ],
      {
        expectedRevision: 'no_stream',
        actor: { id: 'u-officer', name: 'Olu Officer', role: 'complaints_officer' },
        correlationId: randomUUID(),
        dataSubjectId: 'ds-crash',
      },
    );
    // The retry names no time: the link is dated when the complaint was received, not when retried.
    const retry = await post(`/${feedbackId}/complaint`, {});
    expect(retry.status).toBe(200);
    expect(retry.body).toMatchObject({
      id: complaintId,
      reference: 'CMP-2026-90001',
      created: false,
      feedback: { id: feedbackId, revision: 2 },
    });
    expect((await get(`/${feedbackId}`)).body.complaint).toEqual({
      id: complaintId,
      reference: 'CMP-2026-90001',
      convertedAt: '2026-03-04T10:00:00Z',
    });
    const { envelopes } = await t.infrastructure.complaints.load(complaintId);
    expect(envelopes.map((e) => e.type)).toEqual(['ComplaintReceived', 'ComplaintRaisedFromFeedback']);
  });

  it('a compliment or comment cannot be; nor one without anyone to name as complainant; nothing is recorded', async () => {
    const compliment = await received({ kind: 'compliment' });
    const refused = await post(`/${compliment}/complaint`, {});
    expect([refused.status, refused.body.rule]).toEqual([409, 'feedback-convert-only-concerns']);
    expect((await t.infrastructure.complaints.load(complaintIdForFeedback(compliment))).revision).toBe(0);

    const anonymous = await received({ kind: 'service_request', from: undefined });
    const unnamed = await post(`/${anonymous}/complaint`, {});
    expect(unnamed.status).toBe(400);
    expect(fieldsOf(unnamed)).toEqual(['complainant']);
    const named = await post(`/${anonymous}/complaint`, {
      complainant: { name: 'Ann Lee' },
      relatedTo: { complaintId: 'x' },
    });
    expect(named.status).toBe(400);
    expect(fieldsOf(named)).toEqual(['relatedTo']);
    expect((await post(`/${randomUUID()}/complaint`, {})).status).toBe(404);
  });
});

describe('GET /api/v1/panel/feedback', () => {
  it('gives panels counts by kind and service area for a reporting year, small numbers suppressed', async () => {
    const area = uniqueServiceArea('Grounds');
    for (let i = 0; i < 6; i++)
      await received({ serviceArea: area, kind: 'compliment', receivedAt: '2025-05-01T10:00:00Z' });
    await received({ serviceArea: area, kind: 'service_request', receivedAt: '2025-06-01T10:00:00Z' });
    const res = await t.http.get('/api/v1/panel/feedback?year=2025').auth(panel, { type: 'bearer' });
    expect(res.status).toBe(200);
    expect(res.body.period).toEqual({ from: '2025-04-01', to: '2026-03-31' });
    const mine = res.body.byServiceArea.find((a: { serviceArea: string }) => a.serviceArea === area);
    expect(mine.byKind.cells).toEqual([
      { answer: 'compliment', count: 6 },
      { answer: 'comment', count: 'fewer than 5' },
      { answer: 'resolved_at_first_contact', count: 'fewer than 5' },
      { answer: 'service_request', count: 'fewer than 5' },
    ]);
    expect(JSON.stringify(res.body)).not.toContain('Margaret Ellis');
    expect((await t.http.get('/api/v1/panel/feedback?year=twenty').auth(panel, { type: 'bearer' })).status).toBe(400);
  });
});
