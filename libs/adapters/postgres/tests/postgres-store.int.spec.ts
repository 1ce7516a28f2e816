import { randomUUID } from 'node:crypto';
import { eventHash, GENESIS_HASH, verifyChain, type GlobalPosition } from '@complaints/event-store';
import { testEvent, testEvents, testKeyEncryption } from '@complaints/testing';
import { Client } from 'pg';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { migrate, migrations, openPostgresStore, PgExecutor, SqlEventStore, type SqlStoreHandle } from '../src';
import { describeWithPostgres } from './support/describe-with-postgres';
import { MutableClock } from './support/mutable-clock';
import { registerStoredRowCases } from './support/stored-rows-cases';
import { registerTamperCases } from './support/tamper-cases';

describeWithPostgres('PostgreSQL store', (database) => {
  const clock = new MutableClock('2026-05-04T10:00:00.000Z');
  let handle: SqlStoreHandle;

  beforeAll(async () => {
    handle = await openPostgresStore({
      ...testKeyEncryption(),
      connectionString: database().connectionString,
      clock,
      pool: { max: 20 },
    });
  });
  afterAll(() => handle.close());

  it('reports its kind', () => {
    expect(handle.eventStore.kind).toBe('postgres');
    expect(handle.sql.dialect).toBe('postgres');
  });

  registerStoredRowCases(() => handle, clock);
  registerTamperCases(() => handle);

  it('gives every concurrent first user of a subject the same key', async () => {
    const subject = `subject-${randomUUID()}`;
    const keys = await Promise.all(Array.from({ length: 12 }, () => handle.keyStore.getOrCreateKey(subject)));
    expect(new Set(keys.map((key) => key.toString('hex'))).size).toBe(1);
  });
});

