import { Kafka, logLevel } from 'kafkajs';
import { afterEach, expect, it } from 'vitest';
import {
  createKafkaPublisher,
  EventRelay,
  type EventPublisher,
  type EventRelayOptions,
  type KafkaPublisherConfig,
  type OutboundEvent,
  type PublisherLogger,
} from '../src';
import { openEmbeddedBackend, type Backend } from '@complaints/projections/testing';
import { PERSONAL_MARKERS, recordInterleaved } from './support/complaint-events';
import { eventually } from './support/eventually';
import { describeOnKafka } from './support/kafka-broker';
import { readTopic, uniqueTopic, type ReadMessage } from './support/topic-reader';

const HEADER_NAMES = [
  'event-type',
  'event-id',
  'schema-version',
  'correlation-id',
  'occurred-at',
  'recorded-at',
  'complaint-id',
  'position',
  'revision',
  'content-type',
];

function parse(message: ReadMessage): OutboundEvent {
  return JSON.parse(message.value.toString('utf8')) as OutboundEvent;
}

/** Per complaint, the revisions in the order the topic holds them. */
function revisionsByKey(messages: readonly ReadMessage[]): Record<string, number[]> {
  const byKey: Record<string, number[]> = {};
  for (const message of messages) (byKey[message.key] ??= []).push(parse(message).revision);
  return byKey;
}

