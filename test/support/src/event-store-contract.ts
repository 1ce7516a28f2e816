import {
  EventTooLargeError,
  GENESIS_HASH,
  MAX_EVENT_BYTES,
  verifyChain,
  WrongExpectedRevisionError,
  type AppendResult,
  type EventStore,
  type GlobalPosition,
  type NewEvent,
  type RecordedEvent,
} from '@complaints/event-store';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { testEvent, testEvents, uniqueStreamId } from './event-factory';

/**
 * THE shared contract of the EventStore port: every adapter (embedded PGlite, PostgreSQL,
 * EventStoreDB, in-memory) runs these same cases. A case that an adapter cannot pass is a bug
 * in the adapter or a hole in the port — never a reason to fork the suite.
 */
export interface ContractTarget {
  store: EventStore;
  /**
   * Close the store and open it again on the same storage (same directory / database); the
   * suite then uses the returned store. Proves durability of events.
   */
  reopen?: () => Promise<EventStore>;
  teardown(): Promise<void>;
  /** Prefix for the suite's stream ids (default 'contract'), for adapters that scope streams by name. */
  streamPrefix?: string;
}

export type ContractSetup = () => Promise<ContractTarget | { skip: string }>;

interface ContractContext {
  store(): EventStore;
  reopen: (() => Promise<EventStore>) | undefined;
  streamId(): string;
}

const SLOW_CASE_MS = 180_000;
const CASE_MS = 30_000;

/**
 * Registers the suite. `setup` runs once for the whole suite (at collection time); cases keep
 * out of each other's way with unique stream ids and by reading the global log only from the
 * head they observed first. When setup answers `{ skip }`, the reason is printed and every
 * case is registered as skipped, so the report shows what did not run and why.
 */
export function describeEventStoreContract(name: string, setup: ContractSetup): void {
  describe(`event store contract: ${name}`, async () => {
    const target = await setup();
    if ('skip' in target) {
      console.warn(`[contract] ${name} SKIPPED: ${target.skip}`);
      describe.skip(`skipped: ${target.skip}`, () => {
        registerCases({
          store: () => {
            throw new Error('skipped');
          },
          reopen: undefined,
          streamId: () => 'skipped',
        });
      });
      return;
    }
    let current = target.store;
    const reopen = target.reopen;
    afterAll(() => target.teardown());
    registerCases({
      store: () => current,
      reopen: reopen ? async () => (current = await reopen()) : undefined,
      streamId: () => uniqueStreamId(target.streamPrefix),
    });
  });
}

