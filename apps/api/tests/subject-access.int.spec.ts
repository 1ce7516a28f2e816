import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from '@complaints/documents/testing';
import { complaintBody, startTestApp, type TestApp } from './support/test-app';

/**
 * Subject access (UK GDPR art. 15): one person's complaints found through the blind index,
 * exported with their personal data, history and chronology, as JSON or PDF; admins only; every
 * export logged, the log holding nothing personal.
 */
let t: TestApp;
let officer: string;
let admin: string;
let auditor: string;

const JANE = {
  name: 'Jane Marker-Resident',
  email: 'jane.marker@example.org',
  phone: '0161 496 0123',
  address: '7 Marker Street',
};
const post = (path: string, body: unknown, token = officer) =>
  t.http
    .post(`/api/v1${path}`)
    .auth(token, { type: 'bearer' })
    .send(body as object);
const exportFor = (body: unknown, token = admin) => post('/subject-access/exports', body, token);

let janeFirst: { id: string; reference: string };
let janeSecond: { id: string; reference: string };
let bob: { id: string; reference: string };

async function receive(complainant: Record<string, string>, receivedAt: string) {
  const res = await post('/complaints', complaintBody({ receivedAt, complainant }));
  expect(res.status).toBe(201);
  return { id: res.body.id as string, reference: res.body.reference as string };
}

beforeAll(async () => {
  t = await startTestApp();
  officer = await t.token('complaints_officer');
  admin = await t.token('admin', 'dpo-7');
  auditor = await t.token('auditor');
  janeFirst = await receive(JANE, '2026-03-02T10:00:00Z');
  // The same person, her email typed in capitals and her phone in the international form.
  janeSecond = await receive(
    { name: 'Mrs J Marker-Resident', email: 'JANE.MARKER@example.org', phone: '+44 (0)161 496 0123' },
    '2026-04-01T10:00:00Z',
  );
  bob = await receive(
    { name: 'Bob Other-Tenant', email: 'bob.other@example.net', phone: '0161 496 0999' },
    '2026-03-03T10:00:00Z',
  );
}, 60_000);

afterAll(async () => {
  await t?.close();
});

