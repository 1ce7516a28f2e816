import { generateKeyPairSync } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  logLeafHash,
  publishedKeyOf,
  runVerifyCli,
  signCheckpoint,
  toHex,
  treeRoot,
  verifyEvidencePack,
  type EvidencePack,
} from '../src';
import { openLedger, rechained, type Ledger } from './support/evidence-fixture';

const A = 'complaint-a';
const B = 'complaint-b';

/** Run the CLI on in-memory "files", as `npm run verify` would on disk. */
function cli(files: Record<string, unknown>, args: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = runVerifyCli(
    args,
    { out: (line) => (out += `${line}\n`), err: (line) => (err += `${line}\n`) },
    (path) => {
      if (!(path in files)) throw new Error(`ENOENT: no such file ${path}`);
      return JSON.stringify(files[path]);
    },
  );
  return { code, out, err };
}

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('npm run verify: an evidence pack checked offline', () => {
  let ledger: Ledger;
  beforeEach(async () => {
    ledger = await openLedger();
    // Two complaints interleaved in the global log: the tree is the whole store's, not one case's.
    await ledger.append(A, 2);
    await ledger.append(B, 3);
    await ledger.append(A, 2);
    await ledger.append(B, 1);
  });

  it('accepts an honest pack (exit 0) and says what it established', async () => {
    const pack = await ledger.pack(A);
    const run = cli({ 'pack.json': pack }, ['--evidence', 'pack.json']);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toContain('VALID');
    expect(run.out).toContain('4 of 4 leaves of the stream proven included in the tree of 8');
  });

  it('detects a tampered event: its stored content changed, chain left as it was', async () => {
    const pack = clone(await ledger.pack(A));
    (pack.events[1]!.data as { note: string }).note = 'step 2, quietly reworded';
    const run = cli({ 'pack.json': pack }, ['--evidence', 'pack.json']);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/\[tampered-event\] the hash chain breaks at revision 2 \(hash-mismatch\)/);
  });

  it('detects an event rewritten by an insider who recomputed the whole chain: it no longer matches its leaf', async () => {
    const events = rechained(await ledger.store.readStream(A), (event) =>
      event.revision === 2 ? { ...event, data: { note: 'never happened like that' } } : event,
    );
    const pack = await ledger.pack(A, { events });
    const result = verifyEvidencePack(clone(pack));
    expect(result.valid).toBe(false);
    expect(result.problems.map((p) => p.kind)).toContain('tampered-event');
    expect(result.problems.find((p) => p.kind === 'tampered-event')?.message).toMatch(
      /revision 2 differs from what the log recorded/,
    );
    // The chain on its own would not have caught it: it was recomputed.
    expect(result.facts.some((fact) => fact.startsWith('hash chain: 4 events recompute'))).toBe(true);
  });

  it('detects a truncated stream: the last events deleted from the store, their leaves still in the log', async () => {
    const events = (await ledger.store.readStream(A)).slice(0, 2);
    const pack = await ledger.pack(A, { events });
    const run = cli({ 'pack.json': pack }, ['--evidence', 'pack.json']);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(
      /\[truncated-stream\] the log holds revisions 3, 4 of the stream, but the pack's events end at revision 2: events were removed/,
    );
  });

  it("detects a rolled-back store: the auditor holds a checkpoint of a larger tree than the pack's", async () => {
    const older = await ledger.pack(A);
    await ledger.append(B, 2);
    const auditorsCheckpoint = await ledger.checkpoint();
    // The store is restored from the backup the older pack was made from.
    const run = cli({ 'pack.json': older, 'checkpoint.json': auditorsCheckpoint }, [
      '--evidence',
      'pack.json',
      '--checkpoint',
      'checkpoint.json',
    ]);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/\[rolled-back\] your checkpoint is of a tree of 10 events but the pack's is of 8/);
  });

  it("accepts a grown log that extends the auditor's earlier checkpoint (consistency proof in the pack)", async () => {
    const earlier = await ledger.checkpoint();
    await ledger.append(A, 1);
    await ledger.append(B, 4);
    const pack = await ledger.pack(A, { consistencyFrom: [earlier.treeSize] });
    const run = cli({ 'pack.json': pack, 'earlier.json': earlier }, [
      '--evidence',
      'pack.json',
      '--checkpoint',
      'earlier.json',
    ]);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toContain('extends your checkpoint: the tree of 8 is a prefix of the tree of 13');
  });

  it('takes an earlier evidence pack as the earlier checkpoint', async () => {
    const earlierPack = await ledger.pack(B);
    await ledger.append(A, 2);
    const pack = await ledger.pack(A, { consistencyFrom: [8] });
    expect(
      cli({ 'pack.json': pack, 'old.json': earlierPack }, ['--evidence', 'pack.json', '--checkpoint', 'old.json']).code,
    ).toBe(0);
  });

  it("detects a forked history: same size as the auditor's checkpoint, another root", async () => {
    const auditorsCheckpoint = await ledger.checkpoint();
    // Someone rebuilds the store with event A/2 rewritten, recomputes chain, tree and signs again with the same key.
    const forked = await openLedger();
    const original = await ledger.store.readAll({ after: 0n, limit: 100 });
    for (const event of original) {
      const data = event.streamId === A && event.revision === 2 ? { note: 'rewritten' } : event.data;
      await forked.store.append(
        event.streamId,
        [
          {
            eventId: event.eventId,
            type: event.type,
            schemaVersion: event.schemaVersion,
            data,
            metadata: event.metadata,
          },
        ],
        { expectedRevision: event.revision - 1 },
      );
    }
    const leaves = (await forked.store.readAll({ after: 0n, limit: 100 })).map((event, leafIndex) => ({
      streamId: event.streamId,
      revision: event.revision,
      eventId: event.eventId,
      hash: event.hash,
      leafIndex,
    }));
    forked.tree.appendLeafHashes(leaves.map(logLeafHash));
    forked.leaves.push(...leaves);
    const pack = await forked.pack(A, {
      checkpoint: signCheckpoint(
        { treeSize: 8, rootHash: await rootOf(forked), issuedAt: '2026-03-03T00:00:00.000Z' },
        ledger.key,
      ),
    });
    pack.keys = (await ledger.pack(A)).keys;
    // On its own the forged pack is self-consistent...
    expect(verifyEvidencePack(pack).valid).toBe(true);
    // ...but not against what the auditor holds.
    const run = cli({ 'pack.json': pack, 'checkpoint.json': auditorsCheckpoint }, [
      '--evidence',
      'pack.json',
      '--checkpoint',
      'checkpoint.json',
    ]);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/\[forked\] your checkpoint and the pack's are both of 8 events but their roots differ/);
  });

  it("detects a forked history that grew on: the larger tree does not extend the auditor's checkpoint", async () => {
    const auditorsCheckpoint = await ledger.checkpoint();
    const forked = await openLedger();
    const original = await ledger.store.readAll({ after: 0n, limit: 100 });
    // History rewritten: B's first event dropped, everything else replayed, then more appended.
    for (const event of original.filter((e) => !(e.streamId === B && e.revision === 1))) {
      const streamId = event.streamId;
      const current = await forked.store.readStream(streamId);
      await forked.store.append(
        streamId,
        [
          {
            eventId: event.eventId,
            type: event.type,
            schemaVersion: event.schemaVersion,
            data: event.data,
            metadata: event.metadata,
          },
        ],
        { expectedRevision: current.length },
      );
    }
    const leaves = (await forked.store.readAll({ after: 0n, limit: 100 })).map((event, leafIndex) => ({
      streamId: event.streamId,
      revision: event.revision,
      eventId: event.eventId,
      hash: event.hash,
      leafIndex,
    }));
    forked.tree.appendLeafHashes(leaves.map(logLeafHash));
    forked.leaves.push(...leaves);
    await forked.append(B, 3);
    const pack = await forked.pack(A, {
      checkpoint: signCheckpoint(
        { treeSize: forked.tree.treeSize, rootHash: await rootOf(forked), issuedAt: '2026-03-03T00:00:00.000Z' },
        ledger.key,
      ),
      consistencyFrom: [8],
    });
    pack.keys = (await ledger.pack(A)).keys;
    const run = cli({ 'pack.json': pack, 'checkpoint.json': auditorsCheckpoint }, [
      '--evidence',
      'pack.json',
      '--checkpoint',
      'checkpoint.json',
    ]);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/\[forked\] the pack's log \(10 events\) does not extend your checkpoint \(8 events/);
  });

  it('refuses a pack without the consistency proof the earlier checkpoint needs, and says how to get it', async () => {
    const earlier = await ledger.checkpoint();
    await ledger.append(A, 1);
    const run = cli({ 'pack.json': await ledger.pack(A), 'earlier.json': earlier }, [
      '--evidence',
      'pack.json',
      '--checkpoint',
      'earlier.json',
    ]);
    expect(run.code).toBe(1);
    expect(run.err).toContain('?consistencyFrom=8');
  });

  it("detects a bad signature: a checkpoint field changed after signing, or signed by another key under this key's id", async () => {
    const pack = clone(await ledger.pack(A));
    const altered: EvidencePack = clone(pack);
    altered.checkpoint.issuedAt = '2027-01-01T00:00:00.000Z';
    const run = cli({ 'pack.json': altered }, ['--evidence', 'pack.json']);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(
      /\[bad-signature\] the pack's checkpoint does not verify: the signature does not verify under key/,
    );

    const impostor = generateKeyPairSync('ed25519').privateKey;
    const forged = signCheckpoint(
      { treeSize: pack.checkpoint.treeSize, rootHash: pack.checkpoint.rootHash, issuedAt: pack.checkpoint.issuedAt },
      impostor,
    );
    const swapped: EvidencePack = { ...clone(pack), checkpoint: { ...forged, keyId: pack.checkpoint.keyId } };
    expect(verifyEvidencePack(swapped).problems.map((p) => p.kind)).toEqual(['bad-signature']);
  });

  it('with --keys, refuses a pack signed by a key the auditor does not trust (a new key after a break-in)', async () => {
    const trusted = clone((await ledger.pack(A)).keys);
    const intruder = generateKeyPairSync('ed25519').privateKey;
    const pack = await ledger.pack(A, {
      checkpoint: signCheckpoint(
        { treeSize: 8, rootHash: await rootOf(ledger), issuedAt: '2026-03-04T00:00:00.000Z' },
        intruder,
      ),
    });
    pack.keys = [publishedKeyOf(intruder, null, true)];
    expect(cli({ 'pack.json': pack }, ['--evidence', 'pack.json']).code).toBe(0);
    const run = cli({ 'pack.json': pack, 'keys.json': { keys: trusted } }, [
      '--evidence',
      'pack.json',
      '--keys',
      'keys.json',
    ]);
    expect(run.code).toBe(1);
    expect(run.err).toContain('[unknown-key]');
  });

  it('detects an inclusion proof that does not lead to the root (a leaf not in the signed tree)', async () => {
    const pack = clone(await ledger.pack(A));
    pack.log[0]!.inclusionProof[0] = 'ab'.repeat(32);
    const run = cli({ 'pack.json': pack }, ['--evidence', 'pack.json']);
    expect(run.code).toBe(1);
    expect(run.err).toContain('[bad-inclusion-proof]');
  });

  it("refuses a pack whose last event AND its leaf were deleted, given the auditor's earlier pack of the case: it names the revision and leaf", async () => {
    const earlierPack = await ledger.pack(A);
    const lastLeaf = ledger.leaves.filter((leaf) => leaf.streamId === A).at(-1)!;
    // The insider deletes A's revision 4 from the store and its row from the leaves table: the tree keeps its nodes.
    ledger.leaves.splice(ledger.leaves.indexOf(lastLeaf), 1);
    const cut = await ledger.pack(A, { events: (await ledger.store.readStream(A)).slice(0, 3) });
    // On its own the pack is self-consistent: a Merkle log proves inclusion, not absence.
    expect(cli({ 'new.json': cut }, ['--evidence', 'new.json']).code).toBe(0);
    const run = cli({ 'new.json': cut, 'old.json': earlierPack }, [
      '--evidence',
      'new.json',
      '--checkpoint',
      'old.json',
    ]);
    expect(run.code).toBe(1);
    expect(run.err).toContain(
      `[truncated-stream] your earlier pack of this case listed revision 4 at leaf ${lastLeaf.leafIndex}; this pack has no such leaf`,
    );
  });

  it("refuses a leaf moved or rewritten since the auditor's earlier pack of the case", async () => {
    const earlierPack = await ledger.pack(A);
    const moved = clone(earlierPack);
    moved.log[1]!.leafIndex += 1;
    const result = verifyEvidencePack(await ledger.pack(A), { earlier: moved });
    expect(result.problems.map((p) => p.kind)).toEqual(['tampered-event']);
    expect(result.problems[0]!.message).toMatch(/listed revision 2 at leaf \d+ with hash/);
  });

  it('accepts a pack that holds everything the earlier pack of the case held, and says so', async () => {
    const earlierPack = await ledger.pack(A);
    await ledger.append(A, 1);
    const run = cli({ 'new.json': await ledger.pack(A, { consistencyFrom: [8] }), 'old.json': earlierPack }, [
      '--evidence',
      'new.json',
      '--checkpoint',
      'old.json',
    ]);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toContain('against your earlier pack of this case: all 4 events and 4 leaves it held are here');
  });

  it('says when the earlier pack is of another case: only its checkpoint counts', async () => {
    const earlierPack = await ledger.pack(B);
    const run = cli({ 'new.json': await ledger.pack(A), 'old.json': earlierPack }, [
      '--evidence',
      'new.json',
      '--checkpoint',
      'old.json',
    ]);
    expect(run.code).toBe(0);
    expect(run.out).toContain(
      'your earlier pack is of another case (complaint-b, not complaint-a): only its checkpoint was used',
    );
  });

  it('refuses a pack with no events: a complaint always has its receipt', async () => {
    const pack = clone(await ledger.pack(A));
    pack.events = [];
    pack.log = [];
    const run = cli({ 'pack.json': pack }, ['--evidence', 'pack.json']);
    expect(run.code).toBe(1);
    expect(run.err).toContain('[truncated-stream] the pack holds no events');
  });

  it("refuses a pack whose complaintId is not its stream's, and names the case and the count it verified", async () => {
    const pack = clone(await ledger.pack(A));
    const honest = cli({ 'pack.json': pack }, ['--evidence', 'pack.json']);
    expect(honest.out).toContain('VALID: pack.json: complaint a, 4 events verified');
    pack.complaintId = 'b';
    const run = cli({ 'pack.json': pack }, ['--evidence', 'pack.json']);
    expect(run.code).toBe(1);
    expect(run.err).toContain('[wrong-case] the pack says it is of complaint b but its stream is complaint-a');
  });

  it('says the chronology is not covered by the proofs, so a rewritten description is not taken as verified', async () => {
    const pack = clone(await ledger.pack(A));
    pack.chronology = [{ revision: 1, description: 'quietly rewritten' }];
    const run = cli({ 'pack.json': pack }, ['--evidence', 'pack.json']);
    expect(run.out).toContain(
      '! not verified: chronology (1 entries): a rendering of the events for reading, not covered by any hash or signature',
    );
  });

  it('reports a checkpoint whose issuedAt lacks milliseconds as malformed, not as a bad signature', async () => {
    const pack = clone(await ledger.pack(A));
    pack.checkpoint.issuedAt = pack.checkpoint.issuedAt.replace(/\.\d{3}Z$/, 'Z');
    const result = verifyEvidencePack(pack);
    expect(result.problems.map((p) => p.kind)).toEqual(['malformed']);
    expect(result.problems[0]!.message).toContain('issuedAt must be an ISO-8601 UTC instant with milliseconds');
  });

  it('exit 2 for wrong usage or an unreadable file, with the usage line', () => {
    expect(cli({}, []).code).toBe(2);
    expect(cli({}, ['--evidence']).err).toContain('usage: npm run verify');
    expect(cli({}, ['--evidence', 'missing.json']).err).toMatch(/missing.json: cannot be read as JSON/);
    expect(cli({ 'x.json': {} }, ['--evidence', 'x.json', '--bogus', 'y']).code).toBe(2);
    const notAPack = cli({ 'x.json': { hello: 1 } }, ['--evidence', 'x.json']);
    expect(notAPack.code).toBe(1);
    expect(notAPack.err).toContain('[malformed] not an evidence pack');
  });
});

async function rootOf(ledger: Ledger): Promise<string> {
  return toHex(await treeRoot(ledger.tree, ledger.tree.treeSize));
}
