import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_LETTER_TEMPLATES_DIR } from '@complaints/documents';
import { pdfText } from '@complaints/documents/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { examples } from '../src/openapi/examples';
import { complaintBody, startTestApp, type TestApp } from './support/test-app';

/**
 * Letters drafted from the record (docs/letters.md): the three media types, the 409 that names
 * what is missing (for drafting and for recording as sent), who may read them, and the
 * chronology line a sent letter leaves.
 */
let t: TestApp;
let officer: string;
let auditor: string;
let panel: string;
let admin: string;
let id: string;

const post = (path: string, body: unknown, token = officer) =>
  t.http
    .post(`/api/v1${path}`)
    .auth(token, { type: 'bearer' })
    .send(body as object);
const letter = (name: string, accept: string, token = officer, query = '') =>
  t.http
    .get(`/api/v1/complaints/${id}/letters/${name}${query}`)
    .auth(token, { type: 'bearer' })
    .set('Accept', accept)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
const bodyText = (res: { body: unknown }) => (res.body as Buffer).toString('utf8');

beforeAll(async () => {
  t = await startTestApp({
    ORG_NAME: 'Afon Homes',
    ORG_ADDRESS: '1 Riverside Walk, Chester, CH1 1AA',
    ORG_CONTACT: '01244 555 0100',
  });
  officer = await t.token('complaints_officer');
  auditor = await t.token('auditor');
  panel = await t.token('scrutiny_panel');
  admin = await t.token('admin');
  const created = await post(
    '/complaints',
    complaintBody({ complainant: { name: 'Siân Ŵyn', address: '12 Heol y Dŵr, Chester', preferredContact: 'letter' } }),
  );
  expect(created.status).toBe(201);
  id = created.body.id as string;
  expect((await post(`/complaints/${id}/acknowledgements`, examples.acknowledge)).status).toBe(200);
}, 60_000);

afterAll(async () => {
  await t?.close();
});

describe('GET /complaints/{id}/letters/{letter}', () => {
  it('drafts the acknowledgement as a PDF with the landlord, the resident exactly as named, the complaint definition and the Ombudsman', async () => {
    const res = await letter('acknowledgement-1', 'application/pdf');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = await pdfText(res.body as Buffer);
    expect(text).toContain('Afon Homes 1 Riverside Walk Chester CH1 1AA');
    expect(text).toContain('Dear Siân Ŵyn');
    expect(text).toContain('Repeated mould in the back bedroom');
    expect(text).toContain('Sam Officer is handling your complaint');
    expect(text).toContain('You can contact us on 01244 555 0100');
    expect(text).toContain('Housing Ombudsman');
  });

  it('answers text/plain for screen readers and text/html as an escaped printable page', async () => {
    const plain = await letter('acknowledgement-1', 'text/plain');
    expect(plain.status).toBe(200);
    expect(plain.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(bodyText(plain)).toContain('Dear Siân Ŵyn,');
    const html = await letter('acknowledgement-1', 'text/html', auditor, '?largePrint=true');
    expect(html.status).toBe(200);
    expect(html.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(bodyText(html)).toContain('<h1>We have received your complaint: stage 1</h1>');
    expect(bodyText(html)).toContain('font-size: 18pt');
    // With plainText and no stated preference, text/plain comes first.
    expect((await letter('acknowledgement-1', '*/*', officer, '?plainText=true')).headers['content-type']).toBe(
      'text/plain; charset=utf-8',
    );
  });

  it('is 409 naming what is missing when the step the letter reports is not recorded yet', async () => {
    const res = await t.http
      .get(`/api/v1/complaints/${id}/letters/response-1`)
      .auth(officer, { type: 'bearer' })
      .set('Accept', 'text/plain');
    expect(res.status).toBe(409);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.rule).toBe('letter-not-ready');
    expect(res.body.detail).toContain('Missing: the stage 1 response');
  });

  it('is 400 naming the field for an unknown letter or presentation, 404 for an unknown complaint, 406 for another media type', async () => {
    const unknown = await t.http.get(`/api/v1/complaints/${id}/letters/thank-you`).auth(officer, { type: 'bearer' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].field).toBe('letter');
    const badQuery = await t.http
      .get(`/api/v1/complaints/${id}/letters/acknowledgement-1?largePrint=yes`)
      .auth(officer, { type: 'bearer' });
    expect(badQuery.body.errors[0].field).toBe('largePrint');
    expect(
      (
        await t.http
          .get('/api/v1/complaints/00000000-0000-4000-8000-000000000000/letters/refusal')
          .auth(officer, { type: 'bearer' })
      ).status,
    ).toBe(404);
    expect(
      (
        await t.http
          .get(`/api/v1/complaints/${id}/letters/acknowledgement-1`)
          .auth(officer, { type: 'bearer' })
          .set('Accept', 'application/json')
      ).status,
    ).toBe(406);
  });

  it('is for the complaints team and auditors: never panels, nor admins', async () => {
    expect((await letter('acknowledgement-1', 'text/plain', panel)).status).toBe(403);
    expect((await letter('acknowledgement-1', 'text/plain', admin)).status).toBe(403);
    expect((await letter('acknowledgement-1', 'text/plain', auditor)).status).toBe(200);
  });
});

describe('POST /complaints/{id}/letters/{letter}/sent', () => {
  it('records the letter sent, refuses one that cannot be drafted yet, and the chronology shows it', async () => {
    const early = await post(`/complaints/${id}/letters/response-1/sent`, { channel: 'email', recipient: 'resident' });
    expect(early.status).toBe(409);
    expect(early.body.rule).toBe('letter-not-ready');
    expect(early.body.detail).toContain('Missing: the stage 1 response');
    expect(
      (
        await post(`/complaints/${id}/letters/acknowledgement-1/sent`, {
          channel: 'email',
          recipient: 'representative',
        })
      ).body.rule,
    ).toBe('letter-to-absent-representative');
    expect(
      (
        await post(
          `/complaints/${id}/letters/acknowledgement-1/sent`,
          { channel: 'email', recipient: 'resident' },
          auditor,
        )
      ).status,
    ).toBe(403);

    expect((await post(`/complaints/${id}/responses`, examples.respond)).status).toBe(200);
    const sent = await post(`/complaints/${id}/letters/response-1/sent`, {
      sentAt: '2026-03-16T17:00:00Z',
      channel: 'email',
      recipient: 'resident',
    });
    expect(sent.status).toBe(200);
    expect(sent.body.events).toEqual(['LetterSent']);
    const view = await t.http.get(`/api/v1/complaints/${id}/chronology`).auth(auditor, { type: 'bearer' });
    expect(view.body.entries.map((e: { description: string }) => e.description)).toContain(
      'Stage 1 response letter sent by email to the resident, by Dev Complaints Officer.',
    );
  });
});

describe('the landlord’s templates', () => {
  it('stop the service at start-up when one lacks a part the Code requires, saying which', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'letter-templates-'));
    try {
      cpSync(DEFAULT_LETTER_TEMPLATES_DIR, dir, { recursive: true });
      writeFileSync(join(dir, '_ombudsman.njk'), '');
      await expect(startTestApp({ LETTER_TEMPLATES_DIR: dir })).rejects.toThrow(
        /lacks the Housing Ombudsman, named, with their phone number and website/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
