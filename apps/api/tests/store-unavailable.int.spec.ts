import { afterAll, beforeAll, expect, it } from 'vitest';
import { complaintBody, startTestApp, type TestApp } from './support/test-app';

/**
 * The database gone from under a running API (an aborted or closed PGlite; on PostgreSQL, a
 * pool that can no longer connect): every request that needs it is answered 503 problem+json
 * with Retry-After, never 500, and the process goes on answering what does not need it. Runs on
 * whichever store the API suite runs on (embedded by default, PostgreSQL with DATABASE_URL).
 */
let t: TestApp;
let officer: string;
let id: string;

beforeAll(async () => {
  t = await startTestApp();
  officer = await t.token('complaints_officer');
  const created = await t.http.post('/api/v1/complaints').auth(officer, { type: 'bearer' }).send(complaintBody());
  expect(created.status).toBe(201);
  id = (created.body as { id: string }).id;
  await t.infrastructure.sql.close();
});
afterAll(() => t?.close());

it.each([
  ['a create', () => t.http.post('/api/v1/complaints').auth(officer, { type: 'bearer' }).send(complaintBody())],
  [
    'a create with an Idempotency-Key',
    () =>
      t.http
        .post('/api/v1/complaints')
        .auth(officer, { type: 'bearer' })
        .set('Idempotency-Key', 'unavailable-1')
        .send(complaintBody()),
  ],
  ['a list', () => t.http.get('/api/v1/complaints').auth(officer, { type: 'bearer' })],
  ['a complaint', () => t.http.get(`/api/v1/complaints/${id}`).auth(officer, { type: 'bearer' })],
  [
    'a step',
    () =>
      t.http
        .post(`/api/v1/complaints/${id}/withdrawal`)
        .auth(officer, { type: 'bearer' })
        .send({ reason: 'Resolved informally' }),
  ],
])('%s answers 503 with Retry-After, as problem+json naming no internals', async (_name, send) => {
  const res = await send();
  expect(res.status).toBe(503);
  expect(res.headers['retry-after']).toMatch(/^\d+$/);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status: 503, type: '/problems/unavailable', correlationId: expect.any(String) });
  expect(res.text).not.toMatch(/PGlite|pool|node_modules|SELECT |INSERT /i);
});

it('the process goes on: /health still answers', async () => {
  expect((await t.http.get('/health')).status).toBe(200);
});
