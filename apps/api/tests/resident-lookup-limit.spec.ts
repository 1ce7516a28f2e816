import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAILED_LOOKUP_LIMIT } from '../src/resident/failed-lookups';
import { complaintBody, startTestApp, type TestApp } from './support/test-app';

/** An app of its own: this file uses up its address's budget of failed lookups. */
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

describe('guessing access codes', () => {
  it('is refused with 429 and Retry-After once an address has failed too often, even with the right code', async () => {
    const officer = await t.token('complaints_officer');
    const created = (await t.http.post('/api/v1/complaints').auth(officer, { type: 'bearer' }).send(complaintBody())).body as { reference: string; residentAccessCode: string };
    const lookup = (code: string) => t.http.get(`/api/v1/public/complaints/${created.reference}/status`).set('X-Access-Code', code);

    // Right code first: a success costs nothing.
    expect((await lookup(created.residentAccessCode)).status).toBe(200);
    for (let attempt = 0; attempt < FAILED_LOOKUP_LIMIT; attempt++) {
      expect((await lookup('00000-00000')).status).toBe(404);
    }

    const refused = await lookup(created.residentAccessCode);
    expect(refused.status).toBe(429);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(JSON.stringify(refused.body)).not.toContain(created.reference);
  });
});