describeWithPostgres('PostgreSQL migrations', (database) => {
  it('four instances migrating one fresh database at once: exactly one applies each step, all succeed', async () => {
    const executors = Array.from({ length: 4 }, () =>
      PgExecutor.connect({ connectionString: database().connectionString }),
    );
    try {
      const reports = await Promise.all(executors.map((sql) => migrate(sql)));

      const appliedBy = reports.filter((report) => report.applied.length > 0);
      expect(appliedBy).toEqual([{ applied: migrations.map((m) => m.version), current: migrations.length }]);
      expect(reports.filter((report) => report.applied.length === 0)).toHaveLength(3);
      expect(reports.every((report) => report.current === migrations.length)).toBe(true);
      expect(await executors[0]?.query('SELECT version FROM schema_migrations ORDER BY version')).toEqual(
        migrations.map((m) => ({ version: m.version })),
      );
    } finally {
      await Promise.all(executors.map((sql) => sql.close()));
    }
  });

  it('two stores opened at once on the same database both work', async () => {
    const [a, b] = await Promise.all([
      openPostgresStore({ ...testKeyEncryption(), connectionString: database().connectionString }),
      openPostgresStore({ ...testKeyEncryption(), connectionString: database().connectionString }),
    ]);
    try {
      const streamId = `shared-${randomUUID()}`;
      await a.eventStore.append(streamId, [testEvent()], { expectedRevision: 'no_stream' });
      await b.eventStore.append(streamId, [testEvent()], { expectedRevision: 1 });
      expect((await a.eventStore.readStream(streamId)).map((e) => e.revision)).toEqual([1, 2]);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});

describeWithPostgres('PostgreSQL migration 3', (database) => {
  it('gives streams written before it the recorded time of their last event, so recorded time still never goes backwards', async () => {
    const streamId = `before-step-3-${randomUUID()}`;
    const old = testEvent();
    const oldRecordedAt = '2026-05-06T12:00:00.000Z';
    const oldHash = eventHash(GENESIS_HASH, { ...old, streamId, revision: 1, recordedAt: oldRecordedAt });
    const sql = PgExecutor.connect({ connectionString: database().connectionString });
    try {
      await migrate(
        sql,
        migrations.filter((m) => m.version < 3),
      );
      // A one-event stream exactly as the store wrote it before step 3.
      await sql.query('UPDATE global_head SET position = 1');
      await sql.query(
        `INSERT INTO events (global_position, stream_id, revision, event_id, type, schema_version, data, metadata, recorded_at, hash, previous_hash)
         VALUES (1, $1, 1, $2, $3, 1, $4::text::jsonb, $5::text::jsonb, $6, $7, $8)`,
        [
          streamId,
          old.eventId,
          old.type,
          JSON.stringify(old.data),
          JSON.stringify(old.metadata),
          oldRecordedAt,
          oldHash,
          GENESIS_HASH,
        ],
      );
      await sql.query('INSERT INTO streams (stream_id, revision, last_hash) VALUES ($1, 1, $2)', [streamId, oldHash]);
    } finally {
      await sql.close();
    }

    const clock = new MutableClock('2026-05-06T11:00:00.000Z'); // an hour behind the stored event
    const handle = await openPostgresStore({
      ...testKeyEncryption(),
      connectionString: database().connectionString,
      clock,
    });
    try {
      expect(await handle.sql.query('SELECT last_recorded_at FROM streams WHERE stream_id = $1', [streamId])).toEqual([
        { last_recorded_at: new Date(oldRecordedAt) },
      ]);
      const { recorded } = await handle.eventStore.append(streamId, [testEvent()], { expectedRevision: 1 });
      expect(recorded.map((e) => e.recordedAt)).toEqual([oldRecordedAt]);
      const read = await handle.eventStore.readStream(streamId);
      expect(read.map((e) => e.recordedAt)).toEqual([oldRecordedAt, oldRecordedAt]);
      expect(verifyChain(streamId, read).valid).toBe(true);
    } finally {
      await handle.close();
    }
  });
});

describeWithPostgres('PostgreSQL global log under concurrency', (database) => {
  let handle: SqlStoreHandle;
  beforeAll(async () => {
    handle = await openPostgresStore({
      ...testKeyEncryption(),
      connectionString: database().connectionString,
      pool: { max: 24 },
    });
  });
  afterAll(() => handle.close());

  it(
    '10 concurrent writers: a polling reader never finds a gap, and the final log is exactly 1..N',
    { timeout: 120_000 },
    async () => {
      const writers = 10;
      const commandsPerWriter = 30;
      const startHead = await handle.eventStore.headPosition();
      let writing = true;

      // The reader the guarantee is for: it reads "after the last position I saw". Every page it
      // gets must continue exactly where it left off; a hole would mean an event committed later
      // below a position it has already passed, i.e. lost for good.
      const reader = (async () => {
        const seen: string[] = [];
        const holes: string[] = [];
        let after: GlobalPosition = startHead;
        let polls = 0;
        for (;;) {
          const stillWriting = writing;
          const committedHead = await handle.eventStore.headPosition();
          const page = await handle.eventStore.readAll({ after, limit: 7 });
          polls++;
          page.forEach((event, i) => {
            const expected = after + BigInt(i) + 1n;
            if (event.globalPosition !== expected) holes.push(`expected ${expected}, found ${event.globalPosition}`);
          });
          // Everything up to a committed head must already be readable.
          if (page.length < 7 && after + BigInt(page.length) < committedHead) {
            holes.push(`head was ${committedHead} but only ${after + BigInt(page.length)} was readable`);
          }
          seen.push(...page.map((e) => e.eventId));
          after = page.at(-1)?.globalPosition ?? after;
          if (!stillWriting && page.length === 0) return { seen, holes, polls };
        }
      })();

      const written: string[] = [];
      const streams: string[] = [];
      await Promise.all(
        Array.from({ length: writers }, async (_, writer) => {
          const streamId = `writer-${writer}-${randomUUID()}`;
          streams.push(streamId);
          let revision = 0;
          for (let command = 0; command < commandsPerWriter; command++) {
            const events = testEvents(1 + ((writer + command) % 3));
            const result = await handle.eventStore.append(streamId, events, { expectedRevision: revision });
            revision = result.nextRevision;
            written.push(...events.map((e) => e.eventId));
          }
        }),
      );
      writing = false;
      const { seen, holes, polls } = await reader;

      expect(holes).toEqual([]);
      expect(polls).toBeGreaterThan(1);
      expect(new Set(seen)).toEqual(new Set(written));
      expect(seen).toHaveLength(written.length);

      const log = await handle.eventStore.readAll({ after: startHead, limit: 100_000 });
      expect(log.map((e) => e.globalPosition)).toEqual(log.map((_, i) => startHead + BigInt(i) + 1n));
      expect(await handle.eventStore.headPosition()).toBe(startHead + BigInt(written.length));
      for (const streamId of streams) {
        expect(verifyChain(streamId, await handle.eventStore.readStream(streamId))).toMatchObject({ valid: true });
      }
    },
  );

  it(
    'concurrent appends to ONE stream each find the latest head under the lock: dense revisions, one chain, recorded time never backwards',
    { timeout: 60_000 },
    async () => {
      // A clock that runs backwards a second per reading: only the stream's own last recorded time,
      // read under its lock, keeps the history in order.
      let tick = Date.parse('2026-07-01T12:00:00.000Z');
      const store = new SqlEventStore({
        sql: handle.sql,
        kind: 'postgres',
        clock: { now: () => new Date((tick -= 1000)) },
      });
      const streamId = `one-stream-${randomUUID()}`;
      try {
        const results = await Promise.all(
          Array.from({ length: 16 }, (_, i) =>
            store.append(streamId, testEvents(1 + (i % 3)), { expectedRevision: 'any' }),
          ),
        );
        const read = await handle.eventStore.readStream(streamId);
        const total = results.reduce((sum, r) => sum + r.recorded.length, 0);
        expect(read.map((e) => e.revision)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
        expect(verifyChain(streamId, read).valid).toBe(true);
        expect(results.flatMap((r) => r.recorded).sort((a, b) => a.revision - b.revision)).toEqual(read);
        expect(new Set(read.map((e) => e.recordedAt))).toEqual(new Set([at(read, 0).recordedAt]));
      } finally {
        await store.close();
      }
    },
  );

  it(
    'a writer that holds positions but has not committed holds later writers back, so readers cannot skip it',
    { timeout: 60_000 },
    async () => {
      const slow = new Client({ connectionString: database().connectionString });
      await slow.connect();
      try {
        const before = await handle.eventStore.headPosition();
        // The slow writer: positions taken, event inserted, not committed.
        await slow.query('BEGIN');
        const { rows } = await slow.query<{ position: string }>(
          'UPDATE global_head SET position = position + 1 RETURNING position::text AS position',
        );
        const slowPosition = BigInt(rows[0]?.position ?? '0');
        const slowEvent = testEvent({ type: 'Slow' });
        await slow.query(
          `INSERT INTO events (global_position, stream_id, revision, event_id, type, schema_version, data, metadata, recorded_at, hash, previous_hash)
         VALUES ($1, $2, 1, $3, 'Slow', 1, '{}', $4::text::jsonb, now(), $5, $5)`,
          [
            slowPosition.toString(),
            `slow-${randomUUID()}`,
            slowEvent.eventId,
            JSON.stringify(slowEvent.metadata),
            GENESIS_HASH,
          ],
        );

        const fast = handle.eventStore.append(`fast-${randomUUID()}`, [testEvent({ type: 'Fast' })], {
          expectedRevision: 'no_stream',
        });
        // Wait until the fast append is queued on the global_head row lock (the one lock its
        // complaints_append call can wait for here: its stream is new). Asked from outside the slow
        // transaction: inside one, pg_stat_activity is a snapshot frozen at its first read.
        await vi.waitFor(
          async () => {
            const waiting = await handle.sql.query(
              `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%complaints_append%'`,
            );
            expect(waiting).toHaveLength(1);
          },
          { timeout: 10_000, interval: 20 },
        );
        expect(await handle.eventStore.readAll({ after: before, limit: 10 })).toEqual([]);
        expect(await handle.eventStore.headPosition()).toBe(before);

        await slow.query('COMMIT');
        const result = await fast;
        expect(result.positions).toEqual([slowPosition + 1n]);
        expect((await handle.eventStore.readAll({ after: before, limit: 10 })).map((e) => e.type)).toEqual([
          'Slow',
          'Fast',
        ]);
      } finally {
        await slow.query('ROLLBACK').catch(() => undefined);
        await slow.end();
      }
    },
  );

  it('control: positions from a SEQUENCE commit out of order and a reader loses an event (why the store does not use one)', async () => {
    const a = new Client({ connectionString: database().connectionString });
    const b = new Client({ connectionString: database().connectionString });
    await Promise.all([a.connect(), b.connect()]);
    try {
      await a.query('CREATE TABLE IF NOT EXISTS naive_log (position bigserial PRIMARY KEY, note text NOT NULL)');
      await a.query('TRUNCATE naive_log RESTART IDENTITY');
      await a.query('BEGIN');
      await a.query(`INSERT INTO naive_log (note) VALUES ('a')`); // takes 1, not yet committed
      await b.query(`INSERT INTO naive_log (note) VALUES ('b')`); // takes 2, commits first

      const read = async (after: number) =>
        (
          await b.query<{ position: string }>(
            'SELECT position::text AS position FROM naive_log WHERE position > $1 ORDER BY position',
            [after],
          )
        ).rows.map((row) => Number(row.position));
      const firstPoll = await read(0);
      expect(firstPoll).toEqual([2]); // the reader moves its checkpoint to 2 ...
      await a.query('COMMIT');
      expect(await read(2)).toEqual([]); // ... and never sees 1.
      expect(await read(0)).toEqual([1, 2]);
    } finally {
      await a.query('ROLLBACK').catch(() => undefined);
      await Promise.all([a.end(), b.end()]);
    }
  });
});

function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`expected an item at index ${index} of ${items.length}`);
  return item;
}
