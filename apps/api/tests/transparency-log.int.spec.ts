import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPairSync } from 'node:crypto';
import { eventHash, verifyChain } from '@complaints/event-store';
import {
  checkpointSignatureProblem,
  keyIdOf,
  rawPublicKey,
  runVerifyCli,
  type Checkpoint,
  type EvidencePack,
  type PublishedKey,
} from '@complaints/transparency';
import { createTestDatabase, findPostgresServer, type TestDatabase } from '@complaints/testing';
import { pdfText } from '@complaints/documents/testing';
import { complaintBody, startTestApp, uniqueServiceArea, type TestApp } from './support/test-app';

/**
 * The transparency log end to end: the running service signs checkpoints, publishes its keys,
 * serves consistency proofs and evidence packs, and the offline verifier (`npm run verify`)
 * accepts what it produces — across more writes and across an erasure.
 */
let t: TestApp;
let officer: string;
let auditor: string;
let dir: string;
let id: string;
const serviceArea = uniqueServiceArea('evidence');

const run = promisify(execFile);
const repositoryRoot = resolve(__dirname, '../../..');

function verify(files: Record<string, unknown>, args: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), JSON.stringify(content));
  const code = runVerifyCli(
    args.map((arg) => (arg.endsWith('.json') ? join(dir, arg) : arg)),
    { out: (line) => (out += `${line}\n`), err: (line) => (err += `${line}\n`) },
  );
  return { code, out, err };
}

