import { randomUUID } from 'node:crypto';
import { fileKeyEncryption } from '@complaints/event-store';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { migrate, SqlKeyStore } from '../src';
import { describeKeyStoreOnBoth, type KeyStoreDatabase } from './support/key-store-backends';
import { makeTempDir } from './support/temp-dir';

// A fresh database per test (PGlite.create and the migrations) is slow on a loaded machine.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

/** findKeys: a batch of the log's subjects in one query, each answered exactly as findKey answers it. */
describeKeyStoreOnBoth('finding many subjects keys at once', (open) => {
  let db: KeyStoreDatabase;
  let keys: ReturnType<typeof makeTempDir>;
  let store: SqlKeyStore;

  beforeEach(async () => {
    db = await open();
    keys = makeTempDir('find-keys');
    await migrate(db.sql);
    store = new SqlKeyStore(db.sql, fileKeyEncryption(keys.path));
    await store.start();
  });
  afterEach(async () => {
    await store.close();
    await db.dispose();
    keys.remove();
  });

  it('answers live, destroyed and never-created subjects as findKey does, one by one', async () => {
    const live = [`s-${randomUUID()}`, `s-${randomUUID()}`];
    const destroyed = `s-${randomUUID()}`;
    const unknown = `s-${randomUUID()}`;
    for (const subject of [...live, destroyed]) await store.getOrCreateKey(subject);
    await store.destroyKey(destroyed, new Date('2026-09-01T12:00:00Z'));

    const asked = [...live, destroyed, unknown];
    const found = await store.findKeys(asked);
    expect([...found.keys()].sort()).toEqual([...asked].sort());
    for (const subject of asked) expect(found.get(subject)).toEqual(await store.findKey(subject));
    expect(found.get(live[0]!)).toBeInstanceOf(Buffer);
    expect(found.get(destroyed)).toBeNull();
    expect(found.get(unknown)).toBeUndefined();
    expect(await store.findKeys([])).toEqual(new Map());
  });
});
