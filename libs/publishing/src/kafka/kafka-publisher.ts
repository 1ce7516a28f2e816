import { createRequire } from 'node:module';
import type * as KafkaJs from 'kafkajs';
import type { Admin, Kafka, Producer } from 'kafkajs';

// kafkajs is loaded when a publisher is made (KAFKA_BROKERS set), not when this library is:
// a service without Kafka never loads it (docs/operations.md, "Start-up").
const load = createRequire(__filename);
const kafkajs = (): typeof KafkaJs => load('kafkajs') as typeof KafkaJs;
import { outboundHeaders, type OutboundEvent } from '../outbound/outbound-event';
import { MessageRejectedError, type EventPublisher } from '../relay/event-publisher';
import { messageRejectionOf } from './kafka-errors';

export interface PublisherLogger {
  info(message: string, details?: Record<string, unknown>): void;
  warn(message: string, details?: Record<string, unknown>): void;
}

export interface KafkaPublisherConfig {
  brokers: string[];
  topic: string;
  clientId?: string;
  /**
   * Create the topic at start (through the admin API) with these settings when it does not
   * exist. Unset: the topic must exist or the broker must auto-create it on first use
   * (auto.create.topics.enable, with the broker's default partitions and replication).
   */
  createTopic?: { partitions: number; replicationFactor: number } | undefined;
  /** Broker request timeout (the wait for the acknowledgement of all in-sync replicas). Default 30 000 ms. */
  requestTimeoutMs?: number;
  /** Attempts kafkajs makes inside one publish before it rejects (the relay then retries the batch). Default 5. */
  retries?: number;
  /** Where the publisher reports the topic check. Default: one line on stderr each. */
  logger?: PublisherLogger;
}

const stderrLogger: PublisherLogger = {
  info: (message, details) =>
    process.stderr.write(`[kafka-publisher] ${message}${details ? ` ${JSON.stringify(details)}` : ''}\n`),
  warn: (message, details) =>
    process.stderr.write(`[kafka-publisher] WARNING ${message}${details ? ` ${JSON.stringify(details)}` : ''}\n`),
};

/**
 * The relay's publisher on Kafka (kafkajs). One record per event: key = complaint id (so a
 * complaint's events share a partition and keep their order), value = the outbound event as
 * JSON (no personal data), headers = outboundHeaders (type, ids, schema version, times).
 *
 * Ordering and no-loss come from the design, not from kafkajs's experimental idempotent mode:
 * one request in flight per broker (a retried request cannot overtake the next one), acks from
 * all in-sync replicas on every send, and the relay's checkpoint moving only after `publish`
 * resolved. A refusal of the message itself (too large, invalid) becomes MessageRejectedError;
 * everything else is rethrown for the relay to retry.
 */
export function createKafkaPublisher(config: KafkaPublisherConfig): EventPublisher {
  return new KafkaPublisher<OutboundEvent>(config, 'event', (event) => ({
    key: event.complaintId,
    value: JSON.stringify(event),
    headers: { ...outboundHeaders(event) },
  }));
}

/** One Kafka record: what a KafkaPublisher makes of each item it is given. */
export interface KafkaRecord {
  key: string;
  value: string;
  headers: Record<string, string>;
}

/** A publisher of any kind of item to one topic, with the same guarantees (acks from all in-sync replicas, one request in flight, rejections told apart). */
export interface KafkaItemPublisher<T> {
  publish(items: readonly T[]): Promise<void>;
  ready(): Promise<void>;
  close(): Promise<void>;
}

/** The same publisher for other items than events (the transparency log's checkpoints, on a topic of their own). */
export function createKafkaItemPublisher<T>(
  config: KafkaPublisherConfig,
  noun: string,
  toRecord: (item: T) => KafkaRecord,
): KafkaItemPublisher<T> {
  return new KafkaPublisher<T>(config, noun, toRecord);
}

class KafkaPublisher<T> implements KafkaItemPublisher<T> {
  private readonly kafka: Kafka;
  private readonly producer: Producer;
  private readonly logger: PublisherLogger;
  private connecting: Promise<void> | undefined;
  private checked: Promise<void> | undefined;
  private closed = false;

