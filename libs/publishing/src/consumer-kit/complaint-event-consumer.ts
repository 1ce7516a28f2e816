import { createRequire } from 'node:module';
import type * as KafkaJs from 'kafkajs';
import type { Consumer, KafkaMessage } from 'kafkajs';

// kafkajs is loaded when a consumer starts, not when the publishing library is (docs/operations.md, "Start-up").
const load = createRequire(__filename);
const kafkajs = (): typeof KafkaJs => load('kafkajs') as typeof KafkaJs;
import type { OutboundEvent } from '../outbound/outbound-event';
import type { DedupStore } from './dedup-store';

/** A complaint's revisions jumped: the events between were not received (see the README: fetch them from the HTTP feed). */
export interface RevisionGap {
  complaintId: string;
  /** The revision that should have come next. */
  expectedRevision: number;
  receivedRevision: number;
  /** The event that revealed the gap (it is handled after onGap returns). */
  eventId: string;
  position: string;
}

export interface HandlerContext<Tx> {
  /** The dedup store's transaction (SqlDedupStore: write through it to commit with the mark). */
  tx: Tx;
  partition: number;
  offset: string;
  /** The highest revision of this complaint handled before (0 for none). */
  previousRevision: number;
}

export interface ComplaintEventConsumerOptions<Tx> {
  brokers: string[];
  topic: string;
  /** The Kafka consumer group: instances sharing it split the partitions. */
  groupId: string;
  clientId?: string;
  dedup: DedupStore<Tx>;
  /** Handle one event. Throwing makes Kafka deliver it again (nothing is marked or committed). */
  handle(event: OutboundEvent, context: HandlerContext<Tx>): Promise<void>;
  /** Awaited before the event that reveals a gap is handled. Default: a line on stderr. */
  onGap?(gap: RevisionGap): void | Promise<void>;
  /** A message that is not an outbound event (not JSON, no ids): reported, then committed past. Default: a line on stderr. */
  onInvalidMessage?(detail: { partition: number; offset: string; error: string }): void;
  /** Read a new group's partitions from the start (default) or only new messages. */
  fromBeginning?: boolean;
}

export interface ConsumerStats {
  processed: number;
  duplicates: number;
  gaps: number;
  invalid: number;
}

/**
 * A small kafkajs consumer for the complaint topic. Each partition is handled one message at a
 * time, in offset order (a complaint's events share a partition, so they come in revision
 * order); each event goes through the dedup store (a redelivered or replayed event is skipped);
 * a jump in a complaint's revisions is reported; the offset is committed only after the event
 * was handled (or found a duplicate), so a crash means redelivery, never a lost event.
 */
export class ComplaintEventConsumer<Tx> {
  private readonly consumer: Consumer;
  private readonly counters: ConsumerStats = { processed: 0, duplicates: 0, gaps: 0, invalid: 0 };
  private running = false;

  constructor(private readonly options: ComplaintEventConsumerOptions<Tx>) {
    const { Kafka, logLevel } = kafkajs();
    const kafka = new Kafka({
      clientId: options.clientId ?? options.groupId,
      brokers: options.brokers,
      logLevel: logLevel.NOTHING,
    });
    this.consumer = kafka.consumer({ groupId: options.groupId });
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [this.options.topic], fromBeginning: this.options.fromBeginning ?? true });
    await this.consumer.run({
      autoCommit: false,
      // One partition at a time per instance is kafkajs's default; said here because order depends on it.
      partitionsConsumedConcurrently: 1,
      eachMessage: async ({ topic, partition, message }) => {
        await this.handleMessage(partition, message);
        await this.consumer.commitOffsets([{ topic, partition, offset: (BigInt(message.offset) + 1n).toString() }]);
      },
    });
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    await this.consumer.disconnect();
  }

  stats(): ConsumerStats {
    return { ...this.counters };
  }

  private async handleMessage(partition: number, message: KafkaMessage): Promise<void> {
    const event = parseOutbound(message.value);
    if (typeof event === 'string') {
      this.counters.invalid++;
      const detail = { partition, offset: message.offset, error: event };
      if (this.options.onInvalidMessage) this.options.onInvalidMessage(detail);
      else
        process.stderr.write(
          `[consumer ${this.options.groupId}] skipped an invalid message ${JSON.stringify(detail)}\n`,
        );
      return;
    }
    const outcome = await this.options.dedup.processOnce(event, async (tx, previousRevision) => {
      if (event.revision > previousRevision + 1) {
        const gap: RevisionGap = {
          complaintId: event.complaintId,
          expectedRevision: previousRevision + 1,
          receivedRevision: event.revision,
          eventId: event.eventId,
          position: event.position,
        };
        this.counters.gaps++;
        if (this.options.onGap) await this.options.onGap(gap);
        else process.stderr.write(`[consumer ${this.options.groupId}] revision gap ${JSON.stringify(gap)}\n`);
      }
      await this.options.handle(event, { tx, partition, offset: message.offset, previousRevision });
    });
    if (outcome === 'duplicate') this.counters.duplicates++;
    else this.counters.processed++;
  }
}

/** The outbound event in a message value, or why it is not one. */
export function parseOutbound(value: Buffer | null): OutboundEvent | string {
  if (!value) return 'empty message value';
  let parsed: unknown;
  try {
    parsed = JSON.parse(value.toString('utf8'));
  } catch (error) {
    return `not JSON: ${error instanceof Error ? error.message : String(error)}`;
  }
  const candidate = parsed as Partial<OutboundEvent> | null;
  if (!candidate || typeof candidate !== 'object') return 'not an object';
  if (typeof candidate.eventId !== 'string' || typeof candidate.complaintId !== 'string')
    return 'no eventId or complaintId';
  if (!Number.isInteger(candidate.revision) || (candidate.revision ?? 0) < 1) return 'no revision';
  return candidate as OutboundEvent;
}
