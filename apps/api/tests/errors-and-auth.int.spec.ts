import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complaintBody, startTestApp, TEST_SECRET, type TestApp } from './support/test-app';

let t: TestApp;
let officer: string;

beforeAll(async () => {
  t = await startTestApp();
  officer = await t.token('complaints_officer');
});
afterAll(() => t?.close());

async function receive(overrides: Record<string, unknown> = {}) {
  const res = await t.http.post('/api/v1/complaints').auth(officer, { type: 'bearer' }).send(complaintBody(overrides));
  expect(res.status).toBe(201);
  return res.body as { id: string; reference: string; revision: number };
}

function expectProblem(
  res: { status: number; headers: Record<string, string>; body: Record<string, unknown>; text: string },
  status: number,
) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({
    status,
    type: expect.any(String),
    title: expect.any(String),
    detail: expect.any(String),
  });
  // Never a stack trace, SQL or a server path.
  expect(res.text).not.toMatch(/\bat .+\.(ts|js):\d+|node_modules|\/work\/|SELECT |INSERT |stack/i);
}

describe('health and readiness', () => {
  it('answers /health and /ready without a token', async () => {
    expect((await t.http.get('/health')).body).toEqual({ status: 'ok' });
    const ready = await t.http.get('/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ready' });
  });
});

