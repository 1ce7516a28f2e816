import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complaintBody, startTestApp, type TestApp } from './support/test-app';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const PARALLEL = 50;

describe('writers racing on one complaint', () => {
  it(`${PARALLEL} contacts logged in parallel on one complaint are all recorded (lost races are re-decided, with jitter)`, async () => {
    const officer = await t.token('complaints_officer');
    const created = (await t.http.post('/api/v1/complaints').auth(officer, { type: 'bearer' }).send(complaintBody()))
      .body as { id: string };

    const answers = await Promise.all(
      Array.from({ length: PARALLEL }, (_, i) =>
        t.http
          .post(`/api/v1/complaints/${created.id}/contacts`)
          .auth(officer, { type: 'bearer' })
          .send({ direction: 'outbound', channel: 'phone', reached: false, summary: `Attempt ${i}` }),
      ),
    );

    const conflicts = answers.filter((a) => a.status === 409);
    // Should one ever give up, it must say when to come back.
    for (const conflict of conflicts) expect(conflict.headers['retry-after']).toMatch(/^\d+$/);
    expect(answers.map((a) => a.status)).toEqual(Array.from({ length: PARALLEL }, () => 200));
    const revisions = answers.map((a) => (a.body as { revision: number }).revision).sort((a, b) => a - b);
    expect(revisions).toEqual(Array.from({ length: PARALLEL }, (_, i) => i + 2));

    const { revision } = await t.infrastructure.complaints.load(created.id);
    expect(revision).toBe(PARALLEL + 1);
  });

  it.skipIf(!process.env['DATABASE_URL'])(
    'two instances on one PostgreSQL database: 40 parallel contacts across both are all recorded (cross-instance races retried)',
    async () => {
      const other = await startTestApp();
      try {
        const officer = await t.token('complaints_officer');
        const created = (
          await t.http.post('/api/v1/complaints').auth(officer, { type: 'bearer' }).send(complaintBody())
        ).body as { id: string };
        const answers = await Promise.all(
          Array.from({ length: 40 }, (_, i) =>
            (i % 2 === 0 ? t : other).http
              .post(`/api/v1/complaints/${created.id}/contacts`)
              .auth(officer, { type: 'bearer' })
              .send({ direction: 'outbound', channel: 'phone', reached: false, summary: `Attempt ${i}` }),
          ),
        );
        for (const conflict of answers.filter((a) => a.status === 409))
          expect(conflict.headers['retry-after']).toMatch(/^\d+$/);
        expect(answers.map((a) => a.status)).toEqual(Array.from({ length: 40 }, () => 200));
        expect((await t.infrastructure.complaints.load(created.id)).revision).toBe(41);
      } finally {
        await other.close();
      }
    },
  );

  it('a write with If-Match is never re-decided: of several at one revision, one succeeds and the rest get 412', async () => {
    const officer = await t.token('complaints_officer');
    const created = (await t.http.post('/api/v1/complaints').auth(officer, { type: 'bearer' }).send(complaintBody()))
      .body as { id: string };
    const answers = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        t.http
          .post(`/api/v1/complaints/${created.id}/contacts`)
          .auth(officer, { type: 'bearer' })
          .set('If-Match', '"1"')
          .send({ direction: 'outbound', channel: 'phone', reached: false, summary: `Attempt ${i}` }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 412, 412, 412, 412]);
  });
});
