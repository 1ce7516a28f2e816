import { randomUUID } from 'node:crypto';
import {
  GENESIS_HASH,
  KeyDestroyedError,
  kekIdOfWrapped,
  verifyChain,
  WRAPPED_KEY_BYTES,
  WRAPPED_KEY_MAGIC,
} from '@complaints/event-store';
import { testEvent, testEvents } from '@complaints/testing';
import { describe, expect, it } from 'vitest';
import {
  SqlEventStore,
  SUBJECT_KEY_BYTES,
  type SqlExecutor,
  type SqlParam,
  type SqlQueryOptions,
  type SqlStoreHandle,
} from '../../src';
import type { MutableClock } from './mutable-clock';

interface KeyRow {
  wrapped_key: Uint8Array | null;
  kek_id: string | null;
  created_at: Date;
  destroyed_at: Date | null;
}

/**
 * What actually lands in the tables: the rows an auditor, a backup or a DBA sees, checked
 * directly with SQL rather than through the store's own read path.
 */
export function registerStoredRowCases(handle: () => SqlStoreHandle, clock: MutableClock): void {
  const currentKek = async () =>
    (await handle().sql.query<{ kek_id: string }>('SELECT kek_id FROM kek_current'))[0]?.kek_id;
  const keyRow = async (subject: string) =>
    (
      await handle().sql.query<KeyRow>(
        'SELECT wrapped_key, kek_id, created_at, destroyed_at FROM subject_keys WHERE data_subject_id = $1',
        [subject],
      )
    )[0];

  describe('stored rows', () => {
    it('an event row holds exactly the recorded envelope, and the stream and global heads move with it', async () => {
      clock.set('2026-05-04T10:11:12.345Z');
      const streamId = `rows-${randomUUID()}`;
      const event = testEvent({
        type: 'RowChecked',
        schemaVersion: 3,
        data: { note: 'ŵ 🏠', pence: 1250 },
        metadata: { dataSubjectId: 'subject-x' },
      });
      const result = await handle().eventStore.append(streamId, [event], { expectedRevision: 'no_stream' });
      const [recorded] = await handle().eventStore.readStream(streamId);

      const rows = await handle().sql.query<Record<string, unknown>>(
        `SELECT global_position::text AS global_position, stream_id, revision, event_id::text AS event_id, type, schema_version,
                data, metadata, recorded_at, hash, previous_hash
           FROM events WHERE stream_id = $1`,
        [streamId],
      );
      expect(rows).toEqual([
        {
          global_position: result.lastPosition.toString(),
          stream_id: streamId,
          revision: 1,
          event_id: event.eventId,
          type: 'RowChecked',
          schema_version: 3,
          data: event.data,
          metadata: event.metadata,
          recorded_at: new Date('2026-05-04T10:11:12.345Z'),
          hash: recorded?.hash,
          previous_hash: GENESIS_HASH,
        },
      ]);
      expect(
        await handle().sql.query('SELECT revision, last_hash FROM streams WHERE stream_id = $1', [streamId]),
      ).toEqual([{ revision: 1, last_hash: recorded?.hash }]);
      const [head] = await handle().sql.query<{ position: string }>(
        'SELECT position::text AS position FROM global_head',
      );
      expect(BigInt(head?.position ?? '-1')).toBe(await handle().eventStore.headPosition());
    });

    it('asAt uses the recorded time from the injected clock', async () => {
      const streamId = `as-at-${randomUUID()}`;
      clock.set('2026-05-04T09:00:00.000Z');
      await handle().eventStore.append(streamId, [testEvent()], { expectedRevision: 'no_stream' });
      clock.set('2026-05-05T09:00:00.000Z');
      await handle().eventStore.append(streamId, [testEvent()], { expectedRevision: 1 });

      const asAt = (instant: string) => handle().eventStore.readStream(streamId, { asAt: new Date(instant) });
      expect((await asAt('2026-05-04T08:59:59.999Z')).map((e) => e.revision)).toEqual([]);
      expect((await asAt('2026-05-04T23:59:59.999Z')).map((e) => e.revision)).toEqual([1]);
      expect((await asAt('2026-05-05T09:00:00.000Z')).map((e) => e.revision)).toEqual([1, 2]);
      expect((await handle().eventStore.readStream(streamId)).map((e) => e.recordedAt)).toEqual([
        '2026-05-04T09:00:00.000Z',
        '2026-05-05T09:00:00.000Z',
      ]);
    });

    it('recorded time never goes backwards within a stream, even when the clock does', async () => {
      const streamId = `clock-${randomUUID()}`;
      clock.set('2026-05-06T12:00:00.000Z');
      await handle().eventStore.append(streamId, [testEvent()], { expectedRevision: 'no_stream' });
      clock.set('2026-05-06T11:59:59.000Z'); // another instance's clock, a second behind
      await handle().eventStore.append(streamId, [testEvent()], { expectedRevision: 1 });
      const other = `clock-other-${randomUUID()}`;
      await handle().eventStore.append(other, [testEvent()], { expectedRevision: 'no_stream' });

      expect((await handle().eventStore.readStream(streamId)).map((e) => e.recordedAt)).toEqual([
        '2026-05-06T12:00:00.000Z',
        '2026-05-06T12:00:00.000Z',
      ]);
      expect((await handle().eventStore.readStream(other)).map((e) => e.recordedAt)).toEqual([
        '2026-05-06T11:59:59.000Z',
      ]);
      expect(verifyChain(streamId, await handle().eventStore.readStream(streamId)).valid).toBe(true);
    });

    it('an append is ONE statement and no transaction, whatever the number of events, once the stream tip is known', async () => {
      const statements: string[] = [];
      const store = new SqlEventStore({
        sql: recordingStatements(handle().sql, statements),
        kind: handle().eventStore.kind,
        clock,
      });
      const streamId = `statements-${randomUUID()}`;
      try {
        // A new stream's tip needs no look; the next append chains from the one before.
        await store.append(streamId, testEvents(1), { expectedRevision: 'no_stream' });
        await store.append(streamId, testEvents(50), { expectedRevision: 1 });
        expect(statements.map(kindOf)).toEqual(['append', 'append']);
      } finally {
        await store.close();
      }
      // A command: read the stream, then append from what the read found.
      statements.length = 0;
      const command = new SqlEventStore({
        sql: recordingStatements(handle().sql, statements),
        kind: handle().eventStore.kind,
        clock,
      });
      try {
        const read = await command.readStream(streamId);
        await command.append(streamId, testEvents(2), { expectedRevision: read.length });
        expect(statements.map(kindOf)).toEqual(['read', 'append']);
      } finally {
        await command.close();
      }
      // Nothing known (no read first): one plain look at the stream's row, then the append.
      statements.length = 0;
      const cold = new SqlEventStore({
        sql: recordingStatements(handle().sql, statements),
        kind: handle().eventStore.kind,
        clock,
      });
      try {
        await cold.append(streamId, testEvents(1), { expectedRevision: 53 });
        expect(statements.map(kindOf)).toEqual(['tip', 'append']);
      } finally {
        await cold.close();
      }
      const read = await handle().eventStore.readStream(streamId);
      expect(read.map((e) => e.revision)).toEqual(Array.from({ length: 54 }, (_, i) => i + 1));
      expect(verifyChain(streamId, read).valid).toBe(true);
    });

    it('a stale tip (another instance appended since this one read) is a conflict with the actual revision; nothing of it is written', async () => {
      const streamId = `stale-${randomUUID()}`;
      const mine = new SqlEventStore({ sql: handle().sql, kind: handle().eventStore.kind, clock });
      try {
        await handle().eventStore.append(streamId, testEvents(2), { expectedRevision: 'no_stream' });
        const seen = await mine.readStream(streamId);
        await handle().eventStore.append(streamId, testEvents(1), { expectedRevision: 2 });
        await expect(mine.append(streamId, testEvents(1), { expectedRevision: seen.length })).rejects.toMatchObject({
          name: 'WrongExpectedRevisionError',
          actual: 3,
        });
        // 'any' reads the tip again and chains from it.
        const anyResult = await mine.append(streamId, testEvents(1), { expectedRevision: 'any' });
        expect(anyResult.nextRevision).toBe(4);
      } finally {
        await mine.close();
      }
      const read = await handle().eventStore.readStream(streamId);
      expect(read.map((e) => e.revision)).toEqual([1, 2, 3, 4]);
      expect(verifyChain(streamId, read).valid).toBe(true);
    });

    it('concurrent appends share calls (group commit): fewer calls than appends, a dense log, every chain intact', async () => {
      const statements: string[] = [];
      const store = new SqlEventStore({
        sql: recordingStatements(handle().sql, statements),
        kind: handle().eventStore.kind,
        clock,
      });
      const before = await handle().eventStore.headPosition();
      const streams = Array.from({ length: 24 }, (_, i) => `group-${i}-${randomUUID()}`);
      try {
        const results = await Promise.all(
          streams.map((streamId) => store.append(streamId, testEvents(2), { expectedRevision: 'no_stream' })),
        );
        expect(statements.filter((text) => kindOf(text) === 'append').length).toBeLessThan(streams.length);
        const positions = results.flatMap((result) => result.positions).sort((a, b) => (a < b ? -1 : 1));
        expect(positions).toEqual(Array.from({ length: 48 }, (_, i) => before + BigInt(i + 1)));
      } finally {
        await store.close();
      }
      for (const streamId of streams)
        expect(verifyChain(streamId, await handle().eventStore.readStream(streamId)).valid).toBe(true);
    });

    it('in a shared call, an append that breaks a constraint fails alone and the others are written', async () => {
      const taken = testEvent();
      await handle().eventStore.append(`taken-${randomUUID()}`, [taken], { expectedRevision: 'no_stream' });
      const [good1, bad, good2] = [`good-${randomUUID()}`, `bad-${randomUUID()}`, `good-${randomUUID()}`];
      const outcomes = await Promise.allSettled([
        handle().eventStore.append(good1, testEvents(1), { expectedRevision: 'no_stream' }),
        handle().eventStore.append(bad, [testEvent({ eventId: taken.eventId })], { expectedRevision: 'no_stream' }),
        handle().eventStore.append(good2, testEvents(1), { expectedRevision: 'no_stream' }),
      ]);
      expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect(await handle().eventStore.readStream(bad)).toEqual([]);
      expect(await handle().eventStore.readStream(good1)).toHaveLength(1);
      expect(await handle().eventStore.readStream(good2)).toHaveLength(1);
    });

    it('two appends to one stream in one shared call: the second finds the first and is a conflict', async () => {
      const streamId = `twice-${randomUUID()}`;
      const outcomes = await Promise.allSettled([
        handle().eventStore.append(streamId, testEvents(1), { expectedRevision: 'no_stream' }),
        handle().eventStore.append(streamId, testEvents(1), { expectedRevision: 'no_stream' }),
      ]);
      expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
      expect(outcomes.find((outcome) => outcome.status === 'rejected')).toMatchObject({
        reason: { name: 'WrongExpectedRevisionError', actual: 1 },
      });
      expect(await handle().eventStore.readStream(streamId)).toHaveLength(1);
    });

    it('a subject key is 32 random bytes, created once, stored only wrapped under the current KEK, and destroyed for good', async () => {
      clock.set('2026-06-01T08:00:00.000Z');
      const subject = `subject-${randomUUID()}`;
      expect(await handle().keyStore.findKey(subject)).toBeUndefined();

      const key = await handle().keyStore.getOrCreateKey(subject);
      expect(key).toBeInstanceOf(Buffer);
      expect(key).toHaveLength(SUBJECT_KEY_BYTES);
      expect(await handle().keyStore.getOrCreateKey(subject)).toEqual(key);
      expect(await handle().keyStore.getOrCreateKey(`subject-${randomUUID()}`)).not.toEqual(key);
      const live = await keyRow(subject);
      const wrapped = Buffer.from(live?.wrapped_key ?? []);
      // The row holds the self-describing wrapped form, naming the current KEK; the raw key is nowhere in it.
      expect(wrapped).toHaveLength(WRAPPED_KEY_BYTES);
      expect(wrapped.subarray(0, WRAPPED_KEY_MAGIC.length)).toEqual(WRAPPED_KEY_MAGIC);
      const current = await currentKek();
      expect(kekIdOfWrapped(wrapped)).toBe(current);
      expect(live?.kek_id).toBe(current);
      expect(wrapped.includes(key)).toBe(false);
      expect(live?.created_at).toEqual(new Date('2026-06-01T08:00:00.000Z'));
      expect(live?.destroyed_at).toBeNull();

      expect(await handle().keyStore.destroyKey(subject, new Date('2026-07-01T12:00:00.000Z'))).toBe(true);
      // kek_id stays: the KEK under which its copies were made, rotated away at once (the default).
      expect(await keyRow(subject)).toEqual({
        wrapped_key: null,
        kek_id: current,
        created_at: new Date('2026-06-01T08:00:00.000Z'),
        destroyed_at: new Date('2026-07-01T12:00:00.000Z'),
      });
      expect(await currentKek()).not.toBe(current);
      expect(await handle().keyStore.findKey(subject)).toBeNull();
      await expect(handle().keyStore.getOrCreateKey(subject)).rejects.toBeInstanceOf(KeyDestroyedError);
      expect(await handle().keyStore.destroyKey(subject, new Date('2026-08-01T00:00:00.000Z'))).toBe(false);
      expect((await keyRow(subject))?.destroyed_at).toEqual(new Date('2026-07-01T12:00:00.000Z'));
    });

    it('erasing a subject that never had a key leaves a tombstone, so no key can be created later', async () => {
      const subject = `subject-${randomUUID()}`;
      expect(await handle().keyStore.destroyKey(subject, new Date('2026-07-01T12:00:00.000Z'))).toBe(false);
      expect(await keyRow(subject)).toMatchObject({
        wrapped_key: null,
        kek_id: null,
        destroyed_at: new Date('2026-07-01T12:00:00.000Z'),
      });
      expect(await handle().keyStore.findKey(subject)).toBeNull();
      await expect(handle().keyStore.getOrCreateKey(subject)).rejects.toBeInstanceOf(KeyDestroyedError);
    });
  });
}

