import { createHash, randomBytes } from 'node:crypto';
import type { BlobStore } from '@complaints/event-store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCUMENT_BLOB_ERASURE, documentBlobKey } from '@complaints/runtime';
import { DOCUMENT_BLOBS } from '../src/documents/document-tokens';
import { ReadModels } from '../src/read-models/read-models.service';
import { complaintBody, startTestApp, type TestApp } from './support/test-app';

/**
 * Documents end to end (docs/documents.md): upload as multipart, the type decided from the
 * content, the limit, download byte for byte with its SHA-256 checked, who may read them, and
 * erasure deleting the bytes.
 */
const MAX_BYTES = 300_000;
let t: TestApp;
let officer: string;
let auditor: string;
let panel: string;
let admin: string;
let blobs: BlobStore;

/** A JPEG as cameras write it: SOI, a JFIF APP0 segment, then (here random) data. */
const jpeg = (size = 1_200) =>
  Buffer.concat([Buffer.from('ffd8ffe000104a46494600010100000100010000', 'hex'), randomBytes(size)]);
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

function upload(
  id: string,
  file: { bytes: Buffer; name: string; type?: string } | null,
  fields: Record<string, string> = { kind: 'photo' },
  token = officer,
) {
  let request = t.http.post(`/api/v1/complaints/${id}/documents`).auth(token, { type: 'bearer' });
  for (const [name, value] of Object.entries(fields)) request = request.field(name, value);
  if (file)
    request = request.attach('file', file.bytes, {
      filename: file.name,
      contentType: file.type ?? 'application/octet-stream',
    });
  return request;
}
const get = (path: string, token = officer) =>
  t.http
    .get(`/api/v1${path}`)
    .auth(token, { type: 'bearer' })
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
const getJson = (path: string, token = officer) => t.http.get(`/api/v1${path}`).auth(token, { type: 'bearer' });

async function newComplaint(): Promise<string> {
  const created = await t.http.post('/api/v1/complaints').auth(officer, { type: 'bearer' }).send(complaintBody());
  expect(created.status).toBe(201);
  return created.body.id as string;
}

beforeAll(async () => {
  t = await startTestApp({ DOCUMENTS_MAX_BYTES: String(MAX_BYTES) });
  officer = await t.token('complaints_officer', 'u-101');
  auditor = await t.token('auditor');
  panel = await t.token('scrutiny_panel');
  admin = await t.token('admin');
  blobs = t.app.get<BlobStore>(DOCUMENT_BLOBS);
}, 60_000);

afterAll(async () => {
  await t?.close();
});

