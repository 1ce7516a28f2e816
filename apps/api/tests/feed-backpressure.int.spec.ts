import { request as httpRequest, type ClientRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventsController } from '../src/feed/events.controller';
import { DEFAULT_SSE_LIMITS } from '../src/feed/sse-connection';
import { complaintBody, startTestApp, type TestApp } from './support/test-app';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
  const officer = await t.token('complaints_officer');
  for (let n = 0; n < 10; n++) {
    expect(
      (await t.http.post('/api/v1/complaints').auth(officer, { type: 'bearer' }).send(complaintBody())).status,
    ).toBe(201);
  }
});
afterAll(() => t?.close());

const streams = () => t.app.get(EventsController).streams;

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}

/** A client that opens the stream from position 0 and never reads a byte of it. */
function neverReading(token: string): Promise<{ status: number; request: ClientRequest }> {
  const url = new URL('/api/v1/events/stream?after=0', t.baseUrl);
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { headers: { authorization: `Bearer ${token}` } }, (response) => {
      response.pause();
      response.socket.pause();
      resolve({ status: response.statusCode ?? 0, request });
    });
    request.on('error', reject);
    request.end();
  });
}

describe('the SSE stream under many clients', () => {
  it('caps the streams one caller holds: past the cap 429 with Retry-After; another caller is still served', async () => {
    const same = await t.token('integration', 'u-feed-greedy');
    const opened = [];
    for (let n = 0; n < streams().limits.maxStreamsPerCaller; n++) opened.push(await neverReading(same));
    expect(opened.map((o) => o.status)).toEqual(opened.map(() => 200));
    const refused = await t.http.get('/api/v1/events/stream').auth(same, { type: 'bearer' });
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBe('5');
    const other = await neverReading(await t.token('integration', 'u-feed-other'));
    expect(other.status).toBe(200);
    for (const { request } of [...opened, other]) request.destroy();
    await until(() => streams().snapshot().open === 0);
  });

  it('clients that never read hold no more than the buffer bound each, and /health still answers while they are connected', async () => {
    const clients = await Promise.all(
      Array.from({ length: 25 }, async (_, n) => neverReading(await t.token('integration', `u-stalled-${n}`))),
    );
    expect(clients.every((c) => c.status === 200)).toBe(true);
    await until(() => streams().snapshot().open === 25);

    const health = await t.http.get('/health');
    expect(health.status).toBe(200);
    const stats = streams().snapshot();
    expect(stats.maxBufferedBytes).toBeLessThanOrEqual(DEFAULT_SSE_LIMITS.maxBufferedBytes);

    for (const { request } of clients) request.destroy();
    // Every slot is given back once the clients are gone.
    await until(() => streams().snapshot().open === 0);
  });
});