describe('the subject-access export', () => {
  it("gathers one person's complaints by email, with their personal data, history and chronology, and nobody else's", async () => {
    const res = await exportFor({ email: 'jane.marker@example.org' });
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toMatchObject({ exportedBy: 'dpo-7', identifiedBy: ['email'], retentionYearsAfterEnd: 6 });
    const complaints = res.body.complaints as {
      complaintId: string;
      reference: string;
      matchedOn: string[];
      case: { complainant: { name: string } };
      history: { type: string }[];
      chronology: unknown[];
      retention: { status: string };
    }[];
    expect(complaints.map((c) => [c.complaintId, c.matchedOn])).toEqual([
      [janeFirst.id, ['email']],
      [janeSecond.id, ['email']],
    ]);
    expect(complaints.map((c) => c.case.complainant.name)).toEqual([JANE.name, 'Mrs J Marker-Resident']);
    expect(complaints[0]?.history.map((e) => e.type)).toEqual(['ComplaintReceived']);
    expect(complaints[0]?.chronology).toHaveLength(1);
    expect(complaints[0]?.retention).toEqual({ status: 'open', retentionFrom: null, dueOn: null, holds: [] });
    expect(JSON.stringify(res.body)).not.toContain('Bob Other-Tenant');
    const bobs = await exportFor({ email: 'bob.other@example.net' });
    expect((bobs.body.complaints as { complaintId: string }[]).map((c) => c.complaintId)).toEqual([bob.id]);
  });

  it('finds the same complaints by phone in another form, and by reference (which also finds her other complaint)', async () => {
    const byPhone = await exportFor({ phone: '0044 161 496 0123' });
    expect((byPhone.body.complaints as { complaintId: string }[]).map((c) => c.complaintId)).toEqual([
      janeFirst.id,
      janeSecond.id,
    ]);
    const byReference = await exportFor({ reference: janeSecond.reference });
    expect(
      (byReference.body.complaints as { complaintId: string; matchedOn: string[] }[]).map((c) => [
        c.complaintId,
        c.matchedOn,
      ]),
    ).toEqual([
      [janeFirst.id, ['reference']],
      [janeSecond.id, ['reference']],
    ]);
    expect((await exportFor({ email: 'nobody@example.org' })).body.complaints).toEqual([]);
  });

  it('takes the identifiers as a person types them: an email with spaces around it, a reference in lower case', async () => {
    const ids = (res: { body: { complaints: { complaintId: string }[] } }) =>
      res.body.complaints.map((c) => c.complaintId);
    expect(ids(await exportFor({ email: '  jane.marker@example.org ' }))).toEqual([janeFirst.id, janeSecond.id]);
    expect(ids(await exportFor({ reference: janeSecond.reference.toLowerCase() }))).toEqual([
      janeFirst.id,
      janeSecond.id,
    ]);
  });

  it('gives a readable PDF of the same complaints', async () => {
    const res = await exportFor({ email: JANE.email })
      .set('Accept', 'application/pdf')
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = await pdfText(res.body as Buffer);
    expect(text).toContain('Subject access export');
    expect(text).toContain(`Complaint ${janeFirst.reference}`);
    expect(text).toContain(`Complaint ${janeSecond.reference}`);
    expect(text).toContain(`Name: ${JANE.name}`);
    expect(text).toContain(`Email: ${JANE.email}`);
    expect(text).toContain('Complaint received');
    expect(text).not.toContain('Bob Other-Tenant');
  });

  it('logs every export — who, when, which complaints, which kinds of identifier — and the log holds nothing personal', async () => {
    const exported = await exportFor({ email: JANE.email, phone: JANE.phone });
    const log = await t.http.get('/api/v1/subject-access/exports').auth(admin, { type: 'bearer' });
    expect(log.status).toBe(200);
    // Found by its id: on a PostgreSQL run other suites' exports share the table.
    expect((log.body.exports as { exportId: string }[]).find((e) => e.exportId === exported.body.exportId)).toEqual({
      exportId: exported.body.exportId,
      exportedAt: exported.body.generatedAt,
      exportedBy: 'dpo-7',
      actingRole: 'admin',
      identifiedBy: ['email', 'phone'],
      complaintIds: [janeFirst.id, janeSecond.id],
      format: 'json',
    });
    expect((log.body.exports as { format: string }[]).some((e) => e.format === 'pdf')).toBe(true);
    const rows = JSON.stringify(await t.infrastructure.sql.query('SELECT * FROM api_subject_access_exports'));
    // Positive control: the scan reads the rows (the complaint ids are stored in clear).
    expect(rows).toContain(janeFirst.id);
    for (const marker of [JANE.email, 'jane.marker', '496 0123', '4960123', 'Marker-Resident', janeFirst.reference])
      expect(rows).not.toContain(marker);
  });

  it('is for admins only; the complaints team and auditors are refused, and their attempts export nothing', async () => {
    const exportsByDpo = async () =>
      (
        (await t.http.get('/api/v1/subject-access/exports').auth(admin, { type: 'bearer' })).body.exports as {
          exportedBy: string;
        }[]
      ).filter((e) => e.exportedBy === 'dpo-7').length;
    const before = await exportsByDpo();
    expect((await exportFor({ email: JANE.email }, officer)).status).toBe(403);
    expect((await exportFor({ email: JANE.email }, auditor)).status).toBe(403);
    expect((await t.http.get('/api/v1/subject-access/exports').auth(auditor, { type: 'bearer' })).status).toBe(403);
    expect(await exportsByDpo()).toBe(before);
  });

  it('refuses a request that identifies nobody or gives a malformed identifier, naming the field', async () => {
    for (const [body, field] of [
      [{}, 'email'],
      [{ email: 'not an email' }, 'email'],
      [{ reference: 'bad reference!' }, 'reference'],
      [{ email: JANE.email, name: JANE.name }, 'name'],
    ] as const) {
      const res = await exportFor(body);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
    }
  });

  it('no longer finds a complaint once its personal data is erased', async () => {
    expect((await post(`/complaints/${janeFirst.id}/withdrawal`, { withdrawnAt: '2026-03-05T10:00:00Z' })).status).toBe(
      200,
    );
    expect(
      (
        await post(
          `/complaints/${janeFirst.id}/personal-data/erasure`,
          { erasedAt: '2026-03-06T10:00:00Z', reason: 'Erasure request' },
          admin,
        )
      ).status,
    ).toBe(200);
    const res = await exportFor({ email: JANE.email, phone: JANE.phone });
    expect((res.body.complaints as { complaintId: string }[]).map((c) => c.complaintId)).toEqual([janeSecond.id]);
  });
});