describe('attaching a document', () => {
  it('stores the bytes, records the digest, size, detected type and kind, and gives them back byte for byte', async () => {
    const id = await newComplaint();
    const bytes = jpeg();
    const attached = await upload(
      id,
      { bytes, name: 'Damp – back bedroom.jpg', type: 'image/jpeg' },
      { kind: 'photo', description: 'Mould behind the wardrobe' },
    );
    expect(attached.status, JSON.stringify(attached.body)).toBe(201);
    expect(attached.body.events).toEqual(['DocumentAttached']);
    expect(attached.body.document).toMatchObject({
      documentId: 'D1',
      sha256: sha(bytes),
      sizeBytes: bytes.length,
      mediaType: 'image/jpeg',
      kind: 'photo',
      fileName: 'Damp – back bedroom.jpg',
      description: 'Mould behind the wardrobe',
      attachedBy: 'u-101',
      available: true,
    });
    expect(attached.headers['location']).toBe(`/api/v1/complaints/${id}/documents/D1`);
    expect(await blobs.exists(documentBlobKey(id, sha(bytes)))).toBe(true);

    const download = await get(`/complaints/${id}/documents/D1`, auditor);
    expect(download.status).toBe(200);
    expect(Buffer.compare(download.body as Buffer, bytes)).toBe(0);
    expect(sha(download.body as Buffer)).toBe(attached.body.document.sha256);
    expect(download.headers['content-type']).toBe('image/jpeg');
    expect(download.headers['content-disposition']).toMatch(/^attachment; /);
    expect(download.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('Damp – back bedroom.jpg')}`,
    );
    expect(download.headers['x-content-type-options']).toBe('nosniff');

    const list = await getJson(`/complaints/${id}/documents`);
    expect(list.status).toBe(200);
    expect(list.body.documents.map((d: { documentId: string }) => d.documentId)).toEqual(['D1']);
  });

  it('takes plain text, and a file sent as application/octet-stream is typed by its content', async () => {
    const id = await newComplaint();
    const text = await upload(
      id,
      { bytes: Buffer.from('Call notes: tenant reports the leak is back.\n'), name: 'notes.txt', type: 'text/plain' },
      { kind: 'correspondence' },
    );
    expect(text.status, JSON.stringify(text.body)).toBe(201);
    expect(text.body.document.mediaType).toBe('text/plain');
    const pdf = await upload(
      id,
      {
        bytes: Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', 'latin1'),
        name: 'surveyor-report',
      },
      { kind: 'report' },
    );
    expect(pdf.status, JSON.stringify(pdf.body)).toBe(201);
    expect(pdf.body.document).toMatchObject({ documentId: 'D2', mediaType: 'application/pdf', kind: 'report' });
  });

  it('refuses a type not allowed by its content, whatever the name says (415), and stores nothing', async () => {
    const id = await newComplaint();
    const program = Buffer.concat([Buffer.from('MZ'), randomBytes(500)]);
    const refused = await upload(id, { bytes: program, name: 'photo.jpg' });
    expect(refused.status).toBe(415);
    expect(refused.body.rule).toBe('document-type-not-allowed');
    expect(await blobs.exists(documentBlobKey(id, sha(program)))).toBe(false);
    expect((await getJson(`/complaints/${id}/documents`)).body.documents).toEqual([]);
  });

  it('refuses a declared type that contradicts the content (415 naming both)', async () => {
    const id = await newComplaint();
    const refused = await upload(id, { bytes: jpeg(), name: 'plan.pdf', type: 'application/pdf' }, { kind: 'report' });
    expect(refused.status).toBe(415);
    expect(refused.body).toMatchObject({ declaredMediaType: 'application/pdf', detectedMediaType: 'image/jpeg' });
    expect(refused.body.detail).toContain('application/pdf');
    expect(refused.body.detail).toContain('image/jpeg');
  });

  it('refuses a document over the limit (413) and takes one at the limit', async () => {
    const id = await newComplaint();
    const tooBig = await upload(id, { bytes: jpeg(MAX_BYTES), name: 'big.jpg', type: 'image/jpeg' });
    expect(tooBig.status).toBe(413);
    expect(tooBig.body).toMatchObject({
      type: expect.stringMatching(/\/document-too-large$/),
      title: 'Payload too large',
      rule: 'document-too-large',
    });
    expect(tooBig.body.detail).toContain(String(MAX_BYTES));
    const atLimit = jpeg(MAX_BYTES - 20);
    expect(atLimit.length).toBe(MAX_BYTES);
    expect((await upload(id, { bytes: atLimit, name: 'limit.jpg', type: 'image/jpeg' })).status).toBe(201);
  });

  it('refuses an empty file (400, rule document-empty), storing nothing', async () => {
    const id = await newComplaint();
    const empty = await upload(id, { bytes: Buffer.alloc(0), name: 'nothing.pdf', type: 'application/pdf' });
    expect(empty.status).toBe(400);
    expect(empty.body).toMatchObject({
      type: expect.stringMatching(/\/document-empty$/),
      title: 'Document refused',
      rule: 'document-empty',
    });
  });

  it('names missing and invalid fields (400)', async () => {
    const id = await newComplaint();
    const noFile = await upload(id, null);
    expect(noFile.status).toBe(400);
    expect(noFile.body.errors.map((e: { field: string }) => e.field)).toEqual(['file']);
    const noKind = await upload(id, { bytes: jpeg(), name: 'x.jpg' }, {});
    expect(noKind.status).toBe(400);
    expect(noKind.body.errors.map((e: { field: string }) => e.field)).toContain('kind');
    const badKind = await upload(id, { bytes: jpeg(), name: 'x.jpg' }, { kind: 'selfie' });
    expect(badKind.status).toBe(400);
    expect(badKind.body.errors.map((e: { field: string }) => e.field)).toContain('kind');
  });

  it('answers 404 for a complaint that does not exist, and 415 for a body that is not multipart', async () => {
    expect((await upload('no-such-complaint', { bytes: jpeg(), name: 'x.jpg' })).status).toBe(404);
    const id = await newComplaint();
    const json = await t.http
      .post(`/api/v1/complaints/${id}/documents`)
      .auth(officer, { type: 'bearer' })
      .send({ kind: 'photo' });
    expect(json.status).toBe(415);
  });
});

describe('who may read documents', () => {
  let id: string;
  beforeAll(async () => {
    id = await newComplaint();
    expect((await upload(id, { bytes: jpeg(), name: 'x.jpg' })).status).toBe(201);
  });

  it('never panels, nor admins; panels cannot upload either', async () => {
    expect((await get(`/complaints/${id}/documents/D1`, panel)).status).toBe(403);
    expect((await getJson(`/complaints/${id}/documents`, panel)).status).toBe(403);
    expect((await get(`/complaints/${id}/documents/D1`, admin)).status).toBe(403);
    expect((await upload(id, { bytes: jpeg(), name: 'y.jpg' }, { kind: 'photo' }, panel)).status).toBe(403);
    expect((await upload(id, { bytes: jpeg(), name: 'y.jpg' }, { kind: 'photo' }, auditor)).status).toBe(403);
  });

  it('answers 404 for a document the complaint does not have', async () => {
    expect((await get(`/complaints/${id}/documents/D9`)).status).toBe(404);
  });
});

describe('integrity on the way out', () => {
  it('never serves bytes that do not match the recorded SHA-256: a 500 naming the document', async () => {
    const id = await newComplaint();
    const bytes = jpeg();
    expect((await upload(id, { bytes, name: 'x.jpg' })).status).toBe(201);
    const tampered = Buffer.from(bytes);
    tampered[tampered.length - 1] = tampered[tampered.length - 1]! ^ 0xff;
    await blobs.put(documentBlobKey(id, sha(bytes)), tampered);
    const download = await get(`/complaints/${id}/documents/D1`);
    expect(download.status).toBe(500);
    expect(download.headers['content-type']).toContain('application/problem+json');
    const problem = JSON.parse((download.body as Buffer).toString()) as { detail: string; documentId: string };
    expect(problem.documentId).toBe('D1');
    expect(problem.detail).toContain('SHA-256');

    await blobs.delete(documentBlobKey(id, sha(bytes)));
    const missing = await get(`/complaints/${id}/documents/D1`);
    expect(missing.status).toBe(500);
    expect(JSON.parse((missing.body as Buffer).toString()).detail).toContain('missing');
  });
});

describe('erasure', () => {
  it("deletes the bytes with the complaint's personal data; the download is then 410 and the file name reads as erased", async () => {
    const id = await newComplaint();
    const photo = jpeg();
    const letter = Buffer.from('Dear Sir, I am writing about the repairs at 1 Example Street.\n');
    expect((await upload(id, { bytes: photo, name: 'Jane Resident kitchen.jpg' })).status).toBe(201);
    expect(
      (
        await upload(
          id,
          { bytes: letter, name: 'letter from Jane.txt', type: 'text/plain' },
          { kind: 'letter_received' },
        )
      ).status,
    ).toBe(201);
    expect(
      (await t.http.post(`/api/v1/complaints/${id}/withdrawal`).auth(officer, { type: 'bearer' }).send({})).status,
    ).toBe(200);
    const erased = await t.http
      .post(`/api/v1/complaints/${id}/personal-data/erasure`)
      .auth(admin, { type: 'bearer' })
      .send({});
    expect(erased.status, JSON.stringify(erased.body)).toBe(200);

    // The deletion is the erasure reaction's (a projection the engine retries): wait until it has applied the log.
    await t.app.get(ReadModels).caughtUp(DOCUMENT_BLOB_ERASURE);
    expect(await blobs.exists(documentBlobKey(id, sha(photo)))).toBe(false);
    expect(await blobs.exists(documentBlobKey(id, sha(letter)))).toBe(false);

    const gone = await get(`/complaints/${id}/documents/D1`);
    expect(gone.status).toBe(410);
    const problem = JSON.parse((gone.body as Buffer).toString()) as { detail: string };
    expect(problem.detail).toContain('erased');
    const list = await getJson(`/complaints/${id}/documents`);
    expect(list.body.erasedAt).not.toBeNull();
    expect(
      list.body.documents.map((d: { fileName: string; available: boolean; sha256: string }) => [
        d.fileName,
        d.available,
        d.sha256,
      ]),
    ).toEqual([
      ['[erased]', false, sha(photo)],
      ['[erased]', false, sha(letter)],
    ]);
    // And nothing more can be attached to it.
    const late = await upload(id, { bytes: jpeg(), name: 'late.jpg' });
    expect(late.status).toBe(409);
    expect(late.body.rule).toBe('document-on-erased-complaint');
  });

  it("leaves another complaint's copy of the same file alone", async () => {
    const photo = jpeg();
    const [first, second] = [await newComplaint(), await newComplaint()];
    expect((await upload(first, { bytes: photo, name: 'same.jpg' })).status).toBe(201);
    expect((await upload(second, { bytes: photo, name: 'same.jpg' })).status).toBe(201);
    expect(
      (await t.http.post(`/api/v1/complaints/${first}/withdrawal`).auth(officer, { type: 'bearer' }).send({})).status,
    ).toBe(200);
    expect(
      (await t.http.post(`/api/v1/complaints/${first}/personal-data/erasure`).auth(admin, { type: 'bearer' }).send({}))
        .status,
    ).toBe(200);
    await t.app.get(ReadModels).caughtUp(DOCUMENT_BLOB_ERASURE);
    expect((await get(`/complaints/${second}/documents/D1`)).status).toBe(200);
  });
});

describe('the chronology', () => {
  it('says what was attached, never the file name', async () => {
    const id = await newComplaint();
    expect(
      (await upload(id, { bytes: jpeg(1_200_000 - 20), name: 'Jane Resident kitchen.jpg', type: 'image/jpeg' })).status,
    ).toBe(413);
    expect(
      (await upload(id, { bytes: jpeg(250_000), name: 'Jane Resident kitchen.jpg', type: 'image/jpeg' })).status,
    ).toBe(201);
    const chronology = await getJson(`/complaints/${id}/chronology`);
    expect(chronology.status).toBe(200);
    const text = JSON.stringify(chronology.body);
    expect(text).toContain('Document attached: photo (image/jpeg, 250 KB)');
    expect(text).not.toContain('kitchen');
  });
});
