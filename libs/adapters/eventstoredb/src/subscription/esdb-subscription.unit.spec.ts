import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { InMemoryCheckpointStore, prepareNewEvent, type RecordedEvent } from '@complaints/event-store';
import type { AllStreamResolvedEvent, Position, ReadPosition } from '@eventstore/db-client';
import { describe, expect, it, vi } from 'vitest';
import { toEsdbMetadata } from '../mapping/esdb-envelope';
import { StreamScope } from '../mapping/stream-scope';
import { EsdbSubscription, type SubscriptionSource, type SubscriptionStream } from './esdb-subscription';

/**
 * The subscription logic against a real Node object stream standing in for the client's
 * `$all` subscription (which is a Transform in object mode): events are pushed in, and server
 * checkpoints arrive through the callback the client awaits.
 */
class ServerStandIn implements SubscriptionSource {
  stream: (SubscriptionStream & PassThrough) | undefined;
  openedFrom: ReadPosition[] = [];
  onCheckpoint: ((position: Position) => Promise<void>) | undefined;
  unsubscribed = 0;
  /** Events of any stream, by position, for "the last event before a boundary". */
  positions: bigint[] = [];

  open(from: ReadPosition, onCheckpoint: (position: Position) => Promise<void>): SubscriptionStream {
    this.openedFrom.push(from);
    this.onCheckpoint = onCheckpoint;
    const stream = Object.assign(new PassThrough({ objectMode: true }), {
      unsubscribe: async () => {
        this.unsubscribed++;
      },
    });
    this.stream = stream;
    return stream;
  }

  async eventPositionBefore(boundary: bigint): Promise<bigint> {
    return this.positions.filter((p) => p < boundary).at(-1) ?? 0n;
  }

  push(streamId: string, position: bigint, type = 'Happened'): void {
    this.positions.push(position);
    const metadata = toEsdbMetadata({
      ...prepareNewEvent({
        eventId: randomUUID(),
        type,
        schemaVersion: 1,
        data: { at: Number(position) },
        metadata: {
          actor: { id: 'u', name: 'U', role: 'system' },
          correlationId: 'c',
          occurredAt: '2026-03-02T09:00:00.000Z',
        },
      }),
      streamId,
      revision: 1,
      recordedAt: '2026-03-02T09:00:00.000Z',
      hash: 'h'.repeat(64),
      previousHash: '0'.repeat(64),
    });
    const resolved: AllStreamResolvedEvent = {
      event: {
        streamId,
        id: randomUUID(),
        revision: 0n,
        type,
        isJson: true,
        created: new Date(0),
        data: { at: Number(position) },
        metadata,
        position: { commit: position, prepare: position },
      } as unknown as NonNullable<AllStreamResolvedEvent['event']>,
      commitPosition: position,
    };
    this.stream!.write(resolved);
  }
}

function collectingHandler() {
  const batches: RecordedEvent[][] = [];
  return { batches, handler: { handle: async (batch: RecordedEvent[]) => void batches.push(batch) } };
}

const scope = new StreamScope(['complaint-']);

