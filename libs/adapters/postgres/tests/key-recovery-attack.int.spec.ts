import { randomUUID } from 'node:crypto';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Actor, ComplaintEvent } from '@complaints/contracts';
import { ComplaintEventStore, fileKeyEncryption } from '@complaints/event-store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openEmbeddedStore,
  openPostgresStore,
  PGLITE_SUBDIRECTORY,
  PgliteExecutor,
  type SqlStoreHandle,
  type SqlQueryable,
} from '../src';
import { describeWithPostgres } from './support/describe-with-postgres';
import { decryptWith, findWrappedKeys, rawFilesOf, recoverKeys, storedEvents } from './support/key-recovery-attack';
import { makeTempDir } from './support/temp-dir';

/**
 * The attack from issue 12, tried for real: after an erasure and the KEK rotation that follows
 * it, someone holding the data files (a stopped DATA_DIR; PostgreSQL's heap pages, dead rows
 * included, and its WAL) and the service's current configuration (KEYS_DIR as it is now) finds
 * every copy of the erased subject's wrapped key — and opens none of them, so the erased
 * complaint's personal fields stay ciphertext. The positive control: the same scan, before the
 * rotation, finds a copy that DOES unwrap and DOES decrypt the complaint.
 */
const OFFICER: Actor = { id: 'officer-1', name: 'Alex Officer', role: 'complaints_officer' };
const MARKER = 'Marwenna Attackby-Quillon';

function received(complaintId: string, subject: string, name: string): ComplaintEvent[] {
  return [
    {
      type: 'ComplaintReceived',
      data: {
        occurredAt: '2026-02-02T09:00:00.000Z',
        complaintId,
        reference: `CMP-2026-${String(Math.floor(Math.random() * 900_000) + 100_000)}`,
        dataSubjectId: subject,
        channel: 'phone',
        complainant: { name, email: 'someone@example.org', phone: '07700 900111', address: '1 High Street' },
        serviceArea: 'repairs',
        category: 'roof',
        description: `Roof leak reported by ${name}`,
        outcomeSought: 'Repair the roof',
        tenure: 'LCRA',
      },
    },
  ];
}

interface Recorded {
  erased: { complaintId: string; subject: string };
  kept: { complaintId: string; subject: string };
}

/** Two complaints, one of which is erased (its key destroyed; the rotation policy decides when the KEK goes). */
async function recordAndErase(handle: SqlStoreHandle): Promise<Recorded> {
  const complaints = new ComplaintEventStore({ store: handle.eventStore, keys: handle.keyStore });
  const erased = { complaintId: randomUUID(), subject: `subject-${randomUUID()}` };
  const kept = { complaintId: randomUUID(), subject: `subject-${randomUUID()}` };
  for (const [c, name] of [
    [erased, MARKER],
    [kept, 'Kept Resident'],
  ] as const) {
    await complaints.append(c.complaintId, received(c.complaintId, c.subject, name), {
      expectedRevision: 'no_stream',
      actor: OFFICER,
      correlationId: randomUUID(),
      dataSubjectId: c.subject,
    });
  }
  expect(await complaints.erase(erased.subject, new Date('2026-06-01T00:00:00Z'))).toBe(true);
  return { erased, kept };
}

/** The attacker's whole run over one set of raw bytes: what they recover for each subject, and what the erased complaint decrypts to. */
async function attack(raw: Buffer[], events: SqlQueryable, recorded: Recorded, keysDir: string) {
  const candidates = raw.flatMap(findWrappedKeys);
  const recovered = await recoverKeys(candidates, [recorded.erased.subject, recorded.kept.subject], keysDir);
  const erasedEvents = await storedEvents(events, ComplaintEventStore.streamIdOf(recorded.erased.complaintId));
  expect(JSON.stringify(erasedEvents)).not.toContain(MARKER); // stored as ciphertext, or nothing here proves anything
  return {
    candidates,
    erasedKeys: recovered.filter((r) => r.dataSubjectId === recorded.erased.subject),
    keptKeys: recovered.filter((r) => r.dataSubjectId === recorded.kept.subject),
    // With anything found, whoever it was bound to.
    decrypted: await decryptWith(
      erasedEvents,
      recovered.map((r) => r.key),
    ),
  };
}

