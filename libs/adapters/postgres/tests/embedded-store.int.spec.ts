import { randomUUID } from 'node:crypto';
import { WrongExpectedRevisionError } from '@complaints/event-store';
import { testEvent, testEvents, testKeyEncryption } from '@complaints/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataDirLockedError, migrate, migrations, openEmbeddedStore, type SqlStoreHandle } from '../src';
import { MutableClock } from './support/mutable-clock';
import { registerStoredRowCases } from './support/stored-rows-cases';
import { registerTamperCases } from './support/tamper-cases';
import { makeTempDir } from './support/temp-dir';

// One PGlite directory for the whole file: creating one costs seconds.
const dir = makeTempDir('embedded');
const clock = new MutableClock('2026-05-04T10:00:00.000Z');
let handle: SqlStoreHandle;
/** What the first open told onMigrating (the start-up log's "migrating: …" line). */
const firstOpenMigrating: { version: number; name: string }[][] = [];

beforeAll(async () => {
  handle = await openEmbeddedStore({
    dataDir: dir.path,
    clock,
    ...testKeyEncryption(),
    onMigrating: (steps) => firstOpenMigrating.push([...steps]),
  });
}, 60_000);

afterAll(async () => {
  await handle.close();
  dir.remove();
});

describe('embedded store (PGlite)', () => {
  it('reports its kind', () => {
    expect(handle.eventStore.kind).toBe('embedded');
    expect(handle.sql.dialect).toBe('pglite');
  });

  registerStoredRowCases(() => handle, clock);
  registerTamperCases(() => handle);

  describe('append input checks (nothing appended when refused)', () => {
    it('an append of no events checks the expected revision and writes nothing', async () => {
      const streamId = `empty-${randomUUID()}`;
      const first = await handle.eventStore.append(streamId, testEvents(2), { expectedRevision: 'no_stream' });
      const head = await handle.eventStore.headPosition();

      const none = await handle.eventStore.append(streamId, [], { expectedRevision: 2 });
      expect(none).toEqual({
        streamId,
        nextRevision: 2,
        positions: [],
        lastPosition: first.lastPosition,
        recorded: [],
      });
      await expect(handle.eventStore.append(streamId, [], { expectedRevision: 5 })).rejects.toBeInstanceOf(
        WrongExpectedRevisionError,
      );
      expect(await handle.eventStore.headPosition()).toBe(head);
    });

    it('refuses an event id that is not a UUID, and text containing NUL, before touching the database', async () => {
      const streamId = `bad-${randomUUID()}`;
      await expect(
        handle.eventStore.append(streamId, [testEvent(), testEvent({ eventId: 'not-a-uuid' })], {
          expectedRevision: 'no_stream',
        }),
      ).rejects.toThrow(/UUID/);
      await expect(
        handle.eventStore.append(streamId, [testEvent({ data: { text: 'a\u0000b' } })], {
          expectedRevision: 'no_stream',
        }),
      ).rejects.toThrow(/NUL/);
      expect(await handle.eventStore.readStream(streamId)).toEqual([]);
    });

    it('stores an upper-case event id in the canonical lower-case form the hash covers', async () => {
      const streamId = `upper-${randomUUID()}`;
      const eventId = randomUUID().toUpperCase();
      await handle.eventStore.append(streamId, [testEvent({ eventId })], { expectedRevision: 'no_stream' });
      const [read] = await handle.eventStore.readStream(streamId);
      expect(read?.eventId).toBe(eventId.toLowerCase());
    });
  });

  describe('one process per directory', () => {
    it('refuses to open a directory this process already has open, and the open store keeps working', async () => {
      const second = openEmbeddedStore({ dataDir: dir.path, ...testKeyEncryption() });
      await expect(second).rejects.toBeInstanceOf(DataDirLockedError);
      await expect(second).rejects.toThrow(dir.path);
      await handle.eventStore.append(`still-${randomUUID()}`, [testEvent()], { expectedRevision: 'no_stream' });
    });

    it('names every migration the first open applies, in order, once', () => {
      expect(firstOpenMigrating).toEqual([
        [...migrations].sort((a, b) => a.version - b.version).map(({ version, name }) => ({ version, name })),
      ]);
    });

    it('opens again after close, with the data and without re-applying migrations', async () => {
      const streamId = `durable-${randomUUID()}`;
      await handle.eventStore.append(streamId, testEvents(3), { expectedRevision: 'no_stream' });
      await handle.close();
      await handle.close(); // idempotent

      const reopenMigrating: unknown[] = [];
      handle = await openEmbeddedStore({
        dataDir: dir.path,
        clock,
        ...testKeyEncryption(),
        onMigrating: (steps) => reopenMigrating.push(steps),
      });
      expect(reopenMigrating).toEqual([]);
      expect((await handle.eventStore.readStream(streamId)).map((e) => e.revision)).toEqual([1, 2, 3]);
      expect(await migrate(handle.sql)).toEqual({ applied: [], current: migrations.length });
      expect(await handle.sql.query('SELECT version FROM schema_migrations ORDER BY version')).toEqual(
        migrations.map((m) => ({ version: m.version })),
      );
    });
  });
});
