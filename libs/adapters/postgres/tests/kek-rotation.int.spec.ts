import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  FileKeyEncryption,
  KekUnavailableError,
  KeyDestroyedError,
  kekIdOfWrapped,
  type KeyEncryption,
} from '@complaints/event-store';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { migrate, SqlKeyStore, type SqlExecutor, type SqlKeyStoreOptions } from '../src';
import { FaultyKeyEncryption, SimulatedCrash } from './support/faulty-key-encryption';
import { describeKeyStoreOnBoth, type KeyStoreDatabase } from './support/key-store-backends';
import { makeTempDir } from './support/temp-dir';

// A fresh database per test (PGlite.create and the migrations) is slow on a loaded machine.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

/**
 * Rotation of the key-encryption key (KEK) after erasure, through the KeyStore port and the
 * rows: every live subject key re-wrapped under a new KEK in one transaction, the old KEK file
 * destroyed only once no committed row needs it, and every crash point finished at the next start.
 */
describeKeyStoreOnBoth('KEK rotation after erasure', (open) => {
  let db: KeyStoreDatabase;
  let keys: ReturnType<typeof makeTempDir>;
  let kekDir: string;
  let opened: SqlKeyStore[];

  beforeEach(async () => {
    opened = [];
    db = await open();
    keys = makeTempDir('kek-rotation-keys');
    await migrate(db.sql);
    const storeId = (await db.sql.query<{ store_id: string }>('SELECT store_id FROM key_store_identity'))[0]!.store_id;
    kekDir = join(keys.path, 'kek', storeId);
  });
  afterEach(async () => {
    for (const store of opened) await store.close();
    await db.dispose();
    keys.remove();
  });

  const kekFiles = () =>
    existsSync(kekDir)
      ? readdirSync(kekDir)
          .filter((name) => name.endsWith('.kek'))
          .map((name) => name.slice(0, -4))
          .sort()
      : [];
  const currentKek = async (sql: SqlExecutor = db.sql) =>
    (await sql.query<{ kek_id: string }>('SELECT kek_id FROM kek_current'))[0]?.kek_id;
  const rowKeks = async () =>
    new Set(
      (await db.sql.query<{ kek_id: string }>('SELECT kek_id FROM subject_keys WHERE wrapped_key IS NOT NULL')).map(
        (r) => r.kek_id,
      ),
    );
  const storeWith = async (kek: KeyEncryption, options: SqlKeyStoreOptions = {}, sql: SqlExecutor = db.sql) => {
    const store = new SqlKeyStore(sql, () => kek, options);
    opened.push(store);
    await store.start();
    return store;
  };

  it('erasing one subject re-wraps every live key under a new KEK, destroys the old KEK file, and changes no subject key', async () => {
    const store = await storeWith(new FileKeyEncryption(kekDir));
    const subjects = Array.from({ length: 5 }, () => `subject-${randomUUID()}`);
    const before = new Map<string, Buffer>();
    for (const subject of subjects) before.set(subject, await store.getOrCreateKey(subject));
    const first = await currentKek();
    expect(kekFiles()).toEqual([first]);
    // The KEK file: owner read/write only, 32 bytes.
    const stat = statSync(join(kekDir, `${first}.kek`));
    expect(stat.mode & 0o777).toBe(0o600);
    expect(stat.size).toBe(32);

    expect(await store.destroyKey(subjects[0]!, new Date('2026-07-01T00:00:00Z'))).toBe(true);

    const second = await currentKek();
    expect(second).not.toBe(first);
    expect(kekFiles()).toEqual([second]);
    expect(await rowKeks()).toEqual(new Set([second]));
    expect(await store.findKey(subjects[0]!)).toBeNull();
    for (const subject of subjects.slice(1)) expect(await store.findKey(subject)).toEqual(before.get(subject));
  });

  it('with a delay, the erasure leaves the KEK in place until the rotation; a restart finishes an overdue one', async () => {
    const delayed = await storeWith(new FileKeyEncryption(kekDir), {
      rotation: { mode: 'delayed', delayMs: 3_600_000 },
    });
    const [erased, kept] = [`subject-${randomUUID()}`, `subject-${randomUUID()}`];
    await delayed.getOrCreateKey(erased);
    const keptKey = await delayed.getOrCreateKey(kept);
    const first = await currentKek();
    expect(await delayed.destroyKey(erased, new Date('2026-07-01T00:00:00Z'))).toBe(true);
    // Within the delay: the erased key's copies would still open with the current KEK.
    expect(await currentKek()).toBe(first);
    expect(kekFiles()).toEqual([first]);
    await delayed.close(); // the process stops before its timer fires

    // Restarted with the same delay: an erasure from before the start is overdue, so it rotates at once.
    const restarted = await storeWith(new FileKeyEncryption(kekDir), {
      rotation: { mode: 'delayed', delayMs: 3_600_000 },
    });
    expect(await currentKek()).not.toBe(first);
    expect(kekFiles()).toEqual([await currentKek()]);
    expect(await restarted.findKey(kept)).toEqual(keptKey);
    expect(await restarted.findKey(erased)).toBeNull();
    await restarted.close();
  });

  it('a crash in the middle of re-wrapping rolls the rotation back whole; the next start destroys the new KEK file and rotates again', async () => {
    const faulty = new FaultyKeyEncryption(new FileKeyEncryption(kekDir));
    const errors: unknown[] = [];
    const store = await storeWith(faulty, { onRotationError: (error) => errors.push(error) });
    const subjects = Array.from({ length: 3 }, () => `subject-${randomUUID()}`);
    const before = new Map<string, Buffer>();
    for (const subject of subjects) before.set(subject, await store.getOrCreateKey(subject));
    const first = await currentKek();

    faulty.wrapsBeforeCrash = 1; // the second re-wrap "crashes"
    expect(await store.destroyKey(subjects[0]!, new Date('2026-07-01T00:00:00Z'))).toBe(true);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(SimulatedCrash);
    await store.close();
    // Nothing committed: the old KEK is current and wraps every live key; the new file is there, referenced by nothing.
    expect(await currentKek()).toBe(first);
    expect(await rowKeks()).toEqual(new Set([first]));
    expect(kekFiles()).toHaveLength(2);

    const restarted = await storeWith(new FileKeyEncryption(kekDir));
    const now = await currentKek();
    expect(now).not.toBe(first);
    expect(kekFiles()).toEqual([now]);
    for (const subject of subjects.slice(1)) expect(await restarted.findKey(subject)).toEqual(before.get(subject));
    expect(await restarted.findKey(subjects[0]!)).toBeNull();
    await restarted.close();
  });

  it('a crash after the commit, before the old KEK file is destroyed, is finished at the next start', async () => {
    const faulty = new FaultyKeyEncryption(new FileKeyEncryption(kekDir));
    const errors: unknown[] = [];
    const store = await storeWith(faulty, { onRotationError: (error) => errors.push(error) });
    const [erased, kept] = [`subject-${randomUUID()}`, `subject-${randomUUID()}`];
    await store.getOrCreateKey(erased);
    const keptKey = await store.getOrCreateKey(kept);
    const first = await currentKek();

    faulty.crashOnDestroy = true;
    await store.destroyKey(erased, new Date('2026-07-01T00:00:00Z'));
    await store.close();
    expect(errors[0]).toBeInstanceOf(SimulatedCrash);
    const second = await currentKek();
    expect(second).not.toBe(first);
    expect(await rowKeks()).toEqual(new Set([second]));
    expect(kekFiles()).toEqual([first, second].sort()); // the old one survived the "crash"

    const restarted = await storeWith(new FileKeyEncryption(kekDir));
    expect(kekFiles()).toEqual([second]);
    expect(await currentKek()).toBe(second); // nothing left to rotate: the erasure's KEK is gone
    expect(await restarted.findKey(kept)).toEqual(keptKey);
    await restarted.close();
  });

  it('another instance sharing the database and KEYS_DIR follows a rotation: it reloads the directory for a KEK it has not seen', async () => {
    const a = await storeWith(new FileKeyEncryption(kekDir));
    const b = await storeWith(new FileKeyEncryption(kekDir), {}, db.another());
    const subject = `subject-${randomUUID()}`;
    const key = await a.getOrCreateKey(subject);
    expect(await b.findKey(subject)).toEqual(key);
    await a.rotateKek();
    await a.rotateKek();
    expect(kekFiles()).toEqual([await currentKek()]);
    expect(await b.findKey(subject)).toEqual(key);
    expect(await b.getOrCreateKey(`subject-${randomUUID()}`)).toHaveLength(32);
    expect(await rowKeks()).toEqual(new Set([await currentKek()]));
  });

  it('keys created while another instance rotates are all wrapped under a KEK that survives, and read back unchanged', async () => {
    const a = await storeWith(new FileKeyEncryption(kekDir));
    const b = await storeWith(new FileKeyEncryption(kekDir), {}, db.another());
    await a.getOrCreateKey(`subject-${randomUUID()}`); // the first KEK
    const subjects = Array.from({ length: 12 }, () => `subject-${randomUUID()}`);
    const [created] = await Promise.all([
      Promise.all(subjects.map((subject) => b.getOrCreateKey(subject))),
      a.rotateKek(),
      a.rotateKek(),
    ]);
    expect(kekFiles()).toEqual([await currentKek()]);
    expect(await rowKeks()).toEqual(new Set([await currentKek()]));
    for (const [i, subject] of subjects.entries()) expect(await a.findKey(subject)).toEqual(created[i]);
  });

  it('a wrapped key copied into another subject’s row does not unwrap there', async () => {
    const store = await storeWith(new FileKeyEncryption(kekDir));
    const [victim, other] = [`subject-${randomUUID()}`, `subject-${randomUUID()}`];
    await store.getOrCreateKey(victim);
    await store.getOrCreateKey(other);
    await db.sql.query(
      'UPDATE subject_keys SET wrapped_key = (SELECT wrapped_key FROM subject_keys WHERE data_subject_id = $1) WHERE data_subject_id = $2',
      [victim, other],
    );
    // Read by another instance: this one holds the keys it created in memory (SubjectKeyCache).
    const reader = await storeWith(new FileKeyEncryption(kekDir));
    await expect(reader.findKey(other)).rejects.toThrow(/authenticate/);
  });

  it('an erasure by another instance reaches the keys this one holds in memory (NOTIFY), and no new data can be sealed for the subject', async () => {
    const [here, there] = [
      await storeWith(new FileKeyEncryption(kekDir)),
      await storeWith(new FileKeyEncryption(kekDir)),
    ];
    const subject = `subject-${randomUUID()}`;
    // What keeps decrypted states in memory (DecidedStates) is told too, in both instances.
    const heardHere: (string | null)[] = [];
    const heardThere: (string | null)[] = [];
    here.onErased((erased) => heardHere.push(erased));
    there.onErased((erased) => heardThere.push(erased));
    expect(await here.getOrCreateKey(subject)).toHaveLength(32);
    expect(await here.findKey(subject)).not.toBeNull();
    await there.destroyKey(subject, new Date('2026-07-01T00:00:00Z'));
    expect(heardThere).toContain(subject);
    await vi.waitFor(async () => expect(await here.findKey(subject)).toBeNull(), { timeout: 5_000, interval: 10 });
    expect(heardHere).toContain(subject);
    await expect(here.getOrCreateKey(subject)).rejects.toBeInstanceOf(KeyDestroyedError);
  });

  it('after another instance rotated the KEK, this one still opens the keys it holds and wraps new ones under the KEK now current', async () => {
    const [here, there] = [
      await storeWith(new FileKeyEncryption(kekDir)),
      await storeWith(new FileKeyEncryption(kekDir)),
    ];
    const [before, after] = [`subject-${randomUUID()}`, `subject-${randomUUID()}`];
    const kept = await here.getOrCreateKey(before);
    await there.rotateKek();
    const fresh = await here.getOrCreateKey(after);
    const row = (
      await db.sql.query<{ kek_id: string }>('SELECT kek_id FROM subject_keys WHERE data_subject_id = $1', [after])
    )[0];
    expect(row?.kek_id).toBe(await currentKek());
    expect(await here.findKey(before)).toEqual(kept);
    // What a cold instance reads from the database is what this one used.
    const reader = await storeWith(new FileKeyEncryption(kekDir));
    expect(await reader.findKey(after)).toEqual(fresh);
    expect(await reader.findKey(before)).toEqual(kept);
  });

  it('a destroyed key stays destroyed across rotations, and its row names the KEK it was last wrapped under', async () => {
    const store = await storeWith(new FileKeyEncryption(kekDir));
    const subject = `subject-${randomUUID()}`;
    await store.getOrCreateKey(subject);
    const wrappedUnder = await currentKek();
    await store.destroyKey(subject, new Date('2026-07-01T00:00:00Z'));
    await store.rotateKek();
    const row = (
      await db.sql.query<{ kek_id: string; wrapped_key: unknown }>(
        'SELECT kek_id, wrapped_key FROM subject_keys WHERE data_subject_id = $1',
        [subject],
      )
    )[0];
    expect(row).toEqual({ kek_id: wrappedUnder, wrapped_key: null });
    await expect(store.getOrCreateKey(subject)).rejects.toBeInstanceOf(KeyDestroyedError);
    expect(kekIdOfWrapped(Buffer.alloc(81))).toBeUndefined();
  });

  it('refuses to start with a KEYS_DIR that does not hold the current KEK, and destroys nothing there', async () => {
    const store = await storeWith(new FileKeyEncryption(kekDir));
    await store.getOrCreateKey(`subject-${randomUUID()}`);
    const elsewhere = makeTempDir('kek-rotation-other-keys');
    try {
      const unrelated = new FileKeyEncryption(join(elsewhere.path, 'kek', 'x'));
      const theirs = await unrelated.rotate();
      await expect(storeWith(unrelated)).rejects.toBeInstanceOf(KekUnavailableError);
      expect(await unrelated.list()).toEqual([theirs]);
      expect(kekFiles()).toEqual([await currentKek()]);
    } finally {
      elsewhere.remove();
    }
  });

  it('with a delay, another process sharing the database rotates at its sweep, though the one that erased died first', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const delayed = { rotation: { mode: 'delayed', delayMs: 600_000 } } as const;
      const eraser = await storeWith(new FileKeyEncryption(kekDir), delayed);
      const bystander = await storeWith(new FileKeyEncryption(kekDir), delayed, db.another());
      const subject = `subject-${randomUUID()}`;
      await eraser.getOrCreateKey(subject);
      const first = await currentKek();
      await eraser.destroyKey(subject, new Date('2026-07-01T00:00:00Z'));
      await eraser.close(); // gone before its own sweep
      expect(await currentKek()).toBe(first);

      await vi.advanceTimersByTimeAsync(600_000);
      await bystander.close(); // waits for the rotation its sweep started
      expect(await currentKek()).not.toBe(first);
      expect(kekFiles()).toEqual([await currentKek()]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('two instances making the first keys of a fresh database at once agree on one first KEK', async () => {
    const a = await storeWith(new FileKeyEncryption(kekDir));
    const b = await storeWith(new FileKeyEncryption(kekDir), {}, db.another());
    const subjects = Array.from({ length: 8 }, () => `subject-${randomUUID()}`);
    const keys = await Promise.all(subjects.map((subject, i) => (i % 2 === 0 ? a : b).getOrCreateKey(subject)));
    expect(kekFiles()).toEqual([await currentKek()]);
    expect(await rowKeks()).toEqual(new Set([await currentKek()]));
    for (const [i, subject] of subjects.entries())
      expect(await (i % 2 === 0 ? b : a).findKey(subject)).toEqual(keys[i]);
  });

  it('an erasure racing first uses of the subject on another instance leaves the key destroyed for everyone', async () => {
    const a = await storeWith(new FileKeyEncryption(kekDir));
    const b = await storeWith(new FileKeyEncryption(kekDir), {}, db.another());
    await a.getOrCreateKey(`subject-${randomUUID()}`); // the first KEK
    const subject = `subject-${randomUUID()}`;
    const outcomes = await Promise.allSettled([
      ...Array.from({ length: 6 }, () => b.getOrCreateKey(subject)),
      a.destroyKey(subject, new Date('2026-07-01T00:00:00Z')),
      ...Array.from({ length: 6 }, () => b.getOrCreateKey(subject)),
    ]);
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(KeyDestroyedError);
    }
    expect(await a.findKey(subject)).toBeNull();
    expect(await b.findKey(subject)).toBeNull();
    await expect(b.getOrCreateKey(subject)).rejects.toBeInstanceOf(KeyDestroyedError);
  });
});
