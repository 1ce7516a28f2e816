import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testKeyEncryption } from '../support/src/test-key-encryption';
import { openEmbeddedStore, type EmbeddedDurability } from '@complaints/adapter-postgres';
import { testEvent } from '../support/src/event-factory';
import { median } from './stats';

export interface DurabilityComparison {
  appendsPerRound: number;
  /** Appends per second of each round, in the order run (fsync, off, fsync, off, ...). */
  rounds: Record<EmbeddedDurability, number[]>;
}

/**
 * Appends per second of the embedded store with durability fsync (the default) and off (PGlite's
 * own behaviour, the same code path as before the store synced its commits), interleaved
 * A B A B so that a machine getting busier or quieter weighs on both alike. Same work each round:
 * `appendsPerRound` single-event appends with the exact expected revision, one writer, on a store
 * created before the first round and opened before each (neither is timed).
 */
export async function compareEmbeddedDurability(
  appendsPerRound: number,
  rounds: number,
): Promise<DurabilityComparison> {
  const dirs = {
    fsync: mkdtempSync(join(tmpdir(), 'complaints-bench-fsync-')),
    off: mkdtempSync(join(tmpdir(), 'complaints-bench-off-')),
  };
  const result: DurabilityComparison = { appendsPerRound, rounds: { fsync: [], off: [] } };
  const previousWarnings = process.listeners('warning');
  process.removeAllListeners('warning'); // the durability-off warning, once per round, would drown the bench's own output
  try {
    // Created before the first round, so that no round pays for creating a database.
    for (const durability of ['fsync', 'off'] as const)
      await (await openEmbeddedStore({ dataDir: dirs[durability], durability, ...testKeyEncryption() })).close();
    for (let round = 0; round < rounds; round++) {
      for (const durability of ['fsync', 'off'] as const) {
        const store = await openEmbeddedStore({ dataDir: dirs[durability], durability, ...testKeyEncryption() });
        try {
          const started = process.hrtime.bigint();
          for (let i = 0; i < appendsPerRound; i++) {
            await store.eventStore.append(`durability-${round}-${Math.floor(i / 10)}`, [testEvent({ data: { i } })], {
              expectedRevision: i % 10,
            });
          }
          const perSecond = appendsPerRound / (Number(process.hrtime.bigint() - started) / 1e9);
          result.rounds[durability].push(perSecond);
          console.error(`  embedded durability ${durability}, round ${round + 1}: ${perSecond.toFixed(0)} appends/s`);
        } finally {
          await store.close();
        }
      }
    }
  } finally {
    previousWarnings.forEach((listener) => process.on('warning', listener));
    rmSync(dirs.fsync, { recursive: true, force: true });
    rmSync(dirs.off, { recursive: true, force: true });
  }
  return result;
}

export function printDurabilityComparison({ appendsPerRound, rounds }: DurabilityComparison): void {
  const line = (durability: EmbeddedDurability) =>
    `embedded durability ${durability.padEnd(5)} | ${appendsPerRound} appends x ${rounds[durability].length} rounds | ` +
    `median ${median(rounds[durability]).toFixed(0)}/s | min ${Math.min(...rounds[durability]).toFixed(0)}/s`;
  console.log(line('fsync'));
  console.log(line('off'));
  console.log(
    `fsync / off: median ${(median(rounds.fsync) / median(rounds.off)).toFixed(2)}x, min ${(Math.min(...rounds.fsync) / Math.min(...rounds.off)).toFixed(2)}x`,
  );
}
