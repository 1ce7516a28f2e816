import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessCode, normaliseAccessCode } from '../src/resident/access-code';
import { ResidentAccessCodes } from '../src/resident/resident-access-codes';
import { complaintBody, startTestApp, type TestApp } from './support/test-app';

/** The resident-facing status: no token, the reference and an access code, the same 404 for every failure. */
let t: TestApp;
let officer: string;
/** Stage 2 is recorded by someone who took no part in stage 1 (Code 6.13). */
let reviewer: string;
const CODE = /^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/;

beforeAll(async () => {
  t = await startTestApp();
  officer = await t.token('complaints_officer');
  reviewer = await t.token('complaints_manager');
});
afterAll(() => t?.close());

async function post(path: string, body: Record<string, unknown>, token = officer) {
  const res = await t.http.post(path).auth(token, { type: 'bearer' }).send(body);
  expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
  return res.body as { id: string; reference: string; residentAccessCode?: string };
}
const status = (reference: string, code?: string) => {
  const req = t.http.get(`/api/v1/public/complaints/${encodeURIComponent(reference)}/status`);
  return code === undefined ? req : req.set('X-Access-Code', code);
};

describe('access codes', () => {
  it('are an HMAC of the complaint id: 10 Crockford base32 characters in two groups, fixed per secret and id', () => {
    const secret = 'x'.repeat(32);
    const code = accessCode(secret, 'a2d5c0de-0000-4000-8000-000000000001');
    expect(code).toMatch(CODE);
    expect(accessCode(secret, 'a2d5c0de-0000-4000-8000-000000000001')).toBe(code);
    expect(accessCode(secret, 'a2d5c0de-0000-4000-8000-000000000002')).not.toBe(code);
    expect(accessCode('y'.repeat(32), 'a2d5c0de-0000-4000-8000-000000000001')).not.toBe(code);
  });

  it('are read as typed: any case, spaces or no hyphen, O for 0 and I or L for 1', () => {
    expect(normaliseAccessCode('7kq2m xd4pa')).toBe('7KQ2M-XD4PA');
    expect(normaliseAccessCode('O1ILO-00000')).toBe('01110-00000');
    expect(normaliseAccessCode('7KQ2M-XD4P')).toBeNull();
    expect(normaliseAccessCode('7KQ2M-XD4PU')).toBeNull();
  });

  it('without RESIDENT_ACCESS_SECRET, every instance over the same database derives the same codes (one generated secret, kept)', async () => {
    const config = { resident: { accessSecret: undefined } };
    const first = new ResidentAccessCodes(config, t.infrastructure);
    const second = new ResidentAccessCodes(config, t.infrastructure);
    const id = 'b0b0b0b0-0000-4000-8000-000000000001';
    expect(await second.codeFor(id)).toBe(await first.codeFor(id));
    const configured = new ResidentAccessCodes({ resident: { accessSecret: 's'.repeat(40) } }, t.infrastructure);
    expect(await configured.codeFor(id)).toBe(accessCode('s'.repeat(40), id));
    expect(await configured.codeFor(id)).not.toBe(await first.codeFor(id));
  });
});