function registerCases(ctx: ContractContext): void {
  describe('append and read', () => {
    it('round-trips every envelope field', { timeout: CASE_MS }, async () => {
      const streamId = ctx.streamId();
      const events = [
        testEvent({ type: 'First', schemaVersion: 2, data: { a: 1, nested: { list: [1, 'two', null, true] } } }),
        testEvent({
          type: 'Second',
          data: { b: 'text' },
          metadata: { causationId: 'cause-1', dataSubjectId: 'subject-1' },
        }),
      ];
      const result = await ctx.store().append(streamId, events, { expectedRevision: 'no_stream' });

      expect(result.streamId).toBe(streamId);
      expect(result.nextRevision).toBe(2);
      expect(result.positions).toHaveLength(2);
      expect(at(result.positions, 1)).toBeGreaterThan(at(result.positions, 0));
      expect(result.lastPosition).toBe(result.positions[1]);

      const read = await ctx.store().readStream(streamId);
      expect(read).toHaveLength(2);
      read.forEach((recorded, i) => {
        const sent = at(events, i);
        expect(recorded.eventId).toBe(sent.eventId);
        expect(recorded.type).toBe(sent.type);
        expect(recorded.schemaVersion).toBe(sent.schemaVersion);
        expect(recorded.data).toEqual(sent.data);
        expect(recorded.metadata).toEqual(sent.metadata);
        expect(recorded.streamId).toBe(streamId);
        expect(recorded.revision).toBe(i + 1);
        expect(recorded.globalPosition).toBe(result.positions[i]);
        expect(recorded.recordedAt).toBe(new Date(recorded.recordedAt).toISOString());
        expect(recorded.hash).toMatch(/^[0-9a-f]{64}$/);
      });
      expect(at(read, 0).previousHash).toBe(GENESIS_HASH);
      expect(at(read, 1).previousHash).toBe(at(read, 0).hash);
      expect(result.recorded).toEqual(read);
    });

    it('hands back the appended events exactly as a later read returns them', { timeout: CASE_MS }, async () => {
      const streamId = ctx.streamId();
      const first = await ctx.store().append(streamId, testEvents(1), { expectedRevision: 'no_stream' });
      const second = await ctx.store().append(
        streamId,
        [
          testEvent({
            data: { at: new Date('2026-03-02T09:00:00Z'), gone: undefined, list: [1, null, { deep: 'ŵ 🏠' }] },
          }),
          testEvent({
            schemaVersion: 3,
            data: { pence: 1250, ratio: 0.1, big: 9_007_199_254_740_991 },
            metadata: { dataSubjectId: 'subject-2' },
          }),
        ],
        { expectedRevision: 1 },
      );

      const read = await ctx.store().readStream(streamId);
      expect(first.recorded).toEqual(read.slice(0, 1));
      expect(second.recorded).toEqual(read.slice(1));
      expect(second.recorded.map((e) => e.globalPosition)).toEqual(second.positions);
      expect(at(second.recorded, 0).previousHash).toBe(at(first.recorded, 0).hash);
      expect(at(second.recorded, 0).data).toEqual({
        at: '2026-03-02T09:00:00.000Z',
        list: [1, null, { deep: 'ŵ 🏠' }],
      });
      expect(verifyChain(streamId, [...first.recorded, ...second.recorded]).valid).toBe(true);
    });

    it(
      'an append of no events checks the expected revision, writes nothing, and reports where the stream stands',
      { timeout: CASE_MS },
      async () => {
        const streamId = ctx.streamId();
        const first = await ctx.store().append(streamId, testEvents(2), { expectedRevision: 'no_stream' });
        const head = await ctx.store().headPosition();

        const none = await ctx.store().append(streamId, [], { expectedRevision: 2 });
        expect(none).toEqual({
          streamId,
          nextRevision: 2,
          positions: [],
          lastPosition: first.lastPosition,
          recorded: [],
        });
        const error = await ctx
          .store()
          .append(streamId, [], { expectedRevision: 5 })
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(error).toMatchObject({ streamId, expected: 5, actual: 2 });
        expect(await ctx.store().readStream(streamId)).toHaveLength(2);
        expect(await ctx.store().headPosition()).toBe(head);
      },
    );

    it('reads an absent stream as empty', async () => {
      expect(await ctx.store().readStream(ctx.streamId())).toEqual([]);
    });

    it('makes an append visible to reads as soon as it resolves', { timeout: CASE_MS }, async () => {
      const streamId = ctx.streamId();
      const event = testEvent();
      const result = await ctx.store().append(streamId, [event], { expectedRevision: 'any' });

      expect((await ctx.store().readStream(streamId)).map((e) => e.eventId)).toEqual([event.eventId]);
      const fromLog = await ctx.store().readAll({ after: result.lastPosition - 1n, limit: 1 });
      expect(fromLog.map((e) => e.eventId)).toEqual([event.eventId]);
      expect(await ctx.store().headPosition()).toBeGreaterThanOrEqual(result.lastPosition);
    });

    it(
      'round-trips unicode: emoji, Welsh, right-to-left, combining marks, astral planes',
      { timeout: CASE_MS },
      async () => {
        const streamId = ctx.streamId();
        const text =
          'Roedd y tŷ yn oer 🏠❄️ — ŵ ŷ â ê î ô û; مرحبا بالعالم; שלום עולם; e\u0301; 漢字; 𝄞 𐍈; "quotes" \\ back\\slash\ttab\nnewline';
        const event = testEvent({
          data: { text, [`key-ŵ-🏠`]: 'unicode key' },
          metadata: { actor: { id: 'officer-ŵ', name: 'Siân Ŵyn-Jones 👩‍💼', role: 'complaints_officer' } },
        });
        await ctx.store().append(streamId, [event], { expectedRevision: 'no_stream' });

        const read = at(await ctx.store().readStream(streamId), 0);
        expect(read.data).toEqual(event.data);
        expect(read.metadata).toEqual(event.metadata);
        expect(verifyChain(streamId, [read]).valid).toBe(true);
      },
    );
  });

  describe('expected revision', () => {
    it('no_stream: creates a stream, and refuses once it exists without appending', { timeout: CASE_MS }, async () => {
      const streamId = ctx.streamId();
      await ctx.store().append(streamId, testEvents(2), { expectedRevision: 'no_stream' });

      const error = await ctx
        .store()
        .append(streamId, testEvents(1), { expectedRevision: 'no_stream' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WrongExpectedRevisionError);
      expect(error).toMatchObject({ streamId, expected: 'no_stream', actual: 2 });
      expect(await ctx.store().readStream(streamId)).toHaveLength(2);
    });

    it(
      'an exact revision: accepted when it matches, refused (typed, nothing appended) when too low or too high',
      { timeout: CASE_MS },
      async () => {
        const streamId = ctx.streamId();
        await ctx.store().append(streamId, testEvents(2), { expectedRevision: 0 });
        const ok = await ctx.store().append(streamId, testEvents(1), { expectedRevision: 2 });
        expect(ok.nextRevision).toBe(3);

        for (const wrong of [2, 4, 0]) {
          const error = await ctx
            .store()
            .append(streamId, testEvents(2), { expectedRevision: wrong })
            .catch((e: unknown) => e);
          expect(error).toBeInstanceOf(WrongExpectedRevisionError);
          expect(error).toMatchObject({ streamId, expected: wrong, actual: 3 });
        }
        const read = await ctx.store().readStream(streamId);
        expect(read.map((e) => e.revision)).toEqual([1, 2, 3]);
      },
    );

    it('refuses an expected revision of no valid form, and an empty stream id, appending nothing', async () => {
      const streamId = ctx.streamId();
      for (const nonsense of [-1, 1.5, Number.NaN]) {
        await expect(
          ctx.store().append(streamId, testEvents(1), { expectedRevision: nonsense }),
        ).rejects.toBeInstanceOf(RangeError);
      }
      await expect(ctx.store().append('', testEvents(1), { expectedRevision: 'any' })).rejects.toThrow();
      expect(await ctx.store().readStream(streamId)).toEqual([]);
    });

    it('an exact revision on an absent stream is refused with actual 0', async () => {
      const streamId = ctx.streamId();
      const error = await ctx
        .store()
        .append(streamId, testEvents(1), { expectedRevision: 3 })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WrongExpectedRevisionError);
      expect(error).toMatchObject({ streamId, expected: 3, actual: 0 });
      expect(await ctx.store().readStream(streamId)).toEqual([]);
    });

    it('any: appends to an absent and to an existing stream', { timeout: CASE_MS }, async () => {
      const streamId = ctx.streamId();
      expect((await ctx.store().append(streamId, testEvents(1), { expectedRevision: 'any' })).nextRevision).toBe(1);
      expect((await ctx.store().append(streamId, testEvents(2), { expectedRevision: 'any' })).nextRevision).toBe(3);
    });

    it(
      'of two concurrent appends at the same expected revision exactly one wins, whole',
      { timeout: CASE_MS },
      async () => {
        for (const expectedRevision of ['no_stream', 1, 3] as const) {
          const streamId = ctx.streamId();
          if (expectedRevision !== 'no_stream') {
            await ctx.store().append(streamId, testEvents(expectedRevision), { expectedRevision: 'no_stream' });
          }
          const left = testEvents(2, () => ({ type: 'Left' }));
          const right = testEvents(2, () => ({ type: 'Right' }));
          const outcomes = await Promise.allSettled([
            ctx.store().append(streamId, left, { expectedRevision }),
            ctx.store().append(streamId, right, { expectedRevision }),
          ]);

          const won = outcomes.filter((o): o is PromiseFulfilledResult<AppendResult> => o.status === 'fulfilled');
          const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
          expect(won).toHaveLength(1);
          expect(lost).toHaveLength(1);
          expect(at(lost, 0).reason).toBeInstanceOf(WrongExpectedRevisionError);

          const before = expectedRevision === 'no_stream' ? 0 : expectedRevision;
          const read = await ctx.store().readStream(streamId);
          expect(read).toHaveLength(before + 2);
          const winner = at(outcomes, 0).status === 'fulfilled' ? left : right;
          expect(read.slice(before).map((e) => e.eventId)).toEqual(winner.map((e) => e.eventId));
          expect(at(won, 0).value.recorded).toEqual(read.slice(before));
          expect(verifyChain(streamId, read).valid).toBe(true);
        }
      },
    );
  });

  describe('ordering', () => {
    it(
      'keeps revision order within a stream and append order across the global log',
      { timeout: CASE_MS },
      async () => {
        const a = ctx.streamId();
        const b = ctx.streamId();
        const start = await ctx.store().headPosition();
        const appended: NewEvent[] = [];
        for (const [streamId, count] of [
          [a, 2],
          [b, 1],
          [a, 1],
          [b, 3],
        ] as const) {
          const events = testEvents(count);
          await ctx.store().append(streamId, events, { expectedRevision: 'any' });
          appended.push(...events);
        }

        const log = (await readAllFrom(ctx.store(), start, 1000)).filter((e) => e.streamId === a || e.streamId === b);
        expect(log.map((e) => e.eventId)).toEqual(appended.map((e) => e.eventId));
        assertStrictlyIncreasing(log.map((e) => e.globalPosition));
        expect((await ctx.store().readStream(a)).map((e) => e.revision)).toEqual([1, 2, 3]);
        expect((await ctx.store().readStream(b)).map((e) => e.revision)).toEqual([1, 2, 3, 4]);
        expect(await ctx.store().headPosition()).toBeGreaterThanOrEqual(at(log, log.length - 1).globalPosition);
      },
    );

    it('reads the global log in batches from any position', { timeout: CASE_MS }, async () => {
      const streams = [ctx.streamId(), ctx.streamId(), ctx.streamId()];
      const start = await ctx.store().headPosition();
      const appended: RecordedEvent[] = [];
      for (let i = 0; i < 7; i++) {
        const streamId = at(streams, i % 3);
        const result = await ctx.store().append(streamId, testEvents(1), { expectedRevision: 'any' });
        appended.push(...(await ctx.store().readAll({ after: result.lastPosition - 1n, limit: 1 })));
      }
      const ours = new Set(streams);

      const pages: RecordedEvent[][] = [];
      let after = start;
      let seen: RecordedEvent[] = [];
      while (seen.length < appended.length) {
        const page = await ctx.store().readAll({ after, limit: 3 });
        expect(page.length).toBeGreaterThan(0);
        expect(page.length).toBeLessThanOrEqual(3);
        pages.push(page);
        seen = seen.concat(page.filter((e) => ours.has(e.streamId)));
        after = at(page, page.length - 1).globalPosition;
      }
      expect(seen.map((e) => e.eventId)).toEqual(appended.map((e) => e.eventId));
      assertStrictlyIncreasing(pages.flat().map((e) => e.globalPosition));

      const fromMiddle = (await readAllFrom(ctx.store(), at(appended, 3).globalPosition, 100)).filter((e) =>
        ours.has(e.streamId),
      );
      expect(fromMiddle.map((e) => e.eventId)).toEqual(appended.slice(4).map((e) => e.eventId));
    });

    it('stores and reads back a 10,000-event stream in order', { timeout: SLOW_CASE_MS }, async () => {
      const streamId = ctx.streamId();
      const ids: string[] = [];
      const recorded: RecordedEvent[] = [];
      for (let revision = 0; revision < 10_000; revision += 500) {
        const batch = testEvents(500, (i) => ({ data: { n: revision + i } }));
        const result = await ctx.store().append(streamId, batch, { expectedRevision: revision });
        expect(result.nextRevision).toBe(revision + 500);
        ids.push(...batch.map((e) => e.eventId));
        recorded.push(...result.recorded);
      }
      const read = await ctx.store().readStream(streamId);
      expect(read).toHaveLength(10_000);
      expect(recorded).toEqual(read);
      expect(read.map((e) => e.eventId)).toEqual(ids);
      expect(read.every((e, i) => e.revision === i + 1 && (e.data as { n: number }).n === i)).toBe(true);
      expect(verifyChain(streamId, read)).toMatchObject({ valid: true, eventsChecked: 10_000 });
    });
  });

  describe('reading a stream as it stood', () => {
    it('toRevision: only events up to that revision', { timeout: CASE_MS }, async () => {
      const streamId = ctx.streamId();
      await ctx.store().append(streamId, testEvents(5), { expectedRevision: 'no_stream' });
      expect((await ctx.store().readStream(streamId, { toRevision: 3 })).map((e) => e.revision)).toEqual([1, 2, 3]);
      expect(await ctx.store().readStream(streamId, { toRevision: 0 })).toEqual([]);
      expect(await ctx.store().readStream(streamId, { toRevision: 10 })).toHaveLength(5);
    });

    it('asAt: only events recorded at or before that instant', { timeout: CASE_MS }, async () => {
      const streamId = ctx.streamId();
      await ctx.store().append(streamId, testEvents(2), { expectedRevision: 'no_stream' });
      const firstRecordedAt = Date.parse(at(await ctx.store().readStream(streamId), 0).recordedAt);
      // Let the (real) clock move on so the next command is recorded strictly later.
      await vi.waitFor(() => expect(Date.now()).toBeGreaterThan(firstRecordedAt + 5), { timeout: 1000, interval: 2 });
      await ctx.store().append(streamId, testEvents(1), { expectedRevision: 2 });
      const all = await ctx.store().readStream(streamId);
      const lastRecordedAt = Date.parse(at(all, 2).recordedAt);
      expect(lastRecordedAt).toBeGreaterThan(firstRecordedAt);

      expect(await ctx.store().readStream(streamId, { asAt: new Date(firstRecordedAt - 1) })).toEqual([]);
      expect(
        (await ctx.store().readStream(streamId, { asAt: new Date(firstRecordedAt) })).map((e) => e.revision),
      ).toEqual([1, 2]);
      expect(
        (await ctx.store().readStream(streamId, { asAt: new Date(lastRecordedAt) })).map((e) => e.revision),
      ).toEqual([1, 2, 3]);
      expect(
        (await ctx.store().readStream(streamId, { asAt: new Date(lastRecordedAt), toRevision: 1 })).map(
          (e) => e.revision,
        ),
      ).toEqual([1]);
    });
  });

  describe('limits and integrity', () => {
    it(
      'refuses an event over MAX_EVENT_BYTES with EventTooLargeError and appends nothing of the command',
      { timeout: CASE_MS },
      async () => {
        const streamId = ctx.streamId();
        const headBefore = await ctx.store().headPosition();
        const huge = testEvent({ type: 'Huge', data: { blob: 'x'.repeat(MAX_EVENT_BYTES) } });
        const error = await ctx
          .store()
          .append(streamId, [testEvent(), huge], { expectedRevision: 'no_stream' })
          .catch((e: unknown) => e);

        expect(error).toBeInstanceOf(EventTooLargeError);
        expect(error).toMatchObject({ eventType: 'Huge', limitBytes: MAX_EVENT_BYTES });
        expect((error as EventTooLargeError).sizeBytes).toBeGreaterThan(MAX_EVENT_BYTES);
        expect(await ctx.store().readStream(streamId)).toEqual([]);
        expect(await ctx.store().headPosition()).toBe(headBefore);
      },
    );

    it(
      'accepts a large event under the limit (multi-byte characters counted as bytes)',
      { timeout: CASE_MS },
      async () => {
        const streamId = ctx.streamId();
        const large = testEvent({ data: { blob: 'ŵ'.repeat(90_000) } }); // 180,000 bytes of UTF-8
        await ctx.store().append(streamId, [large], { expectedRevision: 'no_stream' });
        expect(at(await ctx.store().readStream(streamId), 0).data).toEqual(large.data);

        const tooManyBytes = testEvent({ type: 'Wide', data: { blob: 'ŵ'.repeat(MAX_EVENT_BYTES / 2) } }); // fewer chars than the limit, more bytes
        await expect(ctx.store().append(streamId, [tooManyBytes], { expectedRevision: 1 })).rejects.toBeInstanceOf(
          EventTooLargeError,
        );
      },
    );

    it(
      'links every event into a hash chain that verifyChain accepts, and that exposes a change',
      { timeout: CASE_MS },
      async () => {
        const streamId = ctx.streamId();
        await ctx.store().append(streamId, testEvents(1), { expectedRevision: 'no_stream' });
        await ctx.store().append(streamId, testEvents(2), { expectedRevision: 1 });
        await ctx.store().append(streamId, testEvents(3), { expectedRevision: 3 });
        const read = await ctx.store().readStream(streamId);

        const report = verifyChain(streamId, read);
        expect(report).toMatchObject({ valid: true, eventsChecked: 6, headHash: at(read, 5).hash });
        read.slice(1).forEach((event, i) => expect(event.previousHash).toBe(at(read, i).hash));

        const altered = read.map((e, i) => (i === 3 ? { ...e, data: { tampered: true } } : e));
        expect(verifyChain(streamId, altered)).toMatchObject({
          valid: false,
          problem: { revision: 4, kind: 'hash-mismatch' },
        });
      },
    );
  });

  // Only adapters with storage that outlives the store object (not the in-memory one).
  const reopen = ctx.reopen;
  if (reopen) {
    describe('durability', () => {
      it('keeps every event, position and hash across a close and reopen', { timeout: SLOW_CASE_MS }, async () => {
        const streamId = ctx.streamId();
        const { recorded } = await ctx.store().append(streamId, testEvents(3), { expectedRevision: 'no_stream' });
        await reopen();
        expect(await ctx.store().readStream(streamId)).toEqual(recorded);
        const next = await ctx.store().append(streamId, testEvents(1), { expectedRevision: 3 });
        expect(next.recorded[0]?.previousHash).toBe(at(recorded, 2).hash);
      });
    });
  }
}

/** The item at `index` (negative counts from the end), or a clear failure instead of undefined. */
function at<T>(items: readonly T[], index: number): T {
  const item = items.at(index);
  if (item === undefined) throw new Error(`expected an item at index ${index} of ${items.length}`);
  return item;
}

async function readAllFrom(store: EventStore, after: GlobalPosition, limit: number): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  let position = after;
  for (;;) {
    const page = await store.readAll({ after: position, limit });
    if (page.length === 0) return all;
    all.push(...page);
    position = at(page, page.length - 1).globalPosition;
  }
}

function assertStrictlyIncreasing(positions: readonly GlobalPosition[]): void {
  positions.slice(1).forEach((position, i) => expect(position).toBeGreaterThan(at(positions, i)));
}
