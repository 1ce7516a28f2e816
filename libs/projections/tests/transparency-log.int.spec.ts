import { generateKeyPairSync } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { eventHash, verifyChain } from '@complaints/event-store';
import {
  keyIdOf,
  logLeafHash,
  signCheckpoint,
  MemoryTree,
  rawPublicKey,
  toHex,
  treeRoot,
  verifyConsistency,
  verifyEvidencePack,
  type Checkpoint,
} from '@complaints/transparency';
import {
  complaintIntegrity,
  LogInconsistentError,
  ProjectionEngine,
  type SignedCheckpointStore,
  TLOG_LEAVES_TABLE,
  TLOG_NODES_TABLE,
  TRANSPARENCY_LOG,
  TransparencyLog,
  transparencyLogProjection,
  withActiveTables,
} from '../src';
import { describeOnBothBackends, type Backend } from '../testing';
import { CASELOAD, event, record, recordCaseload } from './support/complaint-history';

describeOnBothBackends('transparency log', (open) => {
  let backend: Backend;
  let engine: ProjectionEngine | undefined;
  const signingKey = generateKeyPairSync('ed25519').privateKey;

  afterEach(async () => {
    await engine?.stop();
    engine = undefined;
    await backend?.close();
  });

  async function logOver(b: Backend, batchSize = 4) {
    engine = new ProjectionEngine({
      sql: b.sql,
      source: b.source,
      projections: [transparencyLogProjection()],
      batchSize,
      pollIntervalMs: 60_000,
    });
    await engine.catchUp();
    return new TransparencyLog({ sql: b.sql, signingKey });
  }

  /** The tree an auditor would build from the store's own log, in memory. */
  async function expectedRoot(b: Backend, size?: number): Promise<string> {
    const all = await b.store.readAll({ after: 0n, limit: 10_000 });
    const tree = new MemoryTree();
    tree.appendLeafHashes(
      all
        .slice(0, size ?? all.length)
        .map((e) => logLeafHash({ streamId: e.streamId, revision: e.revision, eventId: e.eventId, hash: e.hash })),
    );
    return toHex(await treeRoot(tree, tree.treeSize));
  }

  it('holds one leaf per event in global order, whatever the batch size: the signed root is the one recomputed from the store', async () => {
    backend = await open();
    await recordCaseload(backend.complaints);
    const log = await logOver(backend, 3);
    const checkpoint = await log.issueCheckpoint();
    expect(checkpoint.treeSize).toBe(CASELOAD.length);
    expect(checkpoint.rootHash).toBe(await expectedRoot(backend));
    // Not growing: the same checkpoint again, not a new signature.
    expect(await log.issueCheckpoint()).toEqual(checkpoint);
    const [status] = await engine!.status();
    expect(status).toMatchObject({ projection: TRANSPARENCY_LOG, lagEvents: 0n });
  });

  it('stores perfect subtrees only: 2n − popcount(n) nodes for n leaves (no full recomputation per size)', async () => {
    backend = await open();
    await recordCaseload(backend.complaints);
    await logOver(backend, 5);
    const n = CASELOAD.length;
    const popcount = n
      .toString(2)
      .split('')
      .filter((bit) => bit === '1').length;
    const rows = await withActiveTables(backend.sql, TRANSPARENCY_LOG, (tables) =>
      backend.sql.query<{ count: string }>(`SELECT count(*)::text AS count FROM ${tables.table(TLOG_NODES_TABLE)}`),
    );
    expect(Number(rows[0]!.count)).toBe(2 * n - popcount);
  });

  it('serves a consistency proof between any two issued checkpoints, and the proof verifies', async () => {
    backend = await open();
    await recordCaseload(backend.complaints, CASELOAD.slice(0, 9));
    const log = await logOver(backend);
    const first = await log.issueCheckpoint();
    await recordCaseload(backend.complaints, CASELOAD.slice(9));
    await engine!.catchUp();
    const second = await log.issueCheckpoint();
    const answer = await log.consistency(first.treeSize, second.treeSize);
    expect(answer.fromCheckpoint).toEqual(first);
    expect(answer.toCheckpoint).toEqual(second);
    expect(
      verifyConsistency(
        first.treeSize,
        second.treeSize,
        Buffer.from(first.rootHash, 'hex'),
        Buffer.from(second.rootHash, 'hex'),
        answer.proof.map((p) => Buffer.from(p, 'hex')),
      ),
    ).toBe(true);
    await expect(log.consistency(1, second.treeSize + 1)).rejects.toMatchObject({ field: 'to' });
    await expect(log.consistency(5, 4)).rejects.toMatchObject({ field: 'from' });
  });

  it("an evidence pack it builds verifies offline; after erasure the hashed bytes are unchanged, so the earlier pack's proofs and the new pack both verify", async () => {
    backend = await open();
    await recordCaseload(backend.complaints);
    const log = await logOver(backend);
    const packOf = async (consistencyFrom: number[] = []) =>
      log.evidence({
        complaintId: 'c-acked',
        streamId: 'complaint-c-acked',
        events: await backend.complaints.readStored('c-acked'),
        consistencyFrom,
        chronology: [],
      });
    const before = await packOf();
    expect(verifyEvidencePack(before)).toMatchObject({ valid: true, problems: [] });

    const storedBefore = JSON.stringify(before.events);
    await record(backend.complaints, 'c-acked', [event.erased('c-acked', '2026-03-06')]);
    await backend.complaints.erase('ds-c-acked', new Date('2026-03-06T11:00:00Z'));
    await engine!.catchUp();
    const after = await packOf([before.checkpoint.treeSize]);
    // What the store holds for the first events is byte for byte what it held before the key was destroyed.
    expect(JSON.stringify(after.events.slice(0, before.events.length))).toBe(storedBefore);
    expect(after.log.slice(0, before.log.length).map((leaf) => leaf.leafIndex)).toEqual(
      before.log.map((leaf) => leaf.leafIndex),
    );
    const result = verifyEvidencePack(after, { earlier: before.checkpoint });
    expect(result.problems).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('refuses to sign once the tree no longer extends an issued checkpoint (history rewritten and the tree rebuilt)', async () => {
    backend = await open();
    await recordCaseload(backend.complaints, CASELOAD.slice(0, 6));
    const log = await logOver(backend);
    await log.issueCheckpoint();
    // The first event rewritten and the tree over it recomputed (what a rebuild over a rewritten store gives): every node above leaf 0 changes.
    await withActiveTables(backend.sql, TRANSPARENCY_LOG, (tables) =>
      backend.sql.query(
        `UPDATE ${tables.table(TLOG_NODES_TABLE)} SET hash = decode(repeat('ab', 32), 'hex') WHERE idx = 0`,
      ),
    );
    await recordCaseload(backend.complaints, CASELOAD.slice(6, 8));
    await engine!.catchUp();
    const refused = await log.issueCheckpoint().catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(LogInconsistentError);
    expect(refused).toMatchObject({ kind: 'forked' });
  });

  it('publishes only the keys it holds outside the database: a key row added to transparency_keys appears neither in keys() nor in an evidence pack', async () => {
    backend = await open();
    await recordCaseload(backend.complaints, CASELOAD.slice(0, 6));
    const retired = generateKeyPairSync('ed25519').publicKey;
    engine = new ProjectionEngine({
      sql: backend.sql,
      source: backend.source,
      projections: [transparencyLogProjection()],
      batchSize: 4,
      pollIntervalMs: 60_000,
    });
    await engine.catchUp();
    const log = new TransparencyLog({ sql: backend.sql, signingKey, pastKeys: [retired] });
    const checkpoint = await log.issueCheckpoint();
    const rogue = rawPublicKey(generateKeyPairSync('ed25519').publicKey);
    const rogueId = keyIdOf(rogue);
    await backend.sql.query('INSERT INTO transparency_keys (key_id, public_key, first_used_at) VALUES ($1, $2, $3)', [
      rogueId,
      rogue.toString('base64'),
      '2026-01-01T00:00:00.000Z',
    ]);
    const keys = await log.keys();
    expect(keys.map((k) => k.keyId).sort()).toEqual([checkpoint.keyId, keyIdOf(rawPublicKey(retired))].sort());
    expect(keys.find((k) => k.keyId === checkpoint.keyId)).toMatchObject({
      current: true,
      firstUsedAt: checkpoint.issuedAt,
    });
    const pack = await log.evidence({
      complaintId: 'c-acked',
      streamId: 'complaint-c-acked',
      events: await backend.complaints.readStored('c-acked'),
      consistencyFrom: [],
      chronology: [],
    });
    expect(pack.keys.map((k) => k.keyId)).not.toContain(rogueId);
    expect(JSON.stringify(pack)).not.toContain(rogue.toString('base64'));
  });

  /** The latest signed checkpoint outside the database, as KEYS_DIR/signing keeps it: forward only, one per size. */
  function keptOutside(): SignedCheckpointStore & { kept: Map<number, Checkpoint> } {
    const kept = new Map<number, Checkpoint>();
    return {
      kept,
      latest: async () => [...kept.values()].sort((a, b) => b.treeSize - a.treeSize)[0],
      advance: async (checkpoint) => {
        const there = kept.get(checkpoint.treeSize);
        if (there && there.rootHash !== checkpoint.rootHash)
          throw new LogInconsistentError('forked', 'another root for this size');
        if (!there) kept.set(checkpoint.treeSize, checkpoint);
      },
    };
  }

  async function signedLogOver(b: Backend, signed: SignedCheckpointStore) {
    engine = new ProjectionEngine({
      sql: b.sql,
      source: b.source,
      projections: [transparencyLogProjection()],
      batchSize: 4,
      pollIntervalMs: 60_000,
    });
    await engine.catchUp();
    return new TransparencyLog({ sql: b.sql, signingKey, signed });
  }

  it('refuses a rolled-back tree (leaves and nodes truncated below the signed size) even after DELETE FROM transparency_checkpoints', async () => {
    backend = await open();
    await recordCaseload(backend.complaints, CASELOAD.slice(0, 6));
    const signed = keptOutside();
    const log = await signedLogOver(backend, signed);
    const issued = await log.issueCheckpoint();
    expect(signed.kept.get(6)).toEqual(issued);
    await withActiveTables(backend.sql, TRANSPARENCY_LOG, async (tables) => {
      await backend.sql.query(`DELETE FROM ${tables.table(TLOG_LEAVES_TABLE)} WHERE leaf_index >= 3`);
      await backend.sql.query(`DELETE FROM ${tables.table(TLOG_NODES_TABLE)} WHERE (idx + 1) * power(2, level) > 3`);
    });
    await backend.sql.query('DELETE FROM transparency_checkpoints');
    const refused = await log.issueCheckpoint().catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(LogInconsistentError);
    expect(refused).toMatchObject({ kind: 'rolled-back' });
    expect(await log.latest()).toBeUndefined();
  });

  it('refuses a forked tree (a leaf rewritten and the tree over it rebuilt) even after DELETE FROM transparency_checkpoints, at the same size and after growth', async () => {
    backend = await open();
    await recordCaseload(backend.complaints, CASELOAD.slice(0, 6));
    const signed = keptOutside();
    const log = await signedLogOver(backend, signed);
    await log.issueCheckpoint();
    await withActiveTables(backend.sql, TRANSPARENCY_LOG, (tables) =>
      backend.sql.query(
        `UPDATE ${tables.table(TLOG_NODES_TABLE)} SET hash = decode(repeat('ab', 32), 'hex') WHERE idx = 0`,
      ),
    );
    await backend.sql.query('DELETE FROM transparency_checkpoints');
    await expect(log.issueCheckpoint()).rejects.toMatchObject({ name: 'LogInconsistentError', kind: 'forked' });
    await recordCaseload(backend.complaints, CASELOAD.slice(6, 8));
    await engine!.catchUp();
    await expect(log.issueCheckpoint()).rejects.toMatchObject({ name: 'LogInconsistentError', kind: 'forked' });
    expect([...signed.kept.keys()]).toEqual([6]);
  });

  it('never serves a checkpoint row it did not sign (one inserted into transparency_checkpoints, signed by another key)', async () => {
    backend = await open();
    await recordCaseload(backend.complaints, CASELOAD.slice(0, 6));
    const log = await signedLogOver(backend, keptOutside());
    await log.prepare();
    const rogue = signCheckpoint(
      { treeSize: 6, rootHash: await expectedRoot(backend, 6), issuedAt: '2026-01-01T00:00:00.000Z' },
      generateKeyPairSync('ed25519').privateKey,
    );
    await backend.sql.query(
      'INSERT INTO transparency_checkpoints (tree_size, root_hash, issued_at, key_id, signature) VALUES ($1, $2, $3, $4, $5)',
      [rogue.treeSize, rogue.rootHash, rogue.issuedAt, rogue.keyId, rogue.signature],
    );
    await expect(log.issueCheckpoint()).rejects.toMatchObject({ name: 'LogInconsistentError', kind: 'forked' });
  });

  it('after DELETE FROM transparency_checkpoints an intact tree answers with the checkpoint kept outside, and grows on from it', async () => {
    backend = await open();
    await recordCaseload(backend.complaints, CASELOAD.slice(0, 6));
    const signed = keptOutside();
    const log = await signedLogOver(backend, signed);
    const first = await log.issueCheckpoint();
    await backend.sql.query('DELETE FROM transparency_checkpoints');
    expect(await log.issueCheckpoint()).toEqual(first);
    await recordCaseload(backend.complaints, CASELOAD.slice(6, 8));
    await engine!.catchUp();
    const second = await log.issueCheckpoint();
    expect(second.treeSize).toBe(8);
    expect(signed.kept.get(8)).toEqual(second);
  });

  describe('a case checked against the log (GET /complaints/{id}/integrity)', () => {
    const asInsider = (b: Backend) => b.sql.query('ALTER TABLE events DISABLE TRIGGER events_no_update_or_delete');

    it('an intact case is valid, every leaf compared with its event', async () => {
      backend = await open();
      await recordCaseload(backend.complaints);
      const log = await logOver(backend);
      const report = await complaintIntegrity({ complaints: backend.complaints, log }, 'c-acked');
      const events = await backend.complaints.readStored('c-acked');
      expect(report).toMatchObject({
        valid: true,
        eventsChecked: events.length,
        log: { treeSize: CASELOAD.length, leavesChecked: events.length, eventsNotYetInLog: 0 },
      });
      expect(report.problem).toBeUndefined();
    });

    it('an event changed and its chain recomputed: the chain holds, the log does not', async () => {
      backend = await open();
      await recordCaseload(backend.complaints);
      const log = await logOver(backend);
      const last = (await backend.complaints.readStored('c-acked')).at(-1)!;
      await asInsider(backend);
      await backend.sql.query(
        `UPDATE events SET metadata = metadata || '{"rewritten": true}'::jsonb WHERE event_id = $1`,
        [last.eventId],
      );
      const changed = (await backend.complaints.readStored('c-acked')).at(-1)!;
      await backend.sql.query('UPDATE events SET hash = $1 WHERE event_id = $2', [
        eventHash(changed.previousHash, changed),
        last.eventId,
      ]);
      const events = await backend.complaints.readStored('c-acked');
      expect(verifyChain('complaint-c-acked', events).valid).toBe(true);
      const report = await complaintIntegrity({ complaints: backend.complaints, log }, 'c-acked');
      expect(report).toMatchObject({ valid: false, problem: { kind: 'log-mismatch', revision: last.revision } });
    });

    it('its last event deleted: missing-event; its leaf deleted too: log-incomplete', async () => {
      backend = await open();
      await recordCaseload(backend.complaints);
      const log = await logOver(backend);
      const last = (await backend.complaints.readStored('c-acked')).at(-1)!;
      await asInsider(backend);
      await backend.sql.query('DELETE FROM events WHERE event_id = $1', [last.eventId]);
      expect(verifyChain('complaint-c-acked', await backend.complaints.readStored('c-acked')).valid).toBe(true);
      expect(await complaintIntegrity({ complaints: backend.complaints, log }, 'c-acked')).toMatchObject({
        valid: false,
        problem: { kind: 'missing-event', revision: last.revision },
      });
      await withActiveTables(backend.sql, TRANSPARENCY_LOG, (tables) =>
        backend.sql.query(`DELETE FROM ${tables.table(TLOG_LEAVES_TABLE)} WHERE event_id = $1`, [last.eventId]),
      );
      const report = await complaintIntegrity({ complaints: backend.complaints, log }, 'c-acked');
      expect(report.valid).toBe(false);
      expect(['log-incomplete', 'log-rolled-back']).toContain(report.problem?.kind);
    });
  });

  it('the same log is built from the same events by a second engine (a rebuild gives the same root)', async () => {
    backend = await open();
    await recordCaseload(backend.complaints);
    const log = await logOver(backend, 7);
    const first = await log.issueCheckpoint();
    const report = await engine!.rebuild(TRANSPARENCY_LOG);
    expect(report.outcome).toBe('swapped');
    expect(await log.issueCheckpoint()).toEqual(first);
  });

  it('never parks an event: one it cannot apply stops the log there (visible as lag), where other read models would skip it', async () => {
    backend = await open();
    await recordCaseload(backend.complaints, CASELOAD.slice(0, 4));
    await logOver(backend, 1);
    // A row in the way of the next event's leaf (any failure of that one event would do); the events after it would apply.
    await withActiveTables(backend.sql, TRANSPARENCY_LOG, (tables) =>
      backend.sql.query(
        `INSERT INTO ${tables.table(TLOG_LEAVES_TABLE)} (leaf_index, stream_id, revision, event_id, chain_hash, global_position) VALUES (4, 'complaint-elsewhere', 1, 'x', 'x', 100000)`,
      ),
    );
    await recordCaseload(backend.complaints, CASELOAD.slice(4, 10));
    await expect(engine!.catchUp()).rejects.toThrow();
    const [status] = await engine!.status();
    expect(status!.deadLetters).toBe(0);
    expect(status!.eventsApplied).toBe(4n);
    expect(status!.lagEvents).toBe(6n);
  });
});