  constructor(
    private readonly config: KafkaPublisherConfig,
    private readonly noun: string,
    private readonly toRecord: (item: T) => KafkaRecord,
  ) {
    if (config.brokers.length === 0) throw new RangeError('createKafkaPublisher needs at least one broker');
    if (!config.topic) throw new RangeError('createKafkaPublisher needs a topic');
    this.logger = config.logger ?? stderrLogger;
    const { Kafka, logLevel: KafkaLogLevel, Partitioners } = kafkajs();
    this.kafka = new Kafka({
      clientId: config.clientId ?? 'complaints-relay',
      brokers: config.brokers,
      requestTimeout: config.requestTimeoutMs ?? 30_000,
      // kafkajs's own log repeats what the relay reports through its status and onError.
      logLevel: KafkaLogLevel.NOTHING,
    });
    this.producer = this.kafka.producer({
      maxInFlightRequests: 1,
      idempotent: false,
      allowAutoTopicCreation: config.createTopic === undefined,
      createPartitioner: Partitioners.DefaultPartitioner,
      retry: { retries: config.retries ?? 5 },
    });
  }

  /** Connect, then make sure the topic exists (create it when configured) and say what it is. */
  ready(): Promise<void> {
    this.checked ??= this.checkTopic().catch((error: unknown) => {
      this.checked = undefined;
      throw error;
    });
    return this.checked;
  }

  async publish(items: readonly T[]): Promise<void> {
    if (this.closed) throw new Error('The Kafka publisher is closed');
    if (items.length === 0) return;
    await this.ready();
    await this.connect();
    try {
      await this.producer.send({
        topic: this.config.topic,
        acks: -1,
        messages: items.map((item) => this.toRecord(item)),
      });
    } catch (error) {
      this.connecting = undefined;
      const rejection = messageRejectionOf(error);
      if (rejection !== undefined) {
        throw new MessageRejectedError(
          `Kafka refused a message for topic ${this.config.topic}: ${describe(error)}`,
          rejection,
          { cause: error },
        );
      }
      throw new Error(
        `Publishing ${items.length} ${this.noun}(s) to Kafka topic ${this.config.topic} failed: ${describe(error)}`,
        { cause: error },
      );
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.producer.disconnect();
  }

  private connect(): Promise<void> {
    this.connecting ??= this.producer.connect().catch((error: unknown) => {
      this.connecting = undefined;
      throw new Error(`Could not connect to Kafka at ${this.config.brokers.join(',')}: ${describe(error)}`, {
        cause: error,
      });
    });
    return this.connecting;
  }

  private async checkTopic(): Promise<void> {
    const { topic, createTopic } = this.config;
    const admin = this.kafka.admin();
    try {
      await admin.connect();
      if (createTopic) await this.createTopic(admin, createTopic);
      const partitions = await this.partitionsOf(admin);
      if (partitions !== undefined) {
        this.logger.info(`topic ${topic} is ready`, {
          topic,
          partitions: partitions.count,
          replicas: partitions.replicas,
        });
      } else {
        // Only reached without createTopic (a created topic has metadata).
        this.logger.warn(
          `topic ${topic} does not exist: it is left to the broker's auto-create on the first publish (auto.create.topics.enable, broker default partitions and replication); set createTopic to control them`,
          { topic },
        );
      }
    } catch (error) {
      throw new Error(`Kafka topic check for ${topic} at ${this.config.brokers.join(',')} failed: ${describe(error)}`, {
        cause: error,
      });
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
    await this.connect();
  }

  private async createTopic(admin: Admin, settings: { partitions: number; replicationFactor: number }): Promise<void> {
    const { topic } = this.config;
    try {
      const created = await admin.createTopics({
        waitForLeaders: true,
        topics: [{ topic, numPartitions: settings.partitions, replicationFactor: settings.replicationFactor }],
      });
      this.logger.info(
        created ? `created topic ${topic}` : `topic ${topic} already exists (createTopic left it as it is)`,
        { topic, ...settings },
      );
    } catch (error) {
      throw new Error(
        `could not create topic ${topic} (${settings.partitions} partitions, replication ${settings.replicationFactor}): ${describe(error)}. Create it beforehand, or unset createTopic to rely on the broker's auto-create`,
        { cause: error },
      );
    }
  }

  /** The topic's partition count and replication, or undefined when the broker does not know the topic. */
  private async partitionsOf(admin: Admin): Promise<{ count: number; replicas: number } | undefined> {
    try {
      const metadata = await admin.fetchTopicMetadata({ topics: [this.config.topic] });
      const partitions = metadata.topics.find((t) => t.name === this.config.topic)?.partitions ?? [];
      if (partitions.length === 0) return undefined;
      return { count: partitions.length, replicas: Math.min(...partitions.map((p) => p.replicas.length)) };
    } catch (error) {
      if (hasType(error, 'UNKNOWN_TOPIC_OR_PARTITION')) return undefined;
      throw error;
    }
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error && cause !== error && !error.message.includes(cause.message)
    ? `${error.message} (${cause.message})`
    : error.message;
}

function hasType(error: unknown, type: string): boolean {
  for (let current: unknown = error, depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
    if ((current as { type?: unknown }).type === type) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
