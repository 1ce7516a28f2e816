import { randomUUID } from 'node:crypto';
import { EventTooLargeError, MAX_EVENT_BYTES, type NewEvent } from '@complaints/event-store';
import { EventStoreDBClient } from '@eventstore/db-client';
import { afterEach, describe, expect, it } from 'vitest';
import { EventStoreDbEventStore } from '../src';

/**
 * The checks the adapter makes before it sends anything. The client points at a port nothing
 * listens on: were a request made, these calls would fail with a connection error instead.
 */
function offlineStore(): EventStoreDbEventStore {
  return new EventStoreDbEventStore({
    client: EventStoreDBClient.connectionString(
      'esdb://127.0.0.1:9?tls=false&maxDiscoverAttempts=1&defaultDeadline=2000',
    ),
  });
}

function event(data: unknown): NewEvent {
  return {
    eventId: randomUUID(),
    type: 'ContactLogged',
    schemaVersion: 1,
    data,
    metadata: {
      actor: { id: 'u-1', name: 'Ann', role: 'complaints_officer' },
      correlationId: 'c-1',
      occurredAt: '2026-03-02T09:00:00.000Z',
    },
  };
}

describe('EventStoreDbEventStore before sending', () => {
  let store: EventStoreDbEventStore;
  afterEach(() => store.close());

  it('refuses an oversized event by its UTF-8 size (data + metadata) before contacting the server', async () => {
    store = offlineStore();
    const error = await store
      .append('complaint-1', [event({ ok: true }), event({ text: 'ŵ'.repeat(MAX_EVENT_BYTES / 2) })], {
        expectedRevision: 'any',
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EventTooLargeError);
    expect(error).toMatchObject({ eventType: 'ContactLogged', limitBytes: MAX_EVENT_BYTES });
    expect((error as EventTooLargeError).sizeBytes).toBeGreaterThan(MAX_EVENT_BYTES);
  });

  it('refuses a stream outside its prefixes (it would never appear in the global log)', async () => {
    store = offlineStore();
    await expect(store.append('billing-1', [event({})], { expectedRevision: 'any' })).rejects.toThrow(
      /outside this store/,
    );
  });

  it('refuses an event id that is not a UUID (ESDB ids are UUIDs)', async () => {
    store = offlineStore();
    await expect(
      store.append('complaint-1', [{ ...event({}), eventId: 'evt-1' }], { expectedRevision: 'any' }),
    ).rejects.toBeInstanceOf(TypeError);
  });

  it('refuses reads with a nonsense batch size or position', async () => {
    store = offlineStore();
    await expect(store.readAll({ after: 0n, limit: 0 })).rejects.toBeInstanceOf(RangeError);
    await expect(store.readAll({ after: -1n, limit: 10 })).rejects.toBeInstanceOf(RangeError);
    expect(await store.readStream('complaint-1', { toRevision: 0 })).toEqual([]);
  });

  it('is unusable once closed', async () => {
    store = offlineStore();
    await store.close();
    await expect(store.headPosition()).rejects.toThrow(/closed/);
  });
});