describe('authentication (401) and roles (403)', () => {
  it('refuses a request without a token, with a Bearer challenge', async () => {
    const res = await t.http.get('/api/v1/complaints');
    expectProblem(res, 401);
    expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
  });

  it('refuses a badly signed, an expired and a malformed token', async () => {
    const otherKey = new TextEncoder().encode('another-secret-of-at-least-32-bytes!!');
    const forged = await new SignJWT({ roles: ['complaints_manager'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('x')
      .sign(otherKey);
    const expired = await new SignJWT({ roles: ['complaints_manager'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('x')
      .setExpirationTime(Math.floor(Date.parse('2024-01-01T00:00:00Z') / 1000))
      .sign(new TextEncoder().encode(TEST_SECRET));
    for (const token of [forged, expired, 'not-a-jwt']) {
      const res = await t.http.get('/api/v1/complaints').auth(token, { type: 'bearer' });
      expectProblem(res, 401);
      expect(res.headers['www-authenticate']).toContain('invalid_token');
    }
    const basic = await t.http.get('/api/v1/complaints').set('Authorization', 'Basic dXNlcjpwYXNz');
    expectProblem(basic, 401);
  });

  it('refuses a valid token whose role is not allowed (auditors write nothing)', async () => {
    const auditor = await t.token('auditor');
    const res = await t.http.post('/api/v1/complaints').auth(auditor, { type: 'bearer' }).send(complaintBody());
    expectProblem(res, 403);
    expect(res.body.detail).toContain('complaints_officer');
  });

  it('refuses a token with no role this API knows', async () => {
    const token = await new SignJWT({ name: 'CRM', roles: ['crm_reader'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('crm')
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(TEST_SECRET));
    expectProblem(await t.http.get('/api/v1/complaints').auth(token, { type: 'bearer' }), 403);
  });
});

describe('400: every invalid field, unknown fields refused', () => {
  it('lists each invalid, missing and unknown field of a new complaint', async () => {
    const res = await t.http
      .post('/api/v1/complaints')
      .auth(officer, { type: 'bearer' })
      .send({
        receivedAt: '2026-13-45',
        channel: '',
        complainant: { email: 'not-an-email', shoeSize: 9 },
        serviceArea: 5,
        tenure: 'XYZ',
        foo: 1,
      });
    expectProblem(res, 400);
    const fields = (res.body.errors as { field: string; message: string }[]).map((e) => e.field).sort();
    expect(fields).toEqual(
      [
        'channel',
        'complainant.email',
        'complainant.name',
        'complainant.shoeSize',
        'description',
        'foo',
        'receivedAt',
        'serviceArea',
        'tenure',
      ].sort(),
    );
    for (const error of res.body.errors as { message: string }[]) expect(error.message.length).toBeGreaterThan(0);
  });

  it('answers 400 for a malformed timestamp on a step, and for malformed JSON', async () => {
    const { id } = await receive();
    const res = await t.http
      .post(`/api/v1/complaints/${id}/acknowledgements`)
      .auth(officer, { type: 'bearer' })
      .send({ acknowledgedAt: '2026-03-04 10:00', handler: { id: 'u-1', name: 'Sam' } });
    expectProblem(res, 400);
    expect(res.body.errors).toEqual([{ field: 'acknowledgedAt', message: expect.any(String) }]);

    const malformed = await t.http
      .post(`/api/v1/complaints/${id}/acknowledgements`)
      .auth(officer, { type: 'bearer' })
      .set('Content-Type', 'application/json')
      .send('{"acknowledgedAt": ');
    expectProblem(malformed, 400);
  });

  it('answers 400 for an If-Match that is not a revision and for a bad query parameter', async () => {
    const { id } = await receive();
    const res = await t.http
      .post(`/api/v1/complaints/${id}/contacts`)
      .auth(officer, { type: 'bearer' })
      .set('If-Match', 'yesterday')
      .send({ direction: 'inbound', channel: 'phone', reached: true });
    expectProblem(res, 400);
    expect(res.body.errors[0].field).toBe('If-Match');
    const tsm = await t.http.get('/api/v1/reports/tsm?year=last').auth(officer, { type: 'bearer' });
    expectProblem(tsm, 400);
    expect(tsm.body.errors[0].field).toBe('year');
  });
});

describe('413 and 415', () => {
  it('refuses a body over 256 kB', async () => {
    const res = await t.http
      .post('/api/v1/complaints')
      .auth(officer, { type: 'bearer' })
      .send(complaintBody({ description: 'x'.repeat(300 * 1024) }));
    expectProblem(res, 413);
  });

  it('refuses a write that is not JSON', async () => {
    const res = await t.http
      .post('/api/v1/complaints')
      .auth(officer, { type: 'bearer' })
      .set('Content-Type', 'text/plain')
      .send('channel=phone');
    expectProblem(res, 415);
  });
});

describe('404', () => {
  it('answers 404 for an unknown complaint, on reads and on writes', async () => {
    expectProblem(
      await t.http.get('/api/v1/complaints/00000000-0000-4000-8000-000000000000').auth(officer, { type: 'bearer' }),
      404,
    );
    expectProblem(
      await t.http
        .post('/api/v1/complaints/00000000-0000-4000-8000-000000000000/escalations')
        .auth(officer, { type: 'bearer' })
        .send({ requestedAt: '2026-03-20T09:00:00Z' }),
      404,
    );
    expectProblem(await t.http.get('/api/v1/complaints/not%20an%20id/history').auth(officer, { type: 'bearer' }), 404);
  });

  it('answers 404 for an unknown route (with a token) and 401 without one', async () => {
    expectProblem(await t.http.get('/api/v1/no-such-thing').auth(officer, { type: 'bearer' }), 404);
    // Outside /api a path is a page: problem+json when the client asks for JSON, an HTML page for a browser.
    expectProblem(await t.http.get('/nothing-here').set('Accept', 'application/json'), 404);
    const page = await t.http.get('/nothing-here').set('Accept', 'text/html,application/xhtml+xml,*/*;q=0.8');
    expect(page.status).toBe(404);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('Page not found');
    expectProblem(await t.http.get('/api/v1/no-such-thing'), 401);
  });
});

describe('409: a rule of the domain, named, and nothing appended', () => {
  it('names the rule in `rule` and in the type URI', async () => {
    const { id } = await receive();
    const res = await t.http
      .post(`/api/v1/complaints/${id}/escalations`)
      .auth(officer, { type: 'bearer' })
      .send({ requestedAt: '2026-03-03T09:00:00Z' });
    expectProblem(res, 409);
    expect(res.body.rule).toBe('escalation-needs-stage-1-response');
    expect(res.body.type).toContain('escalation-needs-stage-1-response');
    const after = await t.http.get(`/api/v1/complaints/${id}`).auth(officer, { type: 'bearer' });
    expect(after.body.revision).toBe(1);
  });

  it('refuses a step dated in the future (409) and defaults a missing time to now', async () => {
    const { id } = await receive();
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
    const future = await t.http
      .post(`/api/v1/complaints/${id}/acknowledgements`)
      .auth(officer, { type: 'bearer' })
      .send({ acknowledgedAt: tomorrow, handler: { id: 'u-1', name: 'Sam Officer' } });
    expectProblem(future, 409);
    expect(future.body.rule).toBe('occurred-in-future');

    const before = Date.now();
    const now = await t.http
      .post(`/api/v1/complaints/${id}/acknowledgements`)
      .auth(officer, { type: 'bearer' })
      .send({ handler: { id: 'u-1', name: 'Sam Officer' }, headsOfComplaint: ['Mould'] });
    expect(now.status).toBe(200);
    const history = await t.http.get(`/api/v1/complaints/${id}/history`).auth(officer, { type: 'bearer' });
    const acknowledged = history.body.events.find((e: { type: string }) => e.type === 'ComplaintAcknowledged');
    expect(Date.parse(acknowledged.occurredAt)).toBeGreaterThanOrEqual(before - 1000);
  });
});

describe('412: If-Match', () => {
  it('applies a write at the current revision ("2" or 2) and refuses a stale one', async () => {
    const { id } = await receive();
    const first = await t.http
      .post(`/api/v1/complaints/${id}/contacts`)
      .auth(officer, { type: 'bearer' })
      .set('If-Match', '"1"')
      .send({ at: '2026-03-03T10:00:00Z', direction: 'outbound', channel: 'phone', reached: false });
    expect(first.status).toBe(200);
    expect(first.headers['etag']).toBe('"2"');
    expect(first.body).toMatchObject({ id, revision: 2, position: expect.stringMatching(/^\d+$/) });

    const bare = await t.http
      .post(`/api/v1/complaints/${id}/contacts`)
      .auth(officer, { type: 'bearer' })
      .set('If-Match', '2')
      .send({ at: '2026-03-03T11:00:00Z', direction: 'outbound', channel: 'phone', reached: true });
    expect(bare.status).toBe(200);

    const stale = await t.http
      .post(`/api/v1/complaints/${id}/contacts`)
      .auth(officer, { type: 'bearer' })
      .set('If-Match', '"2"')
      .send({ at: '2026-03-03T12:00:00Z', direction: 'inbound', channel: 'email', reached: true });
    expectProblem(stale, 412);
    expect(stale.body).toMatchObject({ expectedRevision: 2, currentRevision: 3 });
  });
});

describe('Idempotency-Key on POST /complaints', () => {
  it('replays the first answer for the same key and body, and appends nothing more', async () => {
    const key = `key-${crypto.randomUUID()}`;
    const body = complaintBody({ description: 'Fence panel blown down and not replaced.' });
    const first = await t.http
      .post('/api/v1/complaints')
      .auth(officer, { type: 'bearer' })
      .set('Idempotency-Key', key)
      .send(body);
    const again = await t.http
      .post('/api/v1/complaints')
      .auth(officer, { type: 'bearer' })
      .set('Idempotency-Key', key)
      .send(body);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers['location']).toBe(first.headers['location']);
    expect(again.headers['etag']).toBe('"1"');
    expect(again.headers['idempotent-replayed']).toBe('true');

    const history = await t.http.get(`/api/v1/complaints/${first.body.id}/history`).auth(officer, { type: 'bearer' });
    expect(history.body.events).toHaveLength(1);
  });

  it('refuses the same key with a different body (422), and accepts a different key', async () => {
    const key = `key-${crypto.randomUUID()}`;
    const first = await t.http
      .post('/api/v1/complaints')
      .auth(officer, { type: 'bearer' })
      .set('Idempotency-Key', key)
      .send(complaintBody());
    expect(first.status).toBe(201);
    const reused = await t.http
      .post('/api/v1/complaints')
      .auth(officer, { type: 'bearer' })
      .set('Idempotency-Key', key)
      .send(complaintBody({ serviceArea: 'estate services' }));
    expectProblem(reused, 422);
    const other = await t.http
      .post('/api/v1/complaints')
      .auth(officer, { type: 'bearer' })
      .set('Idempotency-Key', `${key}-2`)
      .send(complaintBody());
    expect(other.status).toBe(201);
    expect(other.body.id).not.toBe(first.body.id);
  });

  it('does not keep a key whose request failed, so a corrected retry goes through', async () => {
    const key = `key-${crypto.randomUUID()}`;
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
    const refused = await t.http
      .post('/api/v1/complaints')
      .auth(officer, { type: 'bearer' })
      .set('Idempotency-Key', key)
      .send(complaintBody({ receivedAt: tomorrow }));
    expectProblem(refused, 409);
    const retried = await t.http
      .post('/api/v1/complaints')
      .auth(officer, { type: 'bearer' })
      .set('Idempotency-Key', key)
      .send(complaintBody());
    expect(retried.status).toBe(201);
  });
});

describe('correlation ids and request logs', () => {
  it('echoes a caller correlation id, records it on the event, and logs the request on one line', async () => {
    const res = await t.http
      .post('/api/v1/complaints')
      .auth(officer, { type: 'bearer' })
      .set('X-Correlation-Id', 'trace-abc-123')
      .send(complaintBody());
    expect(res.headers['x-correlation-id']).toBe('trace-abc-123');
    const history = await t.http.get(`/api/v1/complaints/${res.body.id}/history`).auth(officer, { type: 'bearer' });
    expect(history.body.events[0].correlationId).toBe('trace-abc-123');
    const line = t.logs.find((l) => l['msg'] === 'request' && l['correlationId'] === 'trace-abc-123');
    expect(line).toMatchObject({
      method: 'POST',
      path: '/api/v1/complaints',
      status: 201,
      ms: expect.any(Number),
      actor: 'dev-complaints-officer',
    });
  });

  it('generates an id when none (or an unsafe one) is given, and puts it in problems too', async () => {
    const res = await t.http.get('/api/v1/complaints').set('X-Correlation-Id', 'bad id with spaces; "quotes"');
    expect(res.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.body.correlationId).toBe(res.headers['x-correlation-id']);
  });
});

describe('OpenAPI', () => {
  it('serves the document with the bearer scheme, zod-generated bodies and problem responses', async () => {
    const res = await t.http.get('/api/docs-json');
    expect(res.status).toBe(200);
    const doc = res.body;
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    const create = doc.paths['/api/v1/complaints'].post;
    // The body is a named component: follow the reference.
    const ref = create.requestBody.content['application/json'].schema.$ref;
    expect(ref).toBe('#/components/schemas/ReceiveComplaintRequest');
    const schema = doc.components.schemas.ReceiveComplaintRequest;
    expect(schema.required).toEqual(expect.arrayContaining(['channel', 'complainant', 'serviceArea', 'description']));
    expect(schema.additionalProperties).toBe(false);
    expect(create['x-roles']).toEqual(['complaints_officer', 'complaints_manager']);
    expect(create.description).toContain('Roles: `complaints_officer`, `complaints_manager`.');
    expect(create.responses['400'].content['application/problem+json']).toBeDefined();
    expect(doc.info.description).toContain('stage-2-handler-must-differ');
    expect((await t.http.get('/api/docs/')).text).toContain('swagger');
  });
});