/** The same executor, noting the text of every statement run inside a transaction. */
function recordingStatements(sql: SqlExecutor, statements: string[]): SqlExecutor {
  const record = (text: string) => statements.push(text);
  return {
    dialect: sql.dialect,
    query: <Row>(text: string, params?: readonly SqlParam[], options?: SqlQueryOptions) => {
      record(text);
      return sql.query<Row>(text, params, options);
    },
    execScript: (text: string) => sql.execScript(text),
    listen: (channel: string, onNotify: (payload: string) => void) => sql.listen(channel, onNotify),
    // The store does not own the executor: closing it is the handle's job.
    close: async () => undefined,
    transaction: (work) => {
      record('BEGIN');
      return sql.transaction((tx) =>
        work({
          query: <Row>(text: string, params?: readonly SqlParam[], options?: SqlQueryOptions) => {
            record(text);
            return tx.query<Row>(text, params, options);
          },
          execScript: (text: string) => tx.execScript(text),
        }),
      );
    },
  };
}

/** What a recorded statement is, by its text. */
function kindOf(text: string): string {
  if (text.includes('complaints_append(')) return 'append';
  if (text.includes('FROM streams WHERE')) return 'tip';
  if (text.includes('FROM events WHERE stream_id')) return 'read';
  return text;
}
