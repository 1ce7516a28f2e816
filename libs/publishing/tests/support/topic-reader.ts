import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { eventually } from './eventually';

export interface ReadMessage {
  partition: number;
  offset: bigint;
  key: string;
  /** The raw bytes, as any consumer (or a warehouse copying the topic) would hold them. */
  value: Buffer;
  headers: Record<string, string>;
}

/**
 * Everything on a topic: wait until it holds at least `atLeast` messages, take its end offsets,
 * and read every partition up to them with a fresh consumer group (so duplicates are seen too).
 * Arrival order is offset order within each partition.
 */
export async function readTopic(
  brokers: string[],
  topic: string,
  atLeast: number,
  timeoutMs = 30_000,
): Promise<ReadMessage[]> {
  const kafka = new Kafka({ clientId: 'topic-reader', brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  let ends: Map<number, bigint>;
  try {
    ends = await eventually(
      `${atLeast} messages on ${topic}`,
      async () => {
        const offsets = await admin.fetchTopicOffsets(topic);
        const total = offsets.reduce((sum, p) => sum + BigInt(p.high) - BigInt(p.low), 0n);
        return total >= BigInt(atLeast) ? new Map(offsets.map((p) => [p.partition, BigInt(p.high)])) : undefined;
      },
      timeoutMs,
    );
  } finally {
    await admin.disconnect();
  }

  const consumer = kafka.consumer({
    groupId: `reader-${randomUUID()}`,
    sessionTimeout: 10_000,
    rebalanceTimeout: 10_000,
  });
  const messages: ReadMessage[] = [];
  const next = new Map([...ends.keys()].map((partition) => [partition, 0n]));
  const complete = () => [...ends].every(([partition, end]) => (next.get(partition) ?? 0n) >= end);
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        const offset = BigInt(message.offset);
        if (offset >= (ends.get(partition) ?? 0n)) return;
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(message.headers ?? {})) {
          if (value !== undefined) headers[name] = Array.isArray(value) ? value.map(String).join(',') : String(value);
        }
        messages.push({
          partition,
          offset,
          key: message.key?.toString('utf8') ?? '',
          value: message.value ?? Buffer.alloc(0),
          headers,
        });
        next.set(partition, offset + 1n);
      },
    });
    await eventually(`the whole of ${topic}`, () => (complete() ? true : undefined), timeoutMs);
    return messages;
  } finally {
    await consumer.disconnect();
  }
}

export function uniqueTopic(label: string): string {
  return `complaints-${label}-${randomUUID().slice(0, 8)}`;
}
