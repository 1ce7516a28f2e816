import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAILED_LOOKUP_LIMIT } from '../src/resident/failed-lookups';
import { complaintBody, startTestApp, type TestApp } from './support/test-app';

/** An app of its own: this file uses up budgets of failed lookups. */
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const PARALLEL = 10 * FAILED_LOOKUP_LIMIT;
const WRONG_CODE = '00000-00000';

/**
 * A lookup sent from a loopback address of our choosing (all of 127.0.0.0/8 is this machine), so
 * that tests can be many addresses, and fresh ones: the budgets live in the database, which a
 * PostgreSQL run shares with other files and earlier runs.
 */
function lookup(
  app: TestApp,
  from: string,
  reference: string,
  code: string,
  forwardedFor?: string,
): Promise<{ status: number; retryAfter: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${app.baseUrl}/api/v1/public/complaints/${encodeURIComponent(reference)}/status`, {
      localAddress: from,
      headers: { 'X-Access-Code': code, ...(forwardedFor ? { 'X-Forwarded-For': forwardedFor } : {}) },
    });
    req.on('response', (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'], body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const octet = () => 1 + Math.floor(Math.random() * 254);
const freshAddress = () => `127.${octet()}.${octet()}.${octet()}`;
const madeUpReference = () => `CMP-2026-9${String(Math.floor(Math.random() * 1e5)).padStart(5, '0')}`;

async function newComplaint(): Promise<{ reference: string; residentAccessCode: string }> {
  const officer = await t.token('complaints_officer');
  return (await t.http.post('/api/v1/complaints').auth(officer, { type: 'bearer' }).send(complaintBody())).body as {
    reference: string;
    residentAccessCode: string;
  };
}

/** How many lookups were checked (404: looked up and wrong) and how many refused (429, each with Retry-After). */
function tally(answers: { status: number; retryAfter: string | undefined }[]) {
  for (const refused of answers.filter((a) => a.status === 429)) expect(Number(refused.retryAfter)).toBeGreaterThan(0);
  return {
    checked: answers.filter((a) => a.status === 404).length,
    refused: answers.filter((a) => a.status === 429).length,
  };
}

describe('guessing access codes', () => {
  it('is refused with 429 and Retry-After once an address has failed too often, even with the right code', async () => {
    const created = await newComplaint();
    const from = freshAddress();

    // Right code first: a success costs nothing.
    expect((await lookup(t, from, created.reference, created.residentAccessCode)).status).toBe(200);
    for (let attempt = 0; attempt < FAILED_LOOKUP_LIMIT; attempt++) {
      expect((await lookup(t, from, madeUpReference(), WRONG_CODE)).status).toBe(404);
    }

    const refused = await lookup(t, from, created.reference, created.residentAccessCode);
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    expect(refused.body).not.toContain(created.reference);
    // Another address, looking up the same reference, is not held up.
    expect((await lookup(t, freshAddress(), created.reference, created.residentAccessCode)).status).toBe(200);
  });

  it(`${PARALLEL} parallel wrong codes from one address: exactly ${FAILED_LOOKUP_LIMIT} are checked, the rest get 429`, async () => {
    const created = await newComplaint();
    const from = freshAddress();
    const answers = await Promise.all(
      Array.from({ length: PARALLEL }, () => lookup(t, from, created.reference, WRONG_CODE)),
    );
    expect(tally(answers)).toEqual({ checked: FAILED_LOOKUP_LIMIT, refused: PARALLEL - FAILED_LOOKUP_LIMIT });
  });

  it(`${PARALLEL} parallel wrong codes for one reference from ${PARALLEL} addresses: exactly ${FAILED_LOOKUP_LIMIT} are checked`, async () => {
    const created = await newComplaint();
    const answers = await Promise.all(
      Array.from({ length: PARALLEL }, () => lookup(t, freshAddress(), created.reference, WRONG_CODE)),
    );
    expect(tally(answers)).toEqual({ checked: FAILED_LOOKUP_LIMIT, refused: PARALLEL - FAILED_LOOKUP_LIMIT });
    // The reference is held, even for its own code; other references are not.
    expect((await lookup(t, freshAddress(), created.reference, created.residentAccessCode)).status).toBe(429);
    const other = await newComplaint();
    expect((await lookup(t, freshAddress(), other.reference, other.residentAccessCode)).status).toBe(200);
  });

  it(`${PARALLEL} parallel lookups of made-up references from one address: exactly ${FAILED_LOOKUP_LIMIT} are checked`, async () => {
    const from = freshAddress();
    const answers = await Promise.all(
      Array.from({ length: PARALLEL }, () => lookup(t, from, madeUpReference(), WRONG_CODE)),
    );
    expect(tally(answers)).toEqual({ checked: FAILED_LOOKUP_LIMIT, refused: PARALLEL - FAILED_LOOKUP_LIMIT });
  });

  it('an address that has used up its budget adds no rows however many references it tries (the budget table cannot be grown by refused guesses)', async () => {
    const from = freshAddress();
    for (let attempt = 0; attempt < FAILED_LOOKUP_LIMIT; attempt++)
      expect((await lookup(t, from, madeUpReference(), WRONG_CODE)).status).toBe(404);
    const rows = async () =>
      Number(
        (
          await t.infrastructure.sql.query<{ n: string | number }>(
            `SELECT count(*) AS n FROM api_lookup_attempts WHERE subject LIKE 'reference:CMP-2026-9%'`,
          )
        )[0]!.n,
      );
    const before = await rows();
    const refused = [];
    for (let guess = 0; guess < 50; guess++)
      refused.push(await lookup(t, from, `CMP-2026-8${String(guess).padStart(5, '0')}`, WRONG_CODE));
    expect(tally(refused)).toEqual({ checked: 0, refused: 50 });
    expect(await rows()).toBe(before);
    expect(
      Number(
        (
          await t.infrastructure.sql.query<{ n: string | number }>(
            `SELECT count(*) AS n FROM api_lookup_attempts WHERE subject LIKE 'reference:CMP-2026-8%'`,
          )
        )[0]!.n,
      ),
    ).toBe(0);
  });

  it(`a burst of ${PARALLEL} made-up references from one address at once writes at most its budget of rows (the address's row is taken first)`, async () => {
    const from = freshAddress();
    const prefix = `BURST${Math.floor(Math.random() * 1e9).toString(36)}`;
    const answers = await Promise.all(
      Array.from({ length: PARALLEL }, (_, i) => lookup(t, from, `${prefix}-${i}`, WRONG_CODE)),
    );
    expect(tally(answers)).toEqual({ checked: FAILED_LOOKUP_LIMIT, refused: PARALLEL - FAILED_LOOKUP_LIMIT });
    const [written] = await t.infrastructure.sql.query<{ n: string | number }>(
      `SELECT count(*) AS n FROM api_lookup_attempts WHERE subject LIKE $1`,
      [`reference:${prefix}-%`],
    );
    expect(Number(written!.n)).toBe(FAILED_LOOKUP_LIMIT);
  });

  it('X-Forwarded-For names the client only behind a trusted proxy (TRUST_PROXY): never by default, so the header cannot dodge the budget', async () => {
    // By default the header is ignored: one address is one budget, whatever it claims.
    const from = freshAddress();
    for (let attempt = 0; attempt < FAILED_LOOKUP_LIMIT; attempt++)
      await lookup(t, from, madeUpReference(), WRONG_CODE, freshAddress());
    expect((await lookup(t, from, madeUpReference(), WRONG_CODE, freshAddress())).status).toBe(429);

    // Behind a load balancer on loopback (TRUST_PROXY=loopback), each resident it forwards has a budget of their own.
    const proxied = await startTestApp({ TRUST_PROXY: 'loopback' });
    try {
      const balancer = freshAddress();
      const [resident, other] = [`203.0.113.${octet()}`, `198.51.100.${octet()}`];
      for (let attempt = 0; attempt < FAILED_LOOKUP_LIMIT; attempt++)
        expect((await lookup(proxied, balancer, madeUpReference(), WRONG_CODE, resident)).status).toBe(404);
      expect((await lookup(proxied, balancer, madeUpReference(), WRONG_CODE, resident)).status).toBe(429);
      expect((await lookup(proxied, balancer, madeUpReference(), WRONG_CODE, other)).status).toBe(404);
    } finally {
      await proxied.close();
    }
  });

  it.skipIf(!process.env['DATABASE_URL'])('two instances on one PostgreSQL database share the budgets', async () => {
    const other = await startTestApp();
    try {
      const created = await newComplaint();
      const answers = await Promise.all(
        Array.from({ length: PARALLEL }, (_, i) =>
          lookup(i % 2 === 0 ? t : other, freshAddress(), created.reference, WRONG_CODE),
        ),
      );
      expect(tally(answers)).toEqual({ checked: FAILED_LOOKUP_LIMIT, refused: PARALLEL - FAILED_LOOKUP_LIMIT });
    } finally {
      await other.close();
    }
  });
});
