import { randomBytes, randomUUID } from 'node:crypto';
import type { NewEvent } from '@complaints/event-store';
import { EventStoreDBClient } from '@eventstore/db-client';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { EventStoreDbEventStore, openEventStoreDb } from '../src';
import { provideEventStoreDb } from './support/eventstoredb-server';

function event(): NewEvent {
  return {
    eventId: randomUUID(),
    type: 'ContactLogged',
    schemaVersion: 1,
    data: { note: 'n' },
    metadata: {
      actor: { id: 'u-1', name: 'Ann', role: 'complaints_officer' },
      correlationId: 'c-1',
      occurredAt: '2026-03-02T09:00:00.000Z',
    },
  };
}

describe('watchAppends with the real client, no server', () => {
  it('reports the failed subscription, tries again with backoff, and close() ends the watch', async () => {
    const store = new EventStoreDbEventStore({
      client: EventStoreDBClient.connectionString(
        'esdb://127.0.0.1:9?tls=false&maxDiscoverAttempts=1&defaultDeadline=1000',
      ),
    });
    const errors: Error[] = [];
    const watch = store.watchAppends(() => undefined, {
      onError: (error) => errors.push(error),
      initialBackoffMs: 10,
      maxBackoffMs: 50,
    });

    await vi.waitFor(() => expect(errors.length).toBeGreaterThanOrEqual(2), { timeout: 20_000 });
    expect(watch.failures).toBeGreaterThanOrEqual(2);
    await store.close();
    const seen = errors.length;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(errors.length).toBe(seen);
  });
});

describe('watchAppends on EventStoreDB', async () => {
  const server = await provideEventStoreDb();
  if ('skip' in server) {
    console.warn(`[eventstoredb] watchAppends SKIPPED: ${server.skip}`);
    it.skip(`skipped: ${server.skip}`, () => undefined);
    return;
  }
  const prefix = `watch${randomBytes(4).toString('hex')}-`;
  const store = openEventStoreDb({
    connectionString: server.connectionString,
    streamPrefixes: [prefix],
  });
  const other = openEventStoreDb({
    connectionString: server.connectionString,
    streamPrefixes: [`other${prefix}`],
  });
  afterAll(async () => {
    await store.close();
    await other.close();
    await server.dispose();
  });

  it('signals an append to our streams from any writer, and not one to other streams', async () => {
    let signals = 0;
    const watch = store.watchAppends(() => signals++);
    // It starts at the end of the log: append only once the server confirmed the subscription.
    await vi.waitFor(() => expect(watch.live).toBe(true), { timeout: 10_000 });
    expect(signals).toBe(1); // the signal on subscribing

    await other.append(`other${prefix}1`, [event()], { expectedRevision: 'no_stream' });
    await store.append(`${prefix}1`, [event()], { expectedRevision: 'no_stream' });
    await vi.waitFor(() => expect(signals).toBe(2), { timeout: 10_000 });
    await watch.stop();
  });
});