describeOnKafka('event relay on Kafka', (broker) => {
  let backend: Backend;
  const relays: EventRelay[] = [];
  const publishers: EventPublisher[] = [];
  const quiet: PublisherLogger = { info: () => undefined, warn: () => undefined };
  const publisherFor = (topic: string, extra: Partial<KafkaPublisherConfig> = {}) => {
    const publisher = createKafkaPublisher({ brokers: broker().brokers, topic, logger: quiet, ...extra });
    publishers.push(publisher);
    return publisher;
  };
  const relayFor = (publisher: EventPublisher, options: Partial<EventRelayOptions> = {}) => {
    const relay = new EventRelay({
      sql: backend.sql,
      source: backend.source,
      publisher,
      pollIntervalMs: 50,
      retryBackoff: { initialMs: 20, maxMs: 200 },
      ...options,
    });
    relays.push(relay);
    return relay;
  };
  const caughtUp = (relay: EventRelay) =>
    eventually(
      'the relay to reach the head',
      async () => {
        const status = await relay.status();
        return status.checkpoint === status.head && status.head > 0n ? status : undefined;
      },
      60_000,
    );
  const logPositions = async () => (await backend.source.readAll(0n, 10_000)).map((e) => e.globalPosition.toString());

  afterEach(async () => {
    for (const relay of relays.splice(0)) await relay.stop();
    for (const publisher of publishers.splice(0)) await publisher.close().catch(() => undefined);
    await backend?.close();
  });

  it(
    'puts every complaint event on the topic, keyed by complaint, in order per key, with all headers and nothing personal in the bytes',
    { timeout: 120_000 },
    async () => {
      backend = await openEmbeddedBackend();
      await recordInterleaved(backend.complaints, ['c-1', 'c-2', 'c-3'], 4);
      const topic = uniqueTopic('order');
      const relay = relayFor(publisherFor(topic), { batchSize: 5 });
      await relay.start();
      await caughtUp(relay);

      const messages = await readTopic(broker().brokers, topic, 12);
      expect(messages).toHaveLength(12);
      expect(revisionsByKey(messages)).toEqual({ 'c-1': [1, 2, 3, 4], 'c-2': [1, 2, 3, 4], 'c-3': [1, 2, 3, 4] });
      for (const key of ['c-1', 'c-2', 'c-3'])
        expect(new Set(messages.filter((m) => m.key === key).map((m) => m.partition)).size).toBe(1);
      expect(messages.map((m) => parse(m).position).sort((a, b) => Number(a) - Number(b))).toEqual(
        await logPositions(),
      );

      for (const message of messages) {
        const event = parse(message);
        expect(Object.keys(message.headers).sort()).toEqual([...HEADER_NAMES].sort());
        expect(message.headers).toEqual({
          'event-type': event.type,
          'event-id': event.eventId,
          'schema-version': String(event.schemaVersion),
          'correlation-id': event.correlationId,
          'occurred-at': event.occurredAt,
          'recorded-at': event.recordedAt,
          'complaint-id': message.key,
          position: event.position,
          revision: String(event.revision),
          'content-type': 'application/json',
        });
        for (const marker of PERSONAL_MARKERS) {
          expect(message.value.includes(Buffer.from(marker, 'utf8')), `${marker} in ${event.type}`).toBe(false);
          expect(JSON.stringify(message.headers)).not.toContain(marker);
        }
      }
      expect(
        parse(messages.find((m) => m.headers['event-type'] === 'ComplaintReceived')!).personalDataWithheld,
      ).toEqual(['complainant', 'description']);
    },
  );

  it(
    'resumes from its checkpoint after a restart: each event is on the topic exactly once',
    { timeout: 120_000 },
    async () => {
      backend = await openEmbeddedBackend();
      const topic = uniqueTopic('restart');
      await recordInterleaved(backend.complaints, ['c-1', 'c-2'], 2);
      const before = relayFor(publisherFor(topic));
      await before.start();
      await caughtUp(before);
      await before.stop();

      await recordInterleaved(backend.complaints, ['c-1', 'c-2'], 2);
      const after = relayFor(publisherFor(topic));
      await after.start();
      await caughtUp(after);

      const messages = await readTopic(broker().brokers, topic, 8);
      expect(messages.map((m) => parse(m).position).sort((a, b) => Number(a) - Number(b))).toEqual(
        await logPositions(),
      );
      expect(revisionsByKey(messages)).toEqual({ 'c-1': [1, 2, 3, 4], 'c-2': [1, 2, 3, 4] });
    },
  );

  it(
    'publishes from one relay at a time; the standby takes over when the holder stops',
    { timeout: 120_000 },
    async () => {
      backend = await openEmbeddedBackend();
      const topic = uniqueTopic('lease');
      await recordInterleaved(backend.complaints, ['c-1', 'c-2'], 2);
      const first = relayFor(publisherFor(topic), { instanceId: 'relay-a' });
      await first.start();
      await caughtUp(first);
      const second = relayFor(publisherFor(topic), { instanceId: 'relay-b' });
      await second.start();

      await recordInterleaved(backend.complaints, ['c-1', 'c-2'], 1);
      await caughtUp(first);
      expect(await second.status()).toMatchObject({ holdingLease: false, leaseHolder: 'relay-a' });

      await first.stop();
      await recordInterleaved(backend.complaints, ['c-1', 'c-2'], 1);
      await caughtUp(second);
      expect(await second.status()).toMatchObject({ holdingLease: true, leaseHolder: 'relay-b' });

      const messages = await readTopic(broker().brokers, topic, 8);
      expect(messages).toHaveLength(8);
      expect(revisionsByKey(messages)).toEqual({ 'c-1': [1, 2, 3, 4], 'c-2': [1, 2, 3, 4] });
    },
  );

  it(
    'leaves the checkpoint unmoved while the broker is down, retries, and delivers every event once it is back',
    { timeout: 120_000 },
    async (context) => {
      const { pause, resume } = broker();
      if (!pause || !resume) context.skip('only the kcat mock cluster can be frozen from the test');
      backend = await openEmbeddedBackend();
      const topic = uniqueTopic('outage');
      await recordInterleaved(backend.complaints, ['c-1', 'c-2'], 2);
      const errors: unknown[] = [];
      const relay = relayFor(publisherFor(topic, { requestTimeoutMs: 1000, retries: 1 }), {
        onError: (error) => errors.push(error),
      });
      await relay.start();
      const before = await caughtUp(relay);

      pause!();
      try {
        await recordInterleaved(backend.complaints, ['c-1', 'c-2'], 2);
        relay.wake();
        await eventually('a failed publish', () => (errors.length > 0 ? true : undefined), 60_000);
        expect((await relay.status()).checkpoint).toBe(before.checkpoint);
      } finally {
        resume!();
      }
      await caughtUp(relay);

      const messages = await readTopic(broker().brokers, topic, 8);
      // A request the frozen broker took in before it timed out is written too: duplicates, never a gap.
      const firstSeen = messages.filter(
        (m, i) => messages.findIndex((o) => o.headers['event-id'] === m.headers['event-id']) === i,
      );
      expect(revisionsByKey(firstSeen)).toEqual({ 'c-1': [1, 2, 3, 4], 'c-2': [1, 2, 3, 4] });
    },
  );

  it(
    'checks the topic before publishing: creates it when configured, or says clearly why it cannot',
    { timeout: 60_000 },
    async () => {
      const topic = uniqueTopic('created');
      const logged: string[] = [];
      const logger: PublisherLogger = { info: (m) => logged.push(m), warn: (m) => logged.push(`WARN ${m}`) };
      const publisher = createKafkaPublisher({
        brokers: broker().brokers,
        topic,
        createTopic: { partitions: 3, replicationFactor: 1 },
        logger,
        requestTimeoutMs: 5000,
        retries: 1,
      });
      publishers.push(publisher);
      if (!broker().servesCreateTopics) {
        // librdkafka's mock cluster does not implement CreateTopics.
        await expect(publisher.ready!()).rejects.toThrow(
          /could not create topic .* Create it beforehand, or unset createTopic/,
        );
        return;
      }
      await publisher.ready!();
      const admin = new Kafka({ clientId: 'check', brokers: broker().brokers, logLevel: logLevel.NOTHING }).admin();
      await admin.connect();
      try {
        const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
        expect(metadata.topics[0]?.partitions).toHaveLength(3);
      } finally {
        await admin.disconnect();
      }
      expect(logged).toContain(`created topic ${topic}`);
    },
  );
});
