import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createWorkerHttpServer, type WorkerProbes } from './worker-http-server';

const TOKEN = 'worker-metrics-token-0123456789';
const scraper = { Authorization: `Bearer ${TOKEN}` };

describe('worker HTTP server', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
  });
  const serve = async (probes: WorkerProbes) => {
    const server = createWorkerHttpServer(probes);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    close = () => new Promise((resolve) => server.close(() => resolve()));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };

  it('is live even when the store is not; /ready and /metrics then answer 503 problems naming the reason', async () => {
    const down = new Error('connect ECONNREFUSED 127.0.0.1:5432');
    const base = await serve({
      ready: () => Promise.reject(down),
      metrics: () => Promise.reject(down),
      metricsToken: TOKEN,
    });

    const health = await fetch(`${base}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    for (const path of ['/ready', '/metrics']) {
      const response = await fetch(`${base}${path}`, { headers: scraper });
      expect(response.status).toBe(503);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(((await response.json()) as { detail: string }).detail).toContain('ECONNREFUSED');
    }
  });

  it('serves the metrics as Prometheus text, and refuses other paths and methods', async () => {
    const base = await serve({
      ready: async () => undefined,
      metrics: async () => 'projection_lag_events{projection="x"} 0\n',
      metricsToken: TOKEN,
    });

    expect(await (await fetch(`${base}/ready`)).json()).toEqual({ status: 'ready' });
    const metrics = await fetch(`${base}/metrics`, { headers: scraper });
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(await metrics.text()).toBe('projection_lag_events{projection="x"} 0\n');
    expect((await fetch(`${base}/complaints`)).status).toBe(404);
    const post = await fetch(`${base}/metrics`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('serves /metrics only to METRICS_TOKEN (401 otherwise), and not at all without one (404); /health and /ready need none', async () => {
    const probes = { ready: async () => undefined, metrics: async () => 'projection_lag_events{projection="x"} 0\n' };
    const base = await serve({ ...probes, metricsToken: TOKEN });
    const attempts: Record<string, string>[] = [
      {},
      { Authorization: 'Bearer not-the-token-at-all' },
      { Authorization: TOKEN },
    ];
    for (const headers of attempts) {
      const refused = await fetch(`${base}/metrics`, { headers });
      expect(refused.status).toBe(401);
      expect(refused.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
      expect(await refused.text()).not.toContain('projection_lag_events');
    }
    expect((await fetch(`${base}/health`)).status).toBe(200);
    expect((await fetch(`${base}/ready`)).status).toBe(200);
    await close?.();

    const off = await serve({ ...probes, metricsToken: undefined });
    const response = await fetch(`${off}/metrics`, { headers: scraper });
    expect(response.status).toBe(404);
    expect(((await response.json()) as { detail: string }).detail).toContain('METRICS_TOKEN');
  });
});