beforeAll(async () => {
  t = await startTestApp();
  officer = await t.token('complaints_officer');
  auditor = await t.token('auditor');
  dir = mkdtempSync(join(tmpdir(), 'complaints-evidence-'));
  const created = await t.http
    .post('/api/v1/complaints')
    .auth(officer, { type: 'bearer' })
    .send(complaintBody({ serviceArea }));
  expect(created.status).toBe(201);
  id = created.body.id;
  const ack = await t.http
    .post(`/api/v1/complaints/${id}/acknowledgements`)
    .auth(officer, { type: 'bearer' })
    .send({
      acknowledgedAt: '2026-03-04T09:00:00Z',
      handler: { id: 'off-1', name: 'Sam Officer' },
      headsOfComplaint: ['Mould not treated'],
    });
  expect(ack.status).toBe(200);
});
afterAll(async () => {
  await t?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const evidence = (query = '') =>
  t.http.get(`/api/v1/complaints/${id}/evidence${query}`).auth(auditor, { type: 'bearer' });

describe('the transparency log over HTTP', () => {
  it('publishes its public keys, and every role may read the signed checkpoint, which they verify', async () => {
    const keys = await t.http.get('/api/v1/integrity/keys').auth(await t.token('integration'), { type: 'bearer' });
    expect(keys.status).toBe(200);
    const published = keys.body.keys as PublishedKey[];
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({ algorithm: 'Ed25519', current: true });

    for (const role of ['integration', 'scrutiny_panel', 'auditor'] as const) {
      const res = await t.http.get('/api/v1/integrity/checkpoint').auth(await t.token(role), { type: 'bearer' });
      expect(res.status).toBe(200);
      expect(Object.keys(res.body).sort()).toEqual(['issuedAt', 'keyId', 'rootHash', 'signature', 'treeSize']);
      expect(res.body.treeSize).toBeGreaterThanOrEqual(2);
      expect(checkpointSignatureProblem(res.body as Checkpoint, published[0]!.publicKey)).toBeUndefined();
    }
    expect((await t.http.get('/api/v1/integrity/checkpoint')).status).toBe(401);
  });

  it('an evidence pack from the running service passes `npm run verify` (the real script, a child process)', async () => {
    const res = await evidence();
    expect(res.status).toBe(200);
    const pack = res.body as EvidencePack;
    expect(pack.events.map((e) => e.revision)).toEqual([1, 2]);
    expect(pack.log.map((leaf) => leaf.revision)).toEqual([1, 2]);
    writeFileSync(join(dir, 'pack.json'), JSON.stringify(pack));
    const { stdout } = await run('npm', ['run', '-s', 'verify', '--', '--evidence', join(dir, 'pack.json')], {
      cwd: repositoryRoot,
    });
    expect(stdout).toContain('VALID');
    // It says which case it verified (with the receipt's reference) and what it did not verify.
    const reference = (pack.events[0]!.data as { reference: string }).reference;
    expect(stdout).toContain(`complaint ${id} (reference ${reference}), 2 events verified`);
    expect(stdout).toContain('not verified: chronology');
  });

  it("carries no decrypted personal data: the resident's name is nowhere in the pack, while the service area (stored in clear) is", async () => {
    const text = JSON.stringify((await evidence()).body);
    expect(text).toContain(serviceArea);
    expect(text).not.toContain('Jane Resident');
    expect(text).not.toContain('jane@example.org');
  });

  it("proves the log grew from the auditor's earlier checkpoint, and survives an erasure: the hashed bytes did not change", async () => {
    const before = (await evidence()).body as EvidencePack;
    const withdrawn = await t.http
      .post(`/api/v1/complaints/${id}/withdrawal`)
      .auth(officer, { type: 'bearer' })
      .send({ withdrawnAt: '2026-03-05T10:00:00Z', reason: 'Resolved informally' });
    expect(withdrawn.status).toBe(200);
    const admin = await t.token('admin');
    const erased = await t.http
      .post(`/api/v1/complaints/${id}/personal-data/erasure`)
      .auth(admin, { type: 'bearer' })
      .send({ reason: 'Retention period ended' });
    expect(erased.status).toBe(200);

    const res = await evidence(`?consistencyFrom=${before.checkpoint.treeSize}`);
    expect(res.status).toBe(200);
    const after = res.body as EvidencePack;
    expect(after.checkpoint.treeSize).toBeGreaterThan(before.checkpoint.treeSize);
    expect(JSON.stringify(after.events.slice(0, before.events.length))).toBe(JSON.stringify(before.events));
    const result = verify({ 'after.json': after, 'before.json': before.checkpoint }, [
      '--evidence',
      'after.json',
      '--checkpoint',
      'before.json',
    ]);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toContain(`extends your checkpoint: the tree of ${before.checkpoint.treeSize} is a prefix`);

    // Without the proof in the pack, the consistency answer of the API does it.
    const plain = (await evidence()).body as EvidencePack;
    const proof = await t.http
      .get(`/api/v1/integrity/consistency?from=${before.checkpoint.treeSize}&to=${plain.checkpoint.treeSize}`)
      .auth(auditor, { type: 'bearer' });
    expect(proof.status).toBe(200);
    expect(
      verify({ 'plain.json': plain, 'before.json': before, 'proof.json': proof.body }, [
        '--evidence',
        'plain.json',
        '--checkpoint',
        'before.json',
        '--consistency',
        'proof.json',
      ]).code,
    ).toBe(0);
  });

  it('the chronology PDF carries the signed checkpoint it was issued under, one that covers the case and verifies', async () => {
    const pdf = await t.http
      .get(`/api/v1/complaints/${id}/chronology`)
      .auth(auditor, { type: 'bearer' })
      .set('Accept', 'application/pdf')
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(pdf.status).toBe(200);
    const text = (await pdfText(pdf.body as Buffer)).replace(/\s+/g, ' ');
    const size = /transparency log: tree size ([\d,]+)/.exec(text)?.[1];
    expect(size, text).toBeDefined();
    const listed = await t.http.get('/api/v1/integrity/checkpoints').auth(auditor, { type: 'bearer' });
    const checkpoint = (listed.body.checkpoints as Checkpoint[]).find(
      (c) => c.treeSize === Number(size!.replace(/,/g, '')),
    );
    expect(checkpoint).toBeDefined();
    expect(text).toContain(checkpoint!.rootHash);
    expect(text).toContain(checkpoint!.keyId);
    expect(text).toContain(checkpoint!.issuedAt);
    // The signature too, wrapped: someone holding only the PDF can verify the checkpoint.
    expect(text).toContain(checkpoint!.signature.match(/.{1,64}/g)!.join(' '));
    const pack = (await evidence()).body as EvidencePack;
    expect(pack.log.every((leaf) => leaf.leafIndex < checkpoint!.treeSize)).toBe(true);
  });

  it('lists the checkpoints issued, for witnesses', async () => {
    const res = await t.http
      .get('/api/v1/integrity/checkpoints?after=0')
      .auth(await t.token('integration'), { type: 'bearer' });
    expect(res.status).toBe(200);
    const sizes = (res.body.checkpoints as Checkpoint[]).map((c) => c.treeSize);
    expect(sizes.length).toBeGreaterThanOrEqual(2);
    expect([...sizes].sort((a, b) => a - b)).toEqual(sizes);
  });

  it('answers bad query values with problem+json naming the field, and evidence only to managers and auditors', async () => {
    const bad = await t.http.get('/api/v1/integrity/consistency?from=abc').auth(auditor, { type: 'bearer' });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'from' })]);
    const beyond = await t.http
      .get('/api/v1/integrity/consistency?from=1&to=99999999')
      .auth(auditor, { type: 'bearer' });
    expect(beyond.status).toBe(400);
    expect(beyond.body.errors).toEqual([expect.objectContaining({ field: 'to' })]);
    const backwards = await t.http.get('/api/v1/integrity/consistency?from=3&to=2').auth(auditor, { type: 'bearer' });
    expect(backwards.body.errors).toEqual([expect.objectContaining({ field: 'from' })]);
    const badSizes = await evidence('?consistencyFrom=1,x');
    expect(badSizes.status).toBe(400);
    expect(badSizes.body.errors).toEqual([expect.objectContaining({ field: 'consistencyFrom' })]);
    const tooLarge = await evidence('?consistencyFrom=99999999');
    expect(tooLarge.status).toBe(400);
    expect(tooLarge.body.errors).toEqual([expect.objectContaining({ field: 'consistencyFrom' })]);
    expect((await t.http.get(`/api/v1/complaints/${id}/evidence`).auth(officer, { type: 'bearer' })).status).toBe(403);
    expect(
      (await t.http.get('/api/v1/complaints/no-such-complaint/evidence').auth(auditor, { type: 'bearer' })).status,
    ).toBe(404);
  });

  describe('an insider with write access to the event table', () => {
    // On a store of its own: what the insider does breaks the log for every later reader of the
    // store, and on PostgreSQL the other spec files share one database.
    let t: TestApp;
    let database: TestDatabase | undefined;
    beforeAll(async () => {
      if (process.env['DATABASE_URL']) {
        const server = await findPostgresServer();
        if ('skip' in server) throw new Error(`DATABASE_URL is set but PostgreSQL is not reachable: ${server.skip}`);
        database = await createTestDatabase(server);
        t = await startTestApp({ DATABASE_URL: database.connectionString });
      } else {
        t = await startTestApp();
      }
    });
    afterAll(async () => {
      await t?.close();
      await database?.dispose();
    });

    /** A fresh complaint of three events, its log caught up (the evidence pack waits for it). */
    async function complaintOfThree(): Promise<string> {
      const created = await t.http
        .post('/api/v1/complaints')
        .auth(officer, { type: 'bearer' })
        .send(complaintBody({ serviceArea }));
      const cid = created.body.id as string;
      for (const at of ['2026-03-03T10:00:00Z', '2026-03-04T10:00:00Z']) {
        const res = await t.http
          .post(`/api/v1/complaints/${cid}/contacts`)
          .auth(officer, { type: 'bearer' })
          .send({ at, direction: 'outbound', channel: 'phone', reached: true });
        expect(res.status).toBe(200);
      }
      expect((await t.http.get(`/api/v1/complaints/${cid}/evidence`).auth(auditor, { type: 'bearer' })).status).toBe(
        200,
      );
      return cid;
    }

    /** What the insider does, with the append-only trigger out of the way for the moment. */
    async function asInsider(statement: string, params: (string | number)[]): Promise<void> {
      await t.infrastructure.sql.query('ALTER TABLE events DISABLE TRIGGER events_no_update_or_delete');
      try {
        await t.infrastructure.sql.query(statement, params);
      } finally {
        await t.infrastructure.sql.query('ALTER TABLE events ENABLE TRIGGER events_no_update_or_delete');
      }
    }

    it("rewrites an event: the service's own pack of it fails `npm run verify`, naming the revision", async () => {
      const cid = await complaintOfThree();
      await asInsider(
        `UPDATE events SET data = jsonb_set(data, '{reached}', 'false') WHERE stream_id = $1 AND revision = 2`,
        [`complaint-${cid}`],
      );
      const pack = (await t.http.get(`/api/v1/complaints/${cid}/evidence`).auth(auditor, { type: 'bearer' }))
        .body as EvidencePack;
      const result = verify({ 'tampered.json': pack }, ['--evidence', 'tampered.json']);
      expect(result.code).toBe(1);
      expect(result.err).toContain('[tampered-event] the hash chain breaks at revision 2 (hash-mismatch)');
    });

    it("deletes a stream's last event: the pack shows the log still holds it", async () => {
      const cid = await complaintOfThree();
      await asInsider('DELETE FROM events WHERE stream_id = $1 AND revision = 3', [`complaint-${cid}`]);
      const pack = (await t.http.get(`/api/v1/complaints/${cid}/evidence`).auth(auditor, { type: 'bearer' }))
        .body as EvidencePack;
      expect(pack.events).toHaveLength(2);
      const result = verify({ 'cut.json': pack }, ['--evidence', 'cut.json']);
      expect(result.code).toBe(1);
      expect(result.err).toContain(
        "[truncated-stream] the log holds revision 3 of the stream, but the pack's events end at revision 2",
      );
    });

    it('rewrites an event and recomputes its chain: the chain holds, but GET /integrity reports it is not the event the log recorded', async () => {
      const cid = await complaintOfThree();
      await asInsider(
        `UPDATE events SET data = jsonb_set(data, '{reached}', 'false') WHERE stream_id = $1 AND revision = 3`,
        [`complaint-${cid}`],
      );
      const changed = (await t.infrastructure.complaints.readStored(cid)).at(-1)!;
      await asInsider('UPDATE events SET hash = $1 WHERE stream_id = $2 AND revision = 3', [
        eventHash(changed.previousHash, changed),
        `complaint-${cid}`,
      ]);
      expect(verifyChain(`complaint-${cid}`, await t.infrastructure.complaints.readStored(cid)).valid).toBe(true);
      const res = await t.http.get(`/api/v1/complaints/${cid}/integrity`).auth(auditor, { type: 'bearer' });
      expect(res.body).toMatchObject({
        complaintId: cid,
        valid: false,
        eventsChecked: 3,
        problem: { kind: 'log-mismatch', revision: 3 },
        log: { leavesChecked: 3 },
      });
    });

    it("deletes a stream's last event: GET /integrity reports the log still holds it", async () => {
      const cid = await complaintOfThree();
      const before = await t.http.get(`/api/v1/complaints/${cid}/integrity`).auth(auditor, { type: 'bearer' });
      expect(before.body).toMatchObject({
        valid: true,
        eventsChecked: 3,
        log: { leavesChecked: 3, eventsNotYetInLog: 0 },
      });
      await asInsider('DELETE FROM events WHERE stream_id = $1 AND revision = 3', [`complaint-${cid}`]);
      const res = await t.http.get(`/api/v1/complaints/${cid}/integrity`).auth(auditor, { type: 'bearer' });
      expect(res.body).toMatchObject({
        valid: false,
        eventsChecked: 2,
        problem: { kind: 'missing-event', revision: 3 },
      });
    });

    it('adds a key of their own to transparency_keys: it is published nowhere, neither by GET /integrity/keys nor in evidence packs', async () => {
      const cid = await complaintOfThree();
      const rogue = rawPublicKey(generateKeyPairSync('ed25519').publicKey);
      await t.infrastructure.sql.query(
        'INSERT INTO transparency_keys (key_id, public_key, first_used_at) VALUES ($1, $2, $3)',
        [keyIdOf(rogue), rogue.toString('base64'), '2026-01-01T00:00:00.000Z'],
      );
      const keys = (await t.http.get('/api/v1/integrity/keys').auth(auditor, { type: 'bearer' })).body
        .keys as PublishedKey[];
      expect(keys.length).toBeGreaterThan(0);
      expect(keys.map((k) => k.keyId)).not.toContain(keyIdOf(rogue));
      const pack = (await t.http.get(`/api/v1/complaints/${cid}/evidence`).auth(auditor, { type: 'bearer' }))
        .body as EvidencePack;
      expect(pack.keys.map((k) => k.keyId)).toContain(pack.checkpoint.keyId);
      expect(JSON.stringify(pack)).not.toContain(rogue.toString('base64'));
    });

    // Last: a deleted leaf row leaves the whole log incomplete for every later check of this store.
    it("deletes a stream's last event AND its leaf row: only the auditor's earlier pack of the case shows it, naming revision and leaf", async () => {
      const cid = await complaintOfThree();
      const earlier = (await t.http.get(`/api/v1/complaints/${cid}/evidence`).auth(auditor, { type: 'bearer' }))
        .body as EvidencePack;
      await complaintOfThree(); // later events of another case: the cut leaf is not the tree's last
      const leaf = earlier.log.find((entry) => entry.revision === 3)!;
      await asInsider('DELETE FROM events WHERE stream_id = $1 AND revision = 3', [`complaint-${cid}`]);
      const tables = await t.infrastructure.sql.query<{ name: string }>(
        `SELECT tablename AS name FROM pg_tables WHERE tablename LIKE 'tlog_leaves%'`,
      );
      for (const { name } of tables)
        await t.infrastructure.sql.query(`DELETE FROM ${name} WHERE stream_id = $1 AND revision = 3`, [
          `complaint-${cid}`,
        ]);
      const cut = (
        await t.http
          .get(`/api/v1/complaints/${cid}/evidence?consistencyFrom=${earlier.checkpoint.treeSize}`)
          .auth(auditor, { type: 'bearer' })
      ).body as EvidencePack;
      expect(cut.log.map((entry) => entry.revision)).toEqual([1, 2]);
      // On its own the cut pack holds together: a Merkle log proves inclusion, not absence.
      expect(verify({ 'cut-alone.json': cut }, ['--evidence', 'cut-alone.json']).code).toBe(0);
      const result = verify({ 'cut2.json': cut, 'earlier.json': earlier }, [
        '--evidence',
        'cut2.json',
        '--checkpoint',
        'earlier.json',
      ]);
      expect(result.code).toBe(1);
      expect(result.err).toContain(
        `[truncated-stream] your earlier pack of this case listed revision 3 at leaf ${leaf.leafIndex}; this pack has no such leaf`,
      );
    });
  });
});