describe('GET /api/v1/public/complaints/{reference}/status', () => {
  let created: { id: string; reference: string; residentAccessCode?: string };

  beforeAll(async () => {
    created = await post(
      '/api/v1/complaints',
      complaintBody({
        receivedAt: '2026-03-02T09:15:00Z',
        complainant: { name: 'Zebedee Quartermaine', email: 'zq@example.org' },
        description: 'Secret description of the leak',
      }),
    );
  });

  it('officers get the code on the create response and on the complaint; auditors do not', async () => {
    expect(created.residentAccessCode).toMatch(CODE);
    const asOfficer = await t.http.get(`/api/v1/complaints/${created.id}`).auth(officer, { type: 'bearer' });
    expect(asOfficer.body.residentAccessCode).toBe(created.residentAccessCode);
    const asManager = await t.http
      .get(`/api/v1/complaints/${created.id}`)
      .auth(await t.token('complaints_manager'), { type: 'bearer' });
    expect(asManager.body.residentAccessCode).toBe(created.residentAccessCode);
    for (const role of ['auditor', 'admin'] as const) {
      const res = await t.http.get(`/api/v1/complaints/${created.id}`).auth(await t.token(role), { type: 'bearer' });
      expect(res.status).toBe(200);
      expect(res.body).not.toHaveProperty('residentAccessCode');
    }
  });

  it('repeating the create with the same Idempotency-Key answers with the same code', async () => {
    const send = () =>
      t.http
        .post('/api/v1/complaints')
        .auth(officer, { type: 'bearer' })
        .set('Idempotency-Key', `resident-${created.id}`)
        .send(complaintBody());
    const first = await send();
    const again = await send();
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.residentAccessCode).toBe(first.body.residentAccessCode);
    expect(first.body.residentAccessCode).toMatch(CODE);
  });

  it('answers without a token, with only what the resident should see', async () => {
    const res = await status(created.reference, created.residentAccessCode);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({
      reference: created.reference,
      status: 'received',
      stage: 1,
      receivedOn: '2026-03-02',
      acknowledgedOn: null,
      codeResponseDue: '2026-03-23',
      responseDue: '2026-03-23',
      overdueAgainstCode: true,
      codeResponseDatePassed: true,
      respondedOn: null,
      // Today (the system clock) is long past 9 March 2026: the resident is told it is late and where to go.
      nextStep:
        'We should have acknowledged your stage 1 complaint by 9 March 2026 and have not yet. We are sorry: we will contact you as soon as possible.',
      howToEscalate: null,
      ombudsman: expect.objectContaining({
        name: 'Housing Ombudsman Service',
        when: expect.stringContaining('timescales'),
      }),
    });
    // As typed on a phone keypad: lower case, no hyphen.
    expect((await status(created.reference, created.residentAccessCode!.replace('-', '').toLowerCase())).status).toBe(
      200,
    );
    // A broken bearer token changes nothing on a public route.
    expect(
      (await status(created.reference, created.residentAccessCode).set('Authorization', 'Bearer nonsense')).status,
    ).toBe(200);
  });

  it('follows the complaint: investigated with a due date, answered with how to escalate, final with the Ombudsman; never a name or note', async () => {
    await post(`/api/v1/complaints/${created.id}/acknowledgements`, {
      acknowledgedAt: '2026-03-03T10:00:00Z',
      handler: { id: 'u-9', name: 'Hermione Handler' },
      headsOfComplaint: ['Private head of complaint'],
    });
    let body = (await status(created.reference, created.residentAccessCode)).body;
    expect(body).toMatchObject({
      status: 'being investigated',
      acknowledgedOn: '2026-03-03',
      codeResponseDue: '2026-03-17',
      responseDue: '2026-03-17',
      codeResponseDatePassed: true,
      nextStep:
        "We should have sent you our response by 17 March 2026 under the Housing Ombudsman's Complaint Handling Code, and have not. We are sorry. We will send it as soon as we can. You can contact the Housing Ombudsman now.",
    });

    await post(`/api/v1/complaints/${created.id}/responses`, {
      respondedAt: '2026-03-10T10:00:00Z',
      decisions: [{ head: 'Private head of complaint', outcome: 'upheld', reasons: 'Internal reasoning text' }],
      remedies: { apology: true },
    });
    body = (await status(created.reference, created.residentAccessCode)).body;
    expect(body).toMatchObject({
      status: 'response sent',
      respondedOn: '2026-03-10',
      responseDue: null,
      ombudsman: null,
    });
    expect(body.howToEscalate).toContain('stage 2');

    await post(`/api/v1/complaints/${created.id}/escalations`, {
      requestedAt: '2026-03-12T10:00:00Z',
      reason: 'Private escalation reason',
    });
    await post(
      `/api/v1/complaints/${created.id}/acknowledgements`,
      { acknowledgedAt: '2026-03-13T10:00:00Z', handler: { id: 'u-10', name: 'Horatio Reviewer' } },
      reviewer,
    );
    await post(
      `/api/v1/complaints/${created.id}/responses`,
      {
        respondedAt: '2026-03-20T10:00:00Z',
        decisions: [{ head: 'Private head of complaint', outcome: 'upheld', reasons: 'More internal reasoning' }],
        remedies: { apology: true },
      },
      reviewer,
    );
    body = (await status(created.reference, created.residentAccessCode)).body;
    expect(body).toMatchObject({
      status: 'final response sent',
      stage: 2,
      respondedOn: '2026-03-20',
      howToEscalate: null,
    });
    expect(body.ombudsman).toMatchObject({
      name: 'Housing Ombudsman Service',
      website: 'https://www.housing-ombudsman.org.uk',
    });

    const text = JSON.stringify(body);
    for (const hidden of [
      'Hermione',
      'Horatio',
      'u-9',
      'u-10',
      'Zebedee',
      'zq@example.org',
      'Secret description',
      'Private',
      'Internal reasoning',
      created.id,
    ]) {
      expect(text).not.toContain(hidden);
    }
  });

  it('a wrong code, no code and an unknown reference all get the same 404', async () => {
    const wrongCode = await status(
      created.reference,
      created.residentAccessCode === '00000-00000' ? '00000-00001' : '00000-00000',
    );
    const noCode = await status(created.reference);
    const garbage = await status(created.reference, 'not a code at all');
    const unknown = await status('CMP-2026-999999', created.residentAccessCode);
    const strip = (body: Record<string, unknown>) => {
      const { correlationId: _c, instance: _i, ...rest } = body;
      return rest;
    };
    for (const res of [wrongCode, noCode, garbage, unknown]) {
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(strip(res.body)).toEqual(strip(wrongCode.body));
    }
    expect(JSON.stringify(unknown.body)).not.toContain('CMP-2026-999999');
  });
});
