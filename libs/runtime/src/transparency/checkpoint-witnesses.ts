import type { Checkpoint } from '@complaints/transparency';
import {
  checkpointRecord,
  checkpointTopicOf,
  createKafkaItemPublisher,
  type PublisherLogger,
} from '@complaints/publishing';
import type { KafkaSettings } from '../config/shared-settings';

/** Where checkpoints go: a topic name (its publication state is kept per topic) and a publisher. */
export interface CheckpointWitnesses {
  topic: string;
  publish(checkpoints: readonly Checkpoint[]): Promise<void>;
  close(): Promise<void>;
}

/** The checkpoint topic beside KAFKA_TOPIC (`<KAFKA_TOPIC>.checkpoints`; @complaints/publishing, checkpoint-records). */
export function kafkaCheckpointWitnesses(kafka: KafkaSettings, logger: PublisherLogger): CheckpointWitnesses {
  const topic = checkpointTopicOf(kafka.topic);
  const publisher = createKafkaItemPublisher<Checkpoint>(
    {
      brokers: kafka.brokers,
      topic,
      clientId: 'complaints-checkpoints',
      // One partition keeps them in order; replicated like the events topic.
      ...(kafka.createTopic
        ? { createTopic: { partitions: 1, replicationFactor: kafka.createTopic.replicationFactor } }
        : {}),
      logger,
    },
    'checkpoint',
    checkpointRecord,
  );
  return { topic, publish: (checkpoints) => publisher.publish(checkpoints), close: () => publisher.close() };
}
