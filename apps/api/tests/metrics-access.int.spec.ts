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
    expect(scraped.text).toContain('# TYPE projection_lag_events gauge');
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
