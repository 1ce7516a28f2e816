import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { verifyChain, type RecordedEvent } from '@complaints/event-store';
import { runTsFixture, testKeyEncryption } from '@complaints/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { openEmbeddedStore } from '../src';
import { makeTempDir } from './support/temp-dir';

const fixture = join(__dirname, 'fixtures/append-until-killed.ts');

interface Acknowledged {
  correlationId: string;
  streamId: string;
  size: number;
}

interface CrashEventData {
  round: number;
  command: number;
  index: number;
  of: number;
}

/**
 * Start the appending child and SIGKILL it once it has acknowledged `minimum` commands. It
 * appends in a tight loop, so the kill lands inside an append or between two.
 */
async function runUntilKilled(dataDir: string, round: number, minimum: number): Promise<Acknowledged[]> {
  const acknowledged: Acknowledged[] = [];
  const exit = await runTsFixture(fixture, [dataDir, String(round)], (line, child) => {
    const match = /^committed (\d+) (\S+) (\d+)$/.exec(line);
    if (match)
      acknowledged.push({
        correlationId: `r${round}-c${match[1]}`,
        streamId: String(match[2]),
        size: Number(match[3]),
      });
    if (acknowledged.length >= minimum && !child.killed) child.kill('SIGKILL');
  });
  if (exit.signal !== 'SIGKILL')
    throw new Error(`the appending child exited by itself (code ${exit.code}): ${exit.stderr}`);
  return acknowledged;
}

describe('embedded store killed with SIGKILL while appending', () => {
  const dir = makeTempDir('crash');
  afterAll(() => {
    dir.remove();
    rmSync(`${dir.path}.keys`, { recursive: true, force: true }); // the KEKs the child and this process share
  });

  it(
    'reopens with every chain intact, every command whole, and every acknowledged command kept',
    { timeout: 180_000 },
    async () => {
      const acknowledged: Acknowledged[] = [];
      // The second round crashes a store that has itself just recovered from a crash.
      for (const [round, minimum] of [
        [1, 40],
        [2, 60],
      ] as const) {
        acknowledged.push(...(await runUntilKilled(dir.path, round, minimum)));

        // The dead child no longer renews its lock: opening takes it over once it is stale (2 s here).
        const handle = await openEmbeddedStore({
          dataDir: dir.path,
          lock: { staleMs: 2_000 },
          ...testKeyEncryption(`${dir.path}.keys`),
        });
        try {
          const commands = new Map<string, RecordedEvent[]>();
          for (let s = 0; s < 4; s++) {
            const streamId = `crash-${s}`;
            const events = await handle.eventStore.readStream(streamId);
            expect(verifyChain(streamId, events)).toMatchObject({ valid: true, eventsChecked: events.length });
            for (const event of events) {
              const id = event.metadata.correlationId;
              commands.set(id, [...(commands.get(id) ?? []), event]);
            }
          }

          // All or nothing: every stored command has all its events, consecutive, in order.
          for (const [id, events] of commands) {
            const data = events.map((e) => e.data as CrashEventData);
            expect(
              data.map((d) => d.index),
              id,
            ).toEqual(Array.from({ length: data[0]?.of ?? -1 }, (_, i) => i));
            expect(
              events.map((e) => e.revision - (events[0]?.revision ?? 0)),
              id,
            ).toEqual(events.map((_, i) => i));
          }
          // Nothing acknowledged was lost: a process crash keeps every commit.
          for (const ack of acknowledged) {
            expect(
              commands.get(ack.correlationId)?.map((e) => e.streamId),
              ack.correlationId,
            ).toEqual(Array(ack.size).fill(ack.streamId));
          }
          // The child is sequential: at most the one command in flight at the kill is stored unacknowledged.
          const storedThisRound = [...commands.keys()].filter((id) => id.startsWith(`r${round}-`));
          const acknowledgedThisRound = acknowledged.filter((a) => a.correlationId.startsWith(`r${round}-`));
          expect(storedThisRound.length - acknowledgedThisRound.length).toBeGreaterThanOrEqual(0);
          expect(storedThisRound.length - acknowledgedThisRound.length).toBeLessThanOrEqual(1);

          const log = await handle.eventStore.readAll({ after: 0n, limit: 1_000_000 });
          expect(log.map((e) => e.globalPosition)).toEqual(log.map((_, i) => BigInt(i + 1)));
        } finally {
          await handle.close();
        }
      }
    },
  );
});
