import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complaintBody, startTestApp, uniqueServiceArea, type TestApp } from './support/test-app';

let t: TestApp;
let officer: string;

beforeAll(async () => {
  t = await startTestApp();
  officer = await t.token('complaints_officer');
});
afterAll(() => t?.close());

describe('reads that wait for a position (read-your-writes)', () => {
  it('answers once the read models have applied the write named by its position', async () => {
    const area = uniqueServiceArea('lifts');
    const created = await t.http
      .post('/api/v1/complaints')
      .auth(officer, { type: 'bearer' })
      .send(complaintBody({ serviceArea: area }));
    expect(created.body.position).toMatch(/^\d+$/);

    const list = await t.http
      .get(`/api/v1/complaints?serviceArea=${area}&waitForPosition=${created.body.position}`)
      .auth(officer, { type: 'bearer' });

    expect(list.status).toBe(200);
    expect(list.body.items.map((item: { id: string }) => item.id)).toEqual([created.body.id]);
  });

  it('accepts the position as the X-Wait-For-Position header too', async () => {
    const created = await t.http.post('/api/v1/complaints').auth(officer, { type: 'bearer' }).send(complaintBody());
    const dashboard = await t.http
      .get('/api/v1/dashboards/sla')
      .set('X-Wait-For-Position', created.body.position)
      .auth(officer, { type: 'bearer' });
    expect(dashboard.status).toBe(200);
  });

  it('answers 503 with Retry-After, not a page without the write, when the position is not reached in time', async () => {
    const res = await t.http
      .get('/api/v1/complaints?waitForPosition=999999999999&waitMs=50')
      .auth(officer, { type: 'bearer' });

    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers['retry-after']).toBe('1');
    expect(res.body.detail).toContain('999999999999');
  });

  it('rejects a position or a wait that is not a whole number, naming the field', async () => {
    const bad = await t.http.get('/api/v1/complaints?waitForPosition=abc').auth(officer, { type: 'bearer' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([
      { field: 'waitForPosition', message: expect.stringContaining('global position') },
    ]);

    const tooLong = await t.http
      .get('/api/v1/complaints?waitForPosition=1&waitMs=60000')
      .auth(officer, { type: 'bearer' });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.errors[0].field).toBe('waitMs');
  });

  it('still checks the token first: no waiting for a caller who may not read', async () => {
    const res = await t.http.get('/api/v1/complaints?waitForPosition=999999999999&waitMs=5000');
    expect(res.status).toBe(401);
  });
});
