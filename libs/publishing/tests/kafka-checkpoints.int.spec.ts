import { generateKeyPairSync } from 'node:crypto';
import { afterEach, expect, it } from 'vitest';
import { ProjectionEngine, TransparencyLog, transparencyLogProjection } from '@complaints/projections';
import { openEmbeddedBackend, type Backend } from '@complaints/projections/testing';
import { checkpointSignatureProblem, publishedKeyOf, type Checkpoint } from '@complaints/transparency';
import {
  checkpointRecord,
  checkpointTopicOf,
  createKafkaItemPublisher,
  type KafkaItemPublisher,
  type PublisherLogger,
} from '../src';
import { recordInterleaved } from './support/complaint-events';
import { describeOnKafka } from './support/kafka-broker';
import { readTopic, uniqueTopic } from './support/topic-reader';

/**
 * Witnesses on Kafka: the log's checkpoints go to a topic of their own, in order, each once per
 * publication round, and a subscriber can check every one with the published key.
 */
describeOnKafka('transparency checkpoints on Kafka', (broker) => {
  let backend: Backend;
  let publisher: KafkaItemPublisher<Checkpoint> | undefined;
  const quiet: PublisherLogger = { info: () => undefined, warn: () => undefined };

  afterEach(async () => {
    await publisher?.close().catch(() => undefined);
    await backend?.close();
  });

  it(
    'publishes every checkpoint issued, oldest first, on one partition, and not again once recorded as published',
    { timeout: 120_000 },
    async () => {
      backend = await openEmbeddedBackend();
      const signingKey = generateKeyPairSync('ed25519').privateKey;
      const engine = new ProjectionEngine({
        sql: backend.sql,
        source: backend.source,
        projections: [transparencyLogProjection()],
        pollIntervalMs: 60_000,
      });
      const log = new TransparencyLog({ sql: backend.sql, signingKey });
      const topic = checkpointTopicOf(uniqueTopic('complaints'));
      publisher = createKafkaItemPublisher<Checkpoint>(
        { brokers: broker().brokers, topic, logger: quiet },
        'checkpoint',
        checkpointRecord,
      );
      const issued: Checkpoint[] = [];
      for (const round of [1, 2, 3]) {
        await recordInterleaved(backend.complaints, [`c-${round}`], 2);
        await engine.catchUp();
        issued.push(await log.issueCheckpoint());
      }
      expect(await log.publishCheckpoints(topic, (checkpoints) => publisher!.publish(checkpoints))).toBe(3);
      expect(await log.publishCheckpoints(topic, (checkpoints) => publisher!.publish(checkpoints))).toBe(0);

      const messages = await readTopic(broker().brokers, topic, 3);
      expect(messages).toHaveLength(3);
      expect(new Set(messages.map((m) => m.partition)).size).toBe(1);
      expect(messages.map((m) => m.headers['message-kind'])).toEqual([
        'transparency-checkpoint',
        'transparency-checkpoint',
        'transparency-checkpoint',
      ]);
      const received = messages.map((m) => JSON.parse(m.value.toString('utf8')) as Checkpoint);
      expect(received).toEqual(issued);
      const key = publishedKeyOf(signingKey, null, true);
      for (const checkpoint of received) expect(checkpointSignatureProblem(checkpoint, key.publicKey)).toBeUndefined();
      await engine.stop();
    },
  );
});
