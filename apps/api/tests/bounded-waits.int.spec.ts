import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_WAITS_PER_CALLER } from '../src/http/read-your-writes.interceptor';
import { ReadModels } from '../src/read-models/read-models.service';
import { complaintBody, startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let officer: string;

beforeAll(async () => {
  t = await startTestApp();
  officer = await t.token('complaints_officer');
});
afterAll(() => t?.close());

const engine = () => t.app.get(ReadModels).engine;

async function headPosition(): Promise<bigint> {
  return t.infrastructure.projectionSource.headPosition();
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('waitForPosition is honoured only on authenticated reads', () => {
  // A position the log will not reach during the test: a request that honoured it would answer 503 after waitMs.
  const far = () => `${(1n << 40n).toString()}`;

  it("not on /health, /ready, writes or the residents' public route, with or without a token", async () => {
    const health = await t.http.get(`/health?waitForPosition=${far()}&waitMs=10000`).auth(officer, { type: 'bearer' });
    expect(health.status).toBe(200);
    const ready = await t.http.get(`/ready?waitForPosition=${far()}`).set('X-Wait-For-Position', far());
    expect(ready.status).toBe(200);
    const write = await t.http
      .post(`/api/v1/complaints?waitForPosition=${far()}&waitMs=10000`)
      .auth(officer, { type: 'bearer' })
      .send(complaintBody());
    expect(write.status).toBe(201);
    const resident = await t.http
      .get(`/api/v1/public/complaints/CMP-2026-999999/status?waitForPosition=${far()}&waitMs=10000`)
      .set('X-Access-Code', 'AAAAA-BBBBB');
    expect([400, 404]).toContain(resident.status);
    expect(engine().waiting).toBe(0);
  }, 8_000);

  it(`one caller parks at most ${MAX_WAITS_PER_CALLER} reads: the next gets 429 with Retry-After; another caller still waits; all are answered once the write lands`, async () => {
    const greedy = await t.token('complaints_officer', 'u-greedy');
    const other = await t.token('complaints_officer', 'u-other');
    const next = (await headPosition()) + 1n;
    const read = (token: string) =>
      t.http
        .get(`/api/v1/complaints?waitForPosition=${next}&waitMs=10000`)
        .auth(token, { type: 'bearer' })
        .then((res) => res);

    const parked = Array.from({ length: MAX_WAITS_PER_CALLER }, () => read(greedy));
    await until(() => engine().waiting === MAX_WAITS_PER_CALLER);
    const refused = await read(greedy);
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBe('1');
    expect(refused.headers['content-type']).toContain('application/problem+json');
    const otherRead = read(other);
    await until(() => engine().waiting === MAX_WAITS_PER_CALLER + 1);

    const created = await t.http.post('/api/v1/complaints').auth(officer, { type: 'bearer' }).send(complaintBody());
    expect(BigInt(created.body.position)).toBeGreaterThanOrEqual(next);
    const answers = await Promise.all([...parked, otherRead]);
    expect(answers.map((res) => res.status)).toEqual(answers.map(() => 200));
    expect(answers.every((res) => res.headers['x-read-model-lag'] === '0')).toBe(true);
    // The slots are given back: the same caller may wait again.
    expect((await read(greedy)).status).toBe(200);
  }, 15_000);
});
