import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_METRICS_TOKEN, type TestApp } from './support/test-app';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

describe('GET /metrics is for the scraper only', () => {
  it('refuses no token, a wrong one and a user JWT with 401 and WWW-Authenticate; METRICS_TOKEN gets the metrics', async () => {
    const admin = await t.token('admin');
    for (const request of [
      t.http.get('/metrics'),
      t.http.get('/metrics').auth('wrong-token-of-some-length', { type: 'bearer' }),
      t.http.get('/metrics').auth(admin, { type: 'bearer' }),
    ]) {
      const res = await request;
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.headers['www-authenticate']).toBe('Bearer realm="metrics"');
      expect(res.text).not.toContain('projection_');
    }
    const scraped = await t.http.get('/metrics').auth(TEST_METRICS_TOKEN, { type: 'bearer' });
    expect(scraped.status).toBe(200);
    expect(scraped.headers['content-type']).toMatch(/^text\/plain;.*version=0\.0\.4/);
    expect(scraped.text).toContain('# TYPE projection_lag_events gauge');
  });

  it("adds the process's figures and the HTTP request durations, by route template rather than raw path", async () => {
    const officer = await t.token('complaints_officer');
    const id = '0e9b6f0e-3c1e-4c55-9a8e-6b1f2b0c4d11';
    expect((await t.http.get(`/api/v1/complaints/${id}`).auth(officer, { type: 'bearer' })).status).toBe(404);
    // No route at all: counted under one label, not under the path asked for.
    expect((await t.http.get(`/no-such-page-${id}`).auth(officer, { type: 'bearer' })).status).toBe(404);
    const { text } = await t.http.get('/metrics').auth(TEST_METRICS_TOKEN, { type: 'bearer' });
    expect(text).toContain('# TYPE http_request_duration_seconds histogram');
    expect(text).toMatch(
      /^http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/complaints\/:id",status="404"\} 1$/m,
    );
    expect(text).toMatch(/^http_request_duration_seconds_count\{method="GET",route="\(unmatched\)",status="404"\} 1$/m);
    expect(text).not.toContain(id);
    expect(text).toMatch(/^http_request_duration_seconds_count\{method="GET",route="\/metrics",status="401"\} 3$/m);
    for (const name of [
      'process_cpu_user_seconds_total',
      'process_resident_memory_bytes',
      'nodejs_eventloop_lag_seconds',
    ]) {
      expect(text).toContain(`# TYPE ${name} `);
    }
  });

  it('is off (404, saying how to turn it on) when METRICS_TOKEN is not set', async () => {
    const without = await startTestApp({ METRICS_TOKEN: '' });
    try {
      const res = await without.http.get('/metrics').auth(TEST_METRICS_TOKEN, { type: 'bearer' });
      expect(res.status).toBe(404);
      expect(res.body.detail).toContain('METRICS_TOKEN');
      expect((await without.http.get('/health')).status).toBe(200);
    } finally {
      await without.close();
    }
  });
});