describe('EsdbSubscription', () => {
  it('resumes after the stored checkpoint, hands over our events in batches, and checkpoints each batch', async () => {
    const server = new ServerStandIn();
    const checkpoints = new InMemoryCheckpointStore();
    await checkpoints.store('projection', 100n);
    const { batches, handler } = collectingHandler();
    const subscription = new EsdbSubscription({
      subscriptionId: 'projection',
      handler,
      batchSize: 2,
      source: server,
      checkpoints,
      scope,
    });

    await vi.waitFor(() => expect(server.stream).toBeDefined());
    expect(server.openedFrom).toEqual([{ commit: 100n, prepare: 100n }]);
    server.push('complaint-1', 200n);
    server.push('complaint-1', 300n);
    server.push('complaint-2', 400n);
    await vi.waitFor(() => expect(batches.flat()).toHaveLength(3));
    await subscription.stop();

    expect(batches.every((batch) => batch.length <= 2)).toBe(true);
    expect(batches.flat().map((e) => e.globalPosition)).toEqual([200n, 300n, 400n]);
    expect(await checkpoints.load('projection')).toBe(400n);
    expect(subscription.checkpoint()).toBe(400n);
    expect(server.unsubscribed).toBe(1);
  });

  it('skips events at or before the checkpoint, outside our streams, or of unwanted types, yet moves past them', async () => {
    const server = new ServerStandIn();
    const checkpoints = new InMemoryCheckpointStore();
    const { batches, handler } = collectingHandler();
    const subscription = new EsdbSubscription({
      subscriptionId: 's',
      handler,
      eventTypes: ['Wanted'],
      source: server,
      checkpoints,
      scope,
    });
    await vi.waitFor(() => expect(server.stream).toBeDefined());

    server.push('complaint-1', 10n, 'Wanted');
    server.push('complaint-1', 10n, 'Wanted'); // delivered twice by the server
    server.push('$stats-node', 20n, '$statsCollected');
    server.push('billing-1', 30n, 'Wanted');
    server.push('complaint-1', 40n, 'Unwanted');
    await vi.waitFor(() => expect(subscription.checkpoint()).toBe(40n));
    await subscription.stop();

    expect(batches.flat().map((e) => [e.streamId, e.globalPosition])).toEqual([['complaint-1', 10n]]);
    expect(await checkpoints.load('s')).toBe(40n);
  });

  it('applies a server checkpoint only after every event delivered before it was handled', async () => {
    const server = new ServerStandIn();
    const checkpoints = new InMemoryCheckpointStore();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const handled: bigint[] = [];
    const subscription = new EsdbSubscription({
      subscriptionId: 's',
      batchSize: 1,
      handler: {
        handle: async (batch) => {
          await gate; // a slow projection
          handled.push(...batch.map((e) => e.globalPosition));
        },
      },
      source: server,
      checkpoints,
      scope,
    });
    await vi.waitFor(() => expect(server.stream).toBeDefined());

    server.push('complaint-1', 10n);
    server.push('complaint-1', 20n);
    const checkpointApplied = server.onCheckpoint!({ commit: 90n, prepare: 90n });
    let appliedEarly = false;
    void checkpointApplied.then(() => (appliedEarly = handled.length < 2));
    expect(await checkpoints.load('s')).toBe(0n);

    release();
    await checkpointApplied;
    expect(appliedEarly).toBe(false);
    expect(handled).toEqual([10n, 20n]);
    expect(await checkpoints.load('s')).toBe(90n);
    await subscription.stop();
  });

  it('turns a checkpoint between records into the last event before it, so it can be resumed from', async () => {
    const server = new ServerStandIn();
    const checkpoints = new InMemoryCheckpointStore();
    const { handler } = collectingHandler();
    const subscription = new EsdbSubscription({ subscriptionId: 's', handler, source: server, checkpoints, scope });
    await vi.waitFor(() => expect(server.stream).toBeDefined());

    server.push('complaint-1', 10n);
    server.positions.push(50n, 70n); // other streams' events the server searched past
    await server.onCheckpoint!({ commit: 80n, prepare: 0n });
    expect(await checkpoints.load('s')).toBe(70n);

    await server.onCheckpoint!({ commit: 60n, prepare: 60n }); // never backwards
    expect(await checkpoints.load('s')).toBe(70n);
    await subscription.stop();
  });

  it('stops on a handler error with done rejected and the checkpoint before the failed batch', async () => {
    const server = new ServerStandIn();
    const checkpoints = new InMemoryCheckpointStore();
    const failure = new Error('projection failed');
    const subscription = new EsdbSubscription({
      subscriptionId: 's',
      batchSize: 1,
      handler: {
        handle: async (batch) => {
          if (batch[0]!.globalPosition === 20n) throw failure;
        },
      },
      source: server,
      checkpoints,
      scope,
    });
    await vi.waitFor(() => expect(server.stream).toBeDefined());
    server.push('complaint-1', 10n);
    server.push('complaint-1', 20n);

    await expect(subscription.done).rejects.toBe(failure);
    expect(await checkpoints.load('s')).toBe(10n);
    expect(server.unsubscribed).toBe(1);
  });

  it('ends with the stream error when the server connection fails', async () => {
    const server = new ServerStandIn();
    const subscription = new EsdbSubscription({
      subscriptionId: 's',
      handler: collectingHandler().handler,
      source: server,
      checkpoints: new InMemoryCheckpointStore(),
      scope,
    });
    await vi.waitFor(() => expect(server.stream).toBeDefined());
    const failure = new Error('UNAVAILABLE: connection dropped');
    server.stream!.destroy(failure);
    await expect(subscription.done).rejects.toBe(failure);
  });
});
