import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdempotentRequests } from '../src/complaints/write/idempotent-requests';
import { IdempotencyStore } from '../src/infrastructure/idempotency-store';
import { complaintBody, startTestApp, type TestApp } from './support/test-app';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const unique = (label: string) => `${label}-${Math.random().toString(36).slice(2, 10)}`;

describe('Idempotency-Key is scoped by caller (the token sub)', () => {
  it("another officer's same key creates their own complaint, never replays the first officer's answer or access code", async () => {
    const ann = await t.token('complaints_officer', unique('ann'));
    const bob = await t.token('complaints_officer', unique('bob'));
    const key = unique('shared-key');
    const body = complaintBody();
    const create = (token: string) =>
      t.http.post('/api/v1/complaints').auth(token, { type: 'bearer' }).set('Idempotency-Key', key).send(body);

    const first = await create(ann);
    const other = await create(bob);
    expect(first.status).toBe(201);
    expect(other.status).toBe(201);
    expect(other.headers['idempotent-replayed']).toBeUndefined();
    expect(other.body.id).not.toBe(first.body.id);
    expect(other.body.reference).not.toBe(first.body.reference);
    expect(other.body.residentAccessCode).not.toBe(first.body.residentAccessCode);

    // Each caller's own repeat still replays their own first answer.
    const annAgain = await create(ann);
    const bobAgain = await create(bob);
    expect(annAgain.headers['idempotent-replayed']).toBe('true');
    expect(annAgain.body).toEqual(first.body);
    expect(bobAgain.headers['idempotent-replayed']).toBe('true');
    expect(bobAgain.body).toEqual(other.body);
  });
});

describe('a reservation left by a process that died', () => {
  it('is kept while its process renews the lease, and taken over once the lease lapses', async () => {
    const store = new IdempotencyStore(t.infrastructure.sql, 1);
    const key = { caller: unique('u'), key: unique('k') };
    expect(await store.reserve(key, 'hash')).toEqual({ kind: 'reserved' });
    for (let i = 0; i < 4; i++) {
      await sleep(400);
      await store.renew(key);
      expect(await store.reserve(key, 'hash')).toEqual({ kind: 'in_progress' });
    }
    // The holder is gone: nobody renews.
    await sleep(1300);
    expect(await store.reserve(key, 'hash')).toEqual({ kind: 'reserved' });
  });

  it('lets the retried create through within seconds of the crash, and it is recorded once', async () => {
    const sub = unique('crashed-officer');
    const officer = await t.token('complaints_officer', sub);
    const key = unique('create');
    const body = complaintBody();
    // What a process killed mid-request leaves: a reservation nobody renews.
    await new IdempotencyStore(t.infrastructure.sql, 1).reserve(
      { caller: sub, key },
      IdempotentRequests.fingerprint('POST /api/v1/complaints', body),
    );
    const retry = () =>
      t.http.post('/api/v1/complaints').auth(officer, { type: 'bearer' }).set('Idempotency-Key', key).send(body);

    const early = await retry();
    expect(early.status).toBe(409);
    expect(early.headers['retry-after']).toBe('1');
    await sleep(1300);
    const created = await retry();
    expect(created.status).toBe(201);
    expect((await retry()).body.id).toBe(created.body.id);
  });

  it('a crash after the append but before the answer was stored: the retry finds the complaint, never creates a second', async () => {
    const sub = unique('officer');
    const officer = await t.token('complaints_officer', sub);
    const key = unique('create');
    const body = complaintBody();
    const create = () =>
      t.http.post('/api/v1/complaints').auth(officer, { type: 'bearer' }).set('Idempotency-Key', key).send(body);
    const first = await create();
    expect(first.status).toBe(201);
    // What the dying process leaves: the complaint appended, the reservation unfinished, its lease run out.
    await t.infrastructure.sql.query(
      `UPDATE api_idempotency_requests SET status = NULL, response_body = NULL, response_headers = NULL, lease_until = now() - interval '1 second'
       WHERE caller = $1 AND idempotency_key = $2`,
      [sub, key],
    );

    const retried = await create();
    expect(retried.status).toBe(201);
    expect(retried.body).toMatchObject({ id: first.body.id, reference: first.body.reference, revision: 1 });
    expect((await t.infrastructure.complaints.load(first.body.id)).revision).toBe(1);
  });
});