describe('key recovery from a stopped embedded DATA_DIR with KEYS_DIR in hand', () => {
  const data = makeTempDir('attack-data');
  const keys = makeTempDir('attack-keys');
  const copies = makeTempDir('attack-copies');
  afterAll(() => {
    data.remove();
    keys.remove();
    copies.remove();
  });

  /** A copy of the stopped DATA_DIR: its raw files, and the events as its tables hold them. */
  async function takeCopy(label: string) {
    const copy = join(copies.path, label);
    cpSync(data.path, copy, { recursive: true });
    const raw = rawFilesOf(copy).map((f) => f.bytes);
    const db = new PgliteExecutor(await PGlite.create(join(copy, PGLITE_SUBDIRECTORY)));
    return { raw, db };
  }

  it(
    'finds the erased key and decrypts before the rotation (positive control), and recovers nothing after it',
    { timeout: 120_000 },
    async () => {
      // Rotation delayed: the erasure is committed, its KEK not yet destroyed.
      let handle = await openEmbeddedStore({
        dataDir: data.path,
        keyEncryptionFor: fileKeyEncryption(keys.path),
        kekRotation: { mode: 'delayed', delayMs: 3_600_000 },
      });
      const recorded = await recordAndErase(handle);
      await handle.close();

      const before = await takeCopy('before-rotation');
      const control = await attack(before.raw, before.db, recorded, keys.path);
      await before.db.close();
      expect(control.erasedKeys.length).toBeGreaterThan(0);
      expect(control.decrypted.some((text) => text.includes(MARKER))).toBe(true);
      // The subject key itself was never written in clear: the same byte search finds its wrapped copy.
      const { key, wrapped } = control.erasedKeys[0]!;
      expect(before.raw.some((bytes) => bytes.includes(wrapped))).toBe(true);
      expect(before.raw.some((bytes) => bytes.includes(key))).toBe(false);

      // The next start finishes the overdue rotation (KEK_ROTATION_AFTER_ERASURE=immediate).
      handle = await openEmbeddedStore({ dataDir: data.path, keyEncryptionFor: fileKeyEncryption(keys.path) });
      await handle.close();

      const after = await takeCopy('after-rotation');
      const result = await attack(after.raw, after.db, recorded, keys.path);
      await after.db.close();
      // The copy that opened before is still in the files: the scan finds it, and it opens nothing now.
      const opened = control.erasedKeys.map((r) => r.wrapped);
      expect(result.candidates.some((c) => opened.some((o) => o.equals(c)))).toBe(true);
      expect(result.erasedKeys).toEqual([]);
      expect(result.decrypted).toEqual([]);
      // The tooling still works after the rotation: the live subject's key is found and opens.
      expect(result.keptKeys.length).toBeGreaterThan(0);
    },
  );
});

describeWithPostgres(
  'key recovery from PostgreSQL heap pages (dead rows too) and the WAL with KEYS_DIR in hand',
  (database) => {
    const keys = makeTempDir('attack-pg-keys');
    let handle: SqlStoreHandle;
    let since: Date;
    beforeAll(async () => {
      since = new Date(Date.now() - 1000);
      handle = await openPostgresStore({
        connectionString: database().connectionString,
        keyEncryptionFor: fileKeyEncryption(keys.path),
        kekRotation: { mode: 'delayed', delayMs: 3_600_000 },
      });
      await handle.sql.query('CREATE EXTENSION IF NOT EXISTS pageinspect');
      // The attacker's best case: nothing vacuums the dead rows away.
      await handle.sql.query('ALTER TABLE subject_keys SET (autovacuum_enabled = false)');
    });
    afterAll(async () => {
      await handle.close();
      keys.remove();
    });

    /** Every tuple of every page of subject_keys, dead ones included, as raw bytes. */
    async function heapTuples(): Promise<Buffer[]> {
      const rows = await handle.sql.query<{ t_data: Uint8Array | null }>(
        `SELECT t_data FROM generate_series(0, (pg_relation_size('subject_keys') / current_setting('block_size')::int)::int - 1) AS blk,
              LATERAL heap_page_items(get_raw_page('subject_keys', blk))`,
      );
      return rows.filter((r) => r.t_data !== null).map((r) => Buffer.from(r.t_data!));
    }

    /** The WAL segments written since the suite began (the server is shared: older ones hold nothing of ours). */
    async function walSegments(): Promise<Buffer[]> {
      const names = await handle.sql.query<{ name: string }>(
        'SELECT name FROM pg_ls_waldir() WHERE modification >= $1::timestamptz AND name ~ $2 ORDER BY name',
        [since.toISOString(), '^[0-9A-F]{24}$'],
      );
      const segments: Buffer[] = [];
      for (const { name } of names) {
        const rows = await handle.sql.query<{ bytes: Uint8Array }>('SELECT pg_read_binary_file($1) AS bytes', [
          `pg_wal/${name}`,
        ]);
        segments.push(Buffer.from(rows[0]!.bytes));
      }
      return segments;
    }

    it(
      'finds the erased key in dead rows and the WAL and decrypts before the rotation (positive control), and recovers nothing after it',
      { timeout: 180_000 },
      async () => {
        const recorded = await recordAndErase(handle);

        const heapBefore = await heapTuples();
        const walBefore = await walSegments();
        const inHeap = await attack(heapBefore, handle.sql, recorded, keys.path);
        const inWal = await attack(walBefore, handle.sql, recorded, keys.path);
        // Both places hold an openable copy: the dead row of the erased key, and its INSERT in the WAL.
        expect(inHeap.erasedKeys.length).toBeGreaterThan(0);
        expect(inWal.erasedKeys.length).toBeGreaterThan(0);
        expect(inHeap.decrypted.some((text) => text.includes(MARKER))).toBe(true);
        expect(inWal.decrypted.some((text) => text.includes(MARKER))).toBe(true);
        // The subject key itself was never written in clear: the same byte search finds its wrapped copy.
        const { key, wrapped } = inWal.erasedKeys[0]!;
        expect([...heapBefore, ...walBefore].some((bytes) => bytes.includes(wrapped))).toBe(true);
        expect([...heapBefore, ...walBefore].some((bytes) => bytes.includes(key))).toBe(false);

        expect(await handle.keyStore.rotateAfterErasure()).toMatchObject({ rewrapped: expect.any(Number) });

        const after = await attack(
          [...(await heapTuples()), ...(await walSegments())],
          handle.sql,
          recorded,
          keys.path,
        );
        const opened = [...inHeap.erasedKeys, ...inWal.erasedKeys].map((r) => r.wrapped);
        expect(after.candidates.some((c) => opened.some((o) => o.equals(c)))).toBe(true);
        expect(after.erasedKeys).toEqual([]);
        expect(after.decrypted).toEqual([]);
        expect(after.keptKeys.length).toBeGreaterThan(0);
      },
    );
  },
);
