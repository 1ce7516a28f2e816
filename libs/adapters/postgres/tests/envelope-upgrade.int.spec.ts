import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { FileKeyEncryption, fileKeyEncryption, kekIdOfWrapped } from '@complaints/event-store';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { migrate, migrations, openEmbeddedStore, PGLITE_SUBDIRECTORY, PgliteExecutor, SqlKeyStore } from '../src';
import { rawFilesOf } from './support/key-recovery-attack';
import { describeKeyStoreOnBoth, type KeyStoreDatabase } from './support/key-store-backends';
import { makeTempDir } from './support/temp-dir';

// A fresh database per test (PGlite.create and the migrations) is slow on a loaded machine.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

/**
 * Upgrading a database whose subject_keys held raw keys (schema 3) to wrapped keys (schema 4):
 * every live key is wrapped under the first KEK, the raw column is gone, and the keys the
 * events were encrypted with are unchanged. Destroyed keys stay destroyed.
 */
describeKeyStoreOnBoth('upgrading raw subject keys to wrapped ones', (open) => {
  let db: KeyStoreDatabase;
  let keys: ReturnType<typeof makeTempDir>;
  beforeEach(async () => {
    db = await open();
    keys = makeTempDir('envelope-upgrade-keys');
    await migrate(
      db.sql,
      migrations.filter((m) => m.version < 4),
    );
  });
  afterEach(async () => {
    await db.dispose();
    keys.remove();
  });

  async function insertRawKeys(): Promise<{ live: Map<string, Buffer>; destroyed: string }> {
    const live = new Map<string, Buffer>();
    for (let i = 0; i < 3; i++) {
      const subject = `subject-${randomUUID()}`;
      const key = randomBytes(32);
      live.set(subject, key);
      await db.sql.query(
        "INSERT INTO subject_keys (data_subject_id, key, created_at) VALUES ($1, $2, '2025-01-01T00:00:00Z')",
        [subject, key],
      );
    }
    const destroyed = `subject-${randomUUID()}`;
    await db.sql.query(
      "INSERT INTO subject_keys (data_subject_id, key, created_at, destroyed_at) VALUES ($1, NULL, '2025-01-01T00:00:00Z', '2025-06-01T00:00:00Z')",
      [destroyed],
    );
    return { live, destroyed };
  }

  it('wraps every live raw key under the first KEK and drops the raw column; the keys themselves are unchanged', async () => {
    const { live, destroyed } = await insertRawKeys();
    const kekFor = (storeId: string) => new FileKeyEncryption(`${keys.path}/kek/${storeId}`);
    expect((await migrate(db.sql, migrations, { keyEncryptionFor: kekFor })).applied).toEqual(
      migrations.map((m) => m.version).filter((v) => v >= 4),
    );

    const columns = (
      await db.sql.query<{ column_name: string }>(
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'subject_keys' ORDER BY column_name",
      )
    ).map((c) => c.column_name);
    expect(columns).toEqual(['created_at', 'data_subject_id', 'destroyed_at', 'kek_id', 'wrapped_key']);
    const current = (await db.sql.query<{ kek_id: string }>('SELECT kek_id FROM kek_current'))[0]?.kek_id;
    const rows = await db.sql.query<{ data_subject_id: string; wrapped_key: Uint8Array | null; kek_id: string | null }>(
      'SELECT data_subject_id, wrapped_key, kek_id FROM subject_keys',
    );
    for (const row of rows) {
      if (row.data_subject_id === destroyed) {
        expect(row).toMatchObject({ wrapped_key: null, kek_id: null });
        continue;
      }
      const wrapped = Buffer.from(row.wrapped_key!);
      expect(kekIdOfWrapped(wrapped)).toBe(current);
      expect(wrapped.includes(live.get(row.data_subject_id)!)).toBe(false);
    }

    const store = new SqlKeyStore(db.sql, kekFor);
    await store.start();
    for (const [subject, key] of live) expect(await store.findKey(subject)).toEqual(key);
    expect(await store.findKey(destroyed)).toBeNull();
  });

  it('refuses to upgrade raw keys without key-encryption keys, and leaves the schema as it was', async () => {
    await insertRawKeys();
    await expect(migrate(db.sql)).rejects.toThrow(
      'subject_keys holds 3 raw keys to wrap, and no key-encryption keys were given to the migration (KEYS_DIR)',
    );
    const versions = (
      await db.sql.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version')
    ).map((r) => Number(r.version));
    expect(versions).toEqual([1, 2, 3]);
    expect((await db.sql.query('SELECT key FROM subject_keys WHERE key IS NOT NULL')).length).toBe(3);
  });
});

describe('what the upgrade leaves in the raw files of an embedded DATA_DIR', () => {
  it('rewrites subject_keys so its heap file holds no raw key; the WAL from before the upgrade still does (docs/data-protection.md, "Upgrading")', async () => {
    const data = makeTempDir('envelope-upgrade-data');
    const keys = makeTempDir('envelope-upgrade-data-keys');
    try {
      const pgdata = join(data.path, PGLITE_SUBDIRECTORY);
      const old = new PgliteExecutor(await PGlite.create(pgdata));
      await migrate(
        old,
        migrations.filter((m) => m.version < 4),
      );
      const raw = randomBytes(32);
      await old.query(
        "INSERT INTO subject_keys (data_subject_id, key, created_at) VALUES ('subject-old', $1, '2025-01-01T00:00:00Z')",
        [raw],
      );
      await old.close();

      const handle = await openEmbeddedStore({ dataDir: data.path, keyEncryptionFor: fileKeyEncryption(keys.path) });
      expect(await handle.keyStore.findKey('subject-old')).toEqual(raw);
      const heapPath = (
        await handle.sql.query<{ path: string }>("SELECT pg_relation_filepath('subject_keys') AS path")
      )[0]!.path;
      await handle.close();

      const heap = readFileSync(join(pgdata, heapPath));
      expect(heap.length).toBeGreaterThan(0);
      expect(heap.includes(raw)).toBe(false);
      // The honest limit, and the positive control of this scan: the raw key is still in the WAL.
      const wal = rawFilesOf(join(pgdata, 'pg_wal')).map((f) => f.bytes);
      expect(wal.some((bytes) => bytes.includes(raw))).toBe(true);
    } finally {
      data.remove();
      keys.remove();
    }
  });
});
