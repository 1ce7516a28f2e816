import { EVENTS_APPENDED_CHANNEL } from '@complaints/adapter-postgres';
import { afterEach, expect, it } from 'vitest';
import { Registry } from 'prom-client';
import { EventRelay, readDeadLetters, readRelayState, registerRelayMetrics, type EventRelayOptions } from '../src';
import { describeOnBothBackends, type Backend } from '@complaints/projections/testing';
import { appendNext, PERSONAL_MARKERS, recordInterleaved } from './support/complaint-events';
import { eventually } from './support/eventually';
import { RecordingPublisher } from './support/recording-publisher';

/**
 * The relay's SQL side — checkpoint after acknowledgement, lease, fencing, retries, dead letters
 * — against a publisher that records what it acknowledged. The Kafka suites prove the same on a
 * broker.
 */
describeOnBothBackends('event relay', (open) => {
  let backend: Backend;
  const relays: EventRelay[] = [];
  const relayFor = (publisher: RecordingPublisher, options: Partial<EventRelayOptions> = {}) => {
    const relay = new EventRelay({
      sql: backend.sql,
      source: backend.source,
      publisher,
      pollIntervalMs: 20,
      retryBackoff: { initialMs: 5, maxMs: 20 },
      ...options,
    });
    relays.push(relay);
    return relay;
  };
  const positionsOfLog = async () => (await backend.source.readAll(0n, 10_000)).map((e) => e.globalPosition.toString());
  const caughtUp = (relay: EventRelay) =>
    eventually('the relay to reach the head', async () => {
      const status = await relay.status();
      return status.checkpoint === status.head && status.head > 0n ? status : undefined;
    });

  afterEach(async () => {
    for (const relay of relays.splice(0)) await relay.stop();
    await backend?.close();
  });

  it('publishes every complaint event in log order, in the outbound form, and moves the checkpoint only once the publish was acknowledged', async () => {
    backend = await open();
    await recordInterleaved(backend.complaints, ['a', 'b', 'c'], 3);
    const publisher = new RecordingPublisher();
    const pending = publisher.hold();
    const relay = relayFor(publisher, { batchSize: 4 });
    await relay.start();

    await pending.entered;
    expect((await relay.status()).checkpoint).toBe(0n);
    pending.release();
    const status = await caughtUp(relay);

    expect(publisher.acknowledged.map((e) => e.position)).toEqual(await positionsOfLog());
    expect(status).toMatchObject({
      lagEvents: 0n,
      eventsPublished: 9n,
      deadLetters: 0,
      holdingLease: true,
      lastError: null,
    });
    const text = JSON.stringify(publisher.acknowledged);
    for (const marker of PERSONAL_MARKERS) expect(text).not.toContain(marker);
    expect(publisher.acknowledged[0]).toMatchObject({
      complaintId: 'a',
      revision: 1,
      type: 'ComplaintReceived',
      personalDataWithheld: ['complainant', 'description'],
    });
  });

  it('resumes from its checkpoint after a restart: what was acknowledged is not sent again', async () => {
    backend = await open();
    await recordInterleaved(backend.complaints, ['a', 'b'], 2);
    const first = new RecordingPublisher();
    const before = relayFor(first, { batchSize: 3 });
    await before.start();
    await caughtUp(before);
    await before.stop();

    await recordInterleaved(backend.complaints, ['a', 'b'], 1);
    const second = new RecordingPublisher();
    const after = relayFor(second, { batchSize: 3 });
    await after.start();
    await caughtUp(after);

    const all = await positionsOfLog();
    expect(first.acknowledged.map((e) => e.position)).toEqual(all.slice(0, 4));
    expect(second.acknowledged.map((e) => e.position)).toEqual(all.slice(4));
  });

  it('wakes on the append channel instead of waiting for its poll', async () => {
    backend = await open();
    const publisher = new RecordingPublisher();
    const relay = relayFor(publisher, { pollIntervalMs: 600_000, wakeOnChannel: EVENTS_APPENDED_CHANNEL });
    await relay.start();
    await eventually('the lease', async () => ((await relay.status()).holdingLease ? true : undefined));

    await appendNext(backend.complaints, 'a');
    await eventually('the event to be published', () => (publisher.acknowledged.length === 1 ? true : undefined));
  });

  it('lets only the lease holder publish; the standby takes over from the checkpoint when the holder stops', async () => {
    backend = await open();
    await recordInterleaved(backend.complaints, ['a', 'b'], 2);
    const holderPublisher = new RecordingPublisher();
    const standbyPublisher = new RecordingPublisher();
    const holder = relayFor(holderPublisher, { instanceId: 'relay-1' });
    await holder.start();
    await caughtUp(holder);
    const standby = new EventRelay({
      sql: backend.openAnotherExecutor(),
      source: backend.source,
      publisher: standbyPublisher,
      instanceId: 'relay-2',
      pollIntervalMs: 20,
    });
    relays.push(standby);
    await standby.start();

    await recordInterleaved(backend.complaints, ['a', 'b'], 1);
    await caughtUp(holder);
    expect(standbyPublisher.calls).toBe(0);
    expect(await standby.status()).toMatchObject({ holdingLease: false, leaseHolder: 'relay-1' });
    expect(holderPublisher.acknowledged).toHaveLength(6);

    await holder.stop();
    await recordInterleaved(backend.complaints, ['a'], 1);
    await eventually('the standby to publish', () => (standbyPublisher.acknowledged.length === 1 ? true : undefined));
    expect(standbyPublisher.acknowledged.map((e) => e.position)).toEqual((await positionsOfLog()).slice(6));
    expect(await standby.status()).toMatchObject({ holdingLease: true, leaseHolder: 'relay-2' });
  });

  it('hands an expired lease to another instance, and the paused former holder can no longer move the checkpoint', async () => {
    backend = await open();
    await recordInterleaved(backend.complaints, ['a', 'b'], 2);
    const zombiePublisher = new RecordingPublisher();
    // A long lease: its renewal does not come round during the test, as for a paused process.
    const zombie = relayFor(zombiePublisher, { instanceId: 'paused', leaseMs: 600_000 });
    const pending = zombiePublisher.hold();
    await zombie.start();
    await pending.entered;
    // Time passes while it is paused mid-publish: its lease runs out.
    await backend.sql.query(
      `UPDATE relay_state SET lease_expires_at = now() - interval '1 second' WHERE relay = 'kafka'`,
    );

    const successorPublisher = new RecordingPublisher();
    const successor = relayFor(successorPublisher, { instanceId: 'successor' });
    await successor.start();
    const status = await caughtUp(successor);
    expect(successorPublisher.acknowledged.map((e) => e.position)).toEqual(await positionsOfLog());

    // The zombie wakes: its broker acknowledges (a duplicate subscribers drop by event id), its checkpoint write is fenced off.
    pending.release();
    await eventually('the zombie to notice it lost the lease', async () =>
      (await zombie.status()).lastError?.includes('lost the lease') ? true : undefined,
    );
    const state = await readRelayState(backend.sql, 'kafka');
    expect(state).toMatchObject({ holder: 'successor', position: status.checkpoint, eventsPublished: 4n });
    expect((await zombie.status()).holdingLease).toBe(false);
  });

  it('keeps the checkpoint where it is while the broker fails, retries with backoff, and then delivers everything once', async () => {
    backend = await open();
    await recordInterleaved(backend.complaints, ['a', 'b'], 2);
    const publisher = new RecordingPublisher();
    publisher.failNext = Number.MAX_SAFE_INTEGER;
    const errors: unknown[] = [];
    const relay = relayFor(publisher, { onError: (error) => errors.push(error) });
    await relay.start();

    await eventually('a few failed attempts', () => (errors.length >= 3 ? true : undefined));
    expect(await relay.status()).toMatchObject({ checkpoint: 0n, lastError: 'broker unavailable (injected)' });
    expect(publisher.acknowledged).toEqual([]);

    publisher.failNext = 0;
    await caughtUp(relay);
    expect(publisher.acknowledged.map((e) => e.position)).toEqual(await positionsOfLog());
    expect((await relay.status()).lastError).toBeNull();
  });

  it('dead-letters an event the broker refuses as a message after a few attempts, counts it, and publishes the rest', async () => {
    backend = await open();
    await recordInterleaved(backend.complaints, ['a', 'b'], 3);
    const log = await backend.source.readAll(0n, 100);
    const refused = log.find((e) => e.complaintId === 'b' && e.revision === 2)!;
    const publisher = new RecordingPublisher();
    publisher.rejectEventIds.add(refused.eventId);
    const relay = relayFor(publisher, { batchSize: 4, rejectionAttempts: 3 });
    await relay.start();

    const status = await caughtUp(relay);
    expect(publisher.acknowledged.map((e) => e.eventId)).toEqual(
      log.filter((e) => e !== refused).map((e) => e.eventId),
    );
    const letters = await readDeadLetters(backend.sql, 'kafka');
    expect(letters).toEqual([
      expect.objectContaining({
        position: refused.globalPosition,
        eventId: refused.eventId,
        complaintId: 'b',
        revision: 2,
        attempts: 3,
        error: expect.stringContaining('MESSAGE_TOO_LARGE'),
      }),
    ]);
    expect(status.deadLetters).toBe(1);
    const registry = new Registry();
    registerRelayMetrics(registry, async () => status);
    expect(await registry.metrics()).toContain('relay_dead_letters_total{relay="kafka"} 1\n');
  });
});
