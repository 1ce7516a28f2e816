import { randomUUID } from 'node:crypto';
import type { EventMetadata } from '@complaints/contracts';
import { describe, expect, it } from 'vitest';
import { verifyChain } from '../integrity/hash-chain';
import type { Clock, NewEvent } from '../port/event-store.port';
import { KeyDestroyedError } from '../port/key-store.port';
import { InMemoryEventStore } from './in-memory-event-store';
import { InMemoryKeyStore } from './in-memory-key-store';

const metadata: EventMetadata = {
  actor: { id: 'u-1', name: 'User One', role: 'complaints_officer' },
  correlationId: 'corr-1',
  occurredAt: '2026-03-02T09:00:00.000Z',
};

function event(data: unknown = { n: 1 }, eventId: string = randomUUID()): NewEvent {
  return { eventId, type: 'Happened', schemaVersion: 1, data, metadata };
}

function clockAt(...instants: string[]): Clock {
  let i = 0;
  return { now: () => new Date(instants[Math.min(i++, instants.length - 1)]!) };
}

describe('InMemoryEventStore', () => {
  it('records the time from its Clock, and asAt reads by that time', async () => {
    const store = new InMemoryEventStore({ clock: clockAt('2026-03-02T10:00:00.000Z', '2026-03-03T10:00:00.000Z') });
    await store.append('s-1', [event()], { expectedRevision: 'no_stream' });
    await store.append('s-1', [event()], { expectedRevision: 1 });

    const read = await store.readStream('s-1');
    expect(read.map((e) => e.recordedAt)).toEqual(['2026-03-02T10:00:00.000Z', '2026-03-03T10:00:00.000Z']);
    expect(await store.readStream('s-1', { asAt: new Date('2026-03-02T23:59:59.999Z') })).toHaveLength(1);
  });

  it('hands out copies: changing what was appended or read changes neither the history nor its chain', async () => {
    const store = new InMemoryEventStore();
    const { recorded } = await store.append('s-1', [event({ amountPence: 100 })], { expectedRevision: 'no_stream' });
    (recorded[0]!.data as { amountPence: number }).amountPence = 2;
    const [first] = await store.readStream('s-1');
    (first!.data as { amountPence: number }).amountPence = 1;

    const [again] = await store.readStream('s-1');
    expect(again!.data).toEqual({ amountPence: 100 });
    expect(verifyChain('s-1', [again!]).valid).toBe(true);
  });

  it('stores the JSON form of the data (what every database adapter hands back)', async () => {
    const store = new InMemoryEventStore();
    await store.append('s-1', [event({ at: new Date('2026-03-02T09:00:00Z'), gone: undefined })], {
      expectedRevision: 'any',
    });
    const [read] = await store.readStream('s-1');
    expect(read!.data).toEqual({ at: '2026-03-02T09:00:00.000Z' });
    expect(verifyChain('s-1', [read!]).valid).toBe(true);
  });

  it('refuses an event id it already holds, appending nothing of that command', async () => {
    const store = new InMemoryEventStore();
    const id = randomUUID();
    await store.append('s-1', [event({}, id)], { expectedRevision: 'any' });
    await expect(
      store.append('s-2', [event(), event({}, id.toUpperCase())], { expectedRevision: 'any' }),
    ).rejects.toThrow(/already stored/);
    expect(await store.readStream('s-2')).toEqual([]);
    expect(await store.headPosition()).toBe(1n);
  });

  it('refuses ids that are not UUIDs and nonsense expected revisions', async () => {
    const store = new InMemoryEventStore();
    await expect(store.append('s-1', [event({}, 'not-a-uuid')], { expectedRevision: 'any' })).rejects.toBeInstanceOf(
      TypeError,
    );
    await expect(store.append('s-1', [event()], { expectedRevision: -1 })).rejects.toBeInstanceOf(RangeError);
  });

  it('an empty append checks the expected revision and reports where the stream stands', async () => {
    const store = new InMemoryEventStore();
    const { lastPosition } = await store.append('s-1', [event(), event()], { expectedRevision: 'no_stream' });
    expect(await store.append('s-1', [], { expectedRevision: 2 })).toEqual({
      streamId: 's-1',
      nextRevision: 2,
      positions: [],
      lastPosition,
      recorded: [],
    });
    await expect(store.append('s-1', [], { expectedRevision: 1 })).rejects.toMatchObject({ actual: 2 });
  });

  it('applies its own size limit when given one', async () => {
    const store = new InMemoryEventStore({ maxEventBytes: 300 });
    await expect(
      store.append('s-1', [event({ text: 'x'.repeat(300) })], { expectedRevision: 'any' }),
    ).rejects.toMatchObject({
      name: 'EventTooLargeError',
      limitBytes: 300,
    });
  });

  it('refuses reads once closed', async () => {
    const store = new InMemoryEventStore();
    await store.append('s-1', [event()], { expectedRevision: 'any' });
    await store.close();
    await expect(store.readAll({ after: 0n, limit: 1 })).rejects.toThrow(/closed/);
  });
});

describe('InMemoryKeyStore', () => {
  it('gives a subject the same key every time until it is destroyed, then never again', async () => {
    const keys = new InMemoryKeyStore();
    const key = await keys.getOrCreateKey('subject-1');
    expect(key).toHaveLength(32);
    expect(await keys.getOrCreateKey('subject-1')).toEqual(key);
    expect(await keys.findKey('subject-1')).toEqual(key);
    expect(await keys.getOrCreateKey('subject-2')).not.toEqual(key);

    expect(await keys.destroyKey('subject-1', new Date('2026-09-01T00:00:00Z'))).toBe(true);
    expect(await keys.destroyKey('subject-1', new Date('2026-09-02T00:00:00Z'))).toBe(false);
    expect(await keys.findKey('subject-1')).toBeNull();
    await expect(keys.getOrCreateKey('subject-1')).rejects.toBeInstanceOf(KeyDestroyedError);
  });

  it('erases a subject that never had a key, so no personal data can arrive for them later', async () => {
    const keys = new InMemoryKeyStore();
    expect(await keys.findKey('subject-3')).toBeUndefined();
    expect(await keys.destroyKey('subject-3', new Date('2026-09-01T00:00:00Z'))).toBe(false);
    await expect(keys.getOrCreateKey('subject-3')).rejects.toBeInstanceOf(KeyDestroyedError);
  });

  it('keeps its key safe from a caller that wipes the buffer it was given', async () => {
    const keys = new InMemoryKeyStore();
    const key = await keys.getOrCreateKey('subject-1');
    const copy = Buffer.from(key);
    key.fill(0);
    expect(await keys.getOrCreateKey('subject-1')).toEqual(copy);
  });
});
