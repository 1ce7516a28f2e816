import type { SqlQueryable } from '@complaints/adapter-postgres';
import { afterEach, expect, it } from 'vitest';
import {
  ComplaintEventConsumer,
  createKafkaPublisher,
  MemoryDedupStore,
  SqlDedupStore,
  type ConsumerStats,
  type EventPublisher,
  type RevisionGap,
} from '../src';
import { openEmbeddedBackend, type Backend } from '@complaints/projections/testing';
import { eventually } from './support/eventually';
import { describeOnKafka } from './support/kafka-broker';
import { outbound } from './support/outbound-events';
import { uniqueTopic } from './support/topic-reader';

describeOnKafka('consumer kit', (broker) => {
  const consumers: { stop(): Promise<void> }[] = [];
  const publishers: EventPublisher[] = [];
  let backend: Backend | undefined;
  const publishTo = async (topic: string, events: Parameters<EventPublisher['publish']>[0]) => {
    const publisher = createKafkaPublisher({
      brokers: broker().brokers,
      topic,
      logger: { info: () => undefined, warn: () => undefined },
    });
    publishers.push(publisher);
    await publisher.publish(events);
  };
  const settled = (consumer: { stats(): ConsumerStats }, messages: number) =>
    eventually(
      'the consumer to go through every message',
      () => {
        const s = consumer.stats();
        return s.processed + s.duplicates + s.invalid >= messages ? s : undefined;
      },
      60_000,
    );

  afterEach(async () => {
    for (const consumer of consumers.splice(0)) await consumer.stop();
    for (const publisher of publishers.splice(0)) await publisher.close();
    await backend?.close();
    backend = undefined;
  });

  it(
    'handles each complaint in revision order, skips a redelivered event, and reports a revision gap',
    { timeout: 120_000 },
    async () => {
      const topic = uniqueTopic('kit');
      // c-1's r2 arrives twice (a relay replay); c-2's r2 never arrives (a dead letter).
      await publishTo(topic, [
        outbound('c-1', 1, 1),
        outbound('c-2', 1, 2),
        outbound('c-1', 2, 3),
        outbound('c-1', 2, 3),
        outbound('c-1', 3, 5),
        outbound('c-2', 3, 6),
      ]);
      const handled: string[] = [];
      const gaps: RevisionGap[] = [];
      const consumer = new ComplaintEventConsumer({
        brokers: broker().brokers,
        topic,
        groupId: `kit-${topic}`,
        dedup: new MemoryDedupStore(),
        handle: async (event) => void handled.push(`${event.complaintId}/${event.revision}`),
        onGap: (gap) => void gaps.push(gap),
      });
      consumers.push(consumer);
      await consumer.start();

      expect(await settled(consumer, 6)).toEqual({ processed: 5, duplicates: 1, gaps: 1, invalid: 0 });
      expect(handled.filter((h) => h.startsWith('c-1'))).toEqual(['c-1/1', 'c-1/2', 'c-1/3']);
      expect(handled.filter((h) => h.startsWith('c-2'))).toEqual(['c-2/1', 'c-2/3']);
      expect(gaps).toEqual([
        { complaintId: 'c-2', expectedRevision: 2, receivedRevision: 3, eventId: 'c-2-r3', position: '6' },
      ]);
    },
  );

  it(
    'with the SQL dedup store: a failed handler is retried with nothing half-written, and a full redelivery is skipped',
    { timeout: 120_000 },
    async () => {
      backend = await openEmbeddedBackend();
      const sql = backend.sql;
      await sql.query(
        'CREATE TABLE crm_cases (event_id text PRIMARY KEY, complaint_id text NOT NULL, revision integer NOT NULL)',
      );
      const topic = uniqueTopic('kit-sql');
      await publishTo(topic, [
        outbound('c-1', 1, 1),
        outbound('c-1', 2, 2),
        outbound('c-2', 1, 3),
        outbound('c-1', 3, 4),
      ]);
      let failOnce = true;
      let calls = 0;
      const handle = async (
        event: { eventId: string; complaintId: string; revision: number },
        { tx }: { tx: SqlQueryable },
      ) => {
        calls++;
        await tx.query('INSERT INTO crm_cases (event_id, complaint_id, revision) VALUES ($1, $2, $3)', [
          event.eventId,
          event.complaintId,
          event.revision,
        ]);
        if (event.eventId === 'c-1-r2' && failOnce) {
          failOnce = false;
          throw new Error('CRM unavailable');
        }
      };
      const dedup = new SqlDedupStore(sql, 'crm');
      const first = new ComplaintEventConsumer({
        brokers: broker().brokers,
        topic,
        groupId: `crm-${topic}`,
        dedup,
        handle,
      });
      consumers.push(first);
      await first.start();
      expect(await settled(first, 4)).toMatchObject({ processed: 4, duplicates: 0 });
      const rows = async () => sql.query<{ event_id: string }>('SELECT event_id FROM crm_cases ORDER BY event_id');
      expect((await rows()).map((r) => r.event_id)).toEqual(['c-1-r1', 'c-1-r2', 'c-1-r3', 'c-2-r1']);
      expect(calls).toBe(5);

      // Everything delivered again (a new group reads the topic from the start): all skipped.
      const again = new ComplaintEventConsumer({
        brokers: broker().brokers,
        topic,
        groupId: `crm-replay-${topic}`,
        dedup,
        handle,
      });
      consumers.push(again);
      await again.start();
      expect(await settled(again, 4)).toMatchObject({ processed: 0, duplicates: 4 });
      expect(calls).toBe(5);
      expect(await rows()).toHaveLength(4);
    },
  );
});
