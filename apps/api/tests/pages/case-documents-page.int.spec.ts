import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complaintBody, startTestApp, type TestApp } from '../support/test-app';

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
const jpeg = () => Buffer.concat([Buffer.from('ffd8ffe000104a46494600010100000100010000', 'hex'), randomBytes(2_000)]);

describe('pages: the documents on the case page', () => {
  let t: TestApp;
  let officer: string;
  let panel: string;
  let admin: string;
  let id: string;
  beforeAll(async () => {
    t = await startTestApp();
    officer = `Bearer ${await t.token('complaints_officer', 'officer-ann')}`;
    panel = `Bearer ${await t.token('scrutiny_panel')}`;
    admin = `Bearer ${await t.token('admin')}`;
    const created = await t.http.post('/api/v1/complaints').set('Authorization', officer).send(complaintBody());
    id = created.body.id as string;
  });
  afterAll(async () => t?.close());

  const casePage = (auth = officer) => t.http.get(`/complaints/${id}`).set('Authorization', auth);
  const post = (csrf: string, bytes: Buffer, fields: Record<string, string> = { kind: 'photo', description: '' }) => {
    let request = t.http.post(`/complaints/${id}/documents`).set('Authorization', officer).field('_csrf', csrf);
    for (const [name, value] of Object.entries(fields)) request = request.field(name, value);
    return request.attach('file', bytes, { filename: 'Back bedroom.jpg', contentType: 'image/jpeg' });
  };

  it('offers a plain multipart upload form, attaches the file, lists it and downloads it', async () => {
    const page = await casePage();
    expect(page.status).toBe(200);
    expect(page.text).toContain('No documents attached.');
    expect(page.text).toMatch(
      /<form method="post" action="\/complaints\/[^"]+\/documents" enctype="multipart\/form-data"/,
    );

    const bytes = jpeg();
    const posted = await post(csrfOf(page.text), bytes);
    expect(posted.status, posted.text).toBe(303);
    expect(posted.headers['location']).toBe(`/complaints/${id}#documents`);

    const after = await casePage();
    expect(after.text).toContain(`href="/complaints/${id}/documents/D1"`);
    expect(after.text).toContain('Back bedroom.jpg');
    expect(after.text).toContain('image/jpeg, 2 KB');
    const download = await t.http
      .get(`/complaints/${id}/documents/D1`)
      .set('Authorization', officer)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(download.status).toBe(200);
    expect(Buffer.compare(download.body as Buffer, bytes)).toBe(0);
  });

  it('refuses a form without its CSRF token, and records nothing', async () => {
    const refused = await post('not-the-token', jpeg());
    expect(refused.status).toBe(403);
    const list = await t.http.get(`/api/v1/complaints/${id}/documents`).set('Authorization', officer);
    expect(list.body.documents).toHaveLength(1);
  });

  it('shows an admin the case but not its documents, and never lets a panel download one', async () => {
    const page = await casePage(admin);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('id="documents"');
    expect((await t.http.get(`/complaints/${id}/documents/D1`).set('Authorization', admin)).status).toBe(403);
    expect((await t.http.get(`/complaints/${id}/documents/D1`).set('Authorization', panel)).status).toBe(403);
  });
});
