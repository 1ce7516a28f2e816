import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEmbeddedStore } from '@complaints/adapter-postgres';
import { ComplaintEventStore, fileKeyEncryption } from '@complaints/event-store';
import { runTsFixture } from '@complaints/testing';
import { afterAll, expect, it } from 'vitest';
import type { OutboundEvent } from '../src';
import { recordInterleaved } from './support/complaint-events';
import { describeOnKafka } from './support/kafka-broker';
import { readTopic, uniqueTopic } from './support/topic-reader';

const fixture = join(__dirname, 'fixtures/relay-until-killed.ts');

interface Run {
  /** Batches the broker acknowledged, as [first, last] positions. */
  published: [string, string][];
  outcome: 'killed' | 'caught-up';
}

/**
 * Run the relay in a child process. With `hangAfterBatch`, SIGKILL it once it hangs after that
 * batch's acknowledgement — before its checkpoint is written. Otherwise wait for it to catch up.
 */
async function runRelay(
  dataDir: string,
  brokers: string[],
  topic: string,
  instance: string,
  hangAfterBatch?: number,
): Promise<Run> {
  const run: Run = { published: [], outcome: 'killed' };
  const exit = await runTsFixture(
    fixture,
    [dataDir, brokers.join(','), topic, instance],
    (line, child) => {
      const match = /^published (\d+) (\d+)$/.exec(line);
      if (match) run.published.push([match[1]!, match[2]!]);
      if (line === 'hanging') child.kill('SIGKILL');
      if (line === 'caught-up') run.outcome = 'caught-up';
    },
    { RELAY_HANG_AFTER_BATCH: String(hangAfterBatch ?? 0) },
  );
  if (exit.signal === 'SIGKILL' && hangAfterBatch !== undefined) return run;
  if (exit.code === 0 && run.outcome === 'caught-up') return run;
  throw new Error(`the relay child ended unexpectedly (code ${exit.code}, signal ${exit.signal}): ${exit.stderr}`);
}

describeOnKafka('relay killed between the broker acknowledgement and its checkpoint', (broker) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'complaints-relay-kill-'));
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(`${dataDir}.keys`, { recursive: true, force: true });
  });

  it(
    'loses nothing: subscribers see every event in order per complaint, the unacknowledged batch twice at worst, never a gap',
    { timeout: 240_000 },
    async () => {
      const topic = uniqueTopic('kill');
      const handle = await openEmbeddedStore({ dataDir, keyEncryptionFor: fileKeyEncryption(`${dataDir}.keys`) });
      const complaints = new ComplaintEventStore({ store: handle.eventStore, keys: handle.keyStore });
      await recordInterleaved(complaints, ['k-1', 'k-2', 'k-3'], 5);
      const log = await complaints.readAll(0n, 1000);
      await handle.close();

      // Killed inside the window twice (the second run starts from a crash), then run to the end.
      const first = await runRelay(dataDir, broker().brokers, topic, 'run-1', 2);
      const second = await runRelay(dataDir, broker().brokers, topic, 'run-2', 1);
      const last = await runRelay(dataDir, broker().brokers, topic, 'run-3');

      // The batch each killed run hung on was acknowledged but never checkpointed: the next run sends it again.
      expect(second.published[0]).toEqual(first.published[1]);
      expect(last.published[0]).toEqual(second.published[0]);

      const published = [...first.published, ...second.published, ...last.published];
      const messages = await readTopic(
        broker().brokers,
        topic,
        published.reduce((n, [a, b]) => n + Number(b) - Number(a) + 1, 0),
      );
      const events = messages.map((m) => JSON.parse(m.value.toString('utf8')) as OutboundEvent);

      // Every event of the log is there.
      expect(new Set(events.map((e) => e.eventId))).toEqual(new Set(log.map((e) => e.eventId)));
      // Per complaint, in topic order: never ahead of the next revision (no gap); a replay goes back, then forward again.
      for (const complaintId of ['k-1', 'k-2', 'k-3']) {
        const revisions = events.filter((e) => e.complaintId === complaintId).map((e) => e.revision);
        let highest = 0;
        for (const revision of revisions) {
          expect(revision, `${complaintId}: ${revisions.join(',')}`).toBeLessThanOrEqual(highest + 1);
          highest = Math.max(highest, revision);
        }
        expect(highest).toBe(5);
      }
      // The only duplicates are the replayed batches.
      const duplicates = events.length - new Set(events.map((e) => e.eventId)).size;
      const replayed = [first.published[1]!, second.published[0]!].reduce(
        (n, [a, b]) => n + Number(b) - Number(a) + 1,
        0,
      );
      expect(duplicates).toBe(replayed);
    },
  );
});
