import { testKeyEncryption } from '@complaints/testing';
import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { verifyChain, type NewEvent } from '@complaints/event-store';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { openEmbeddedStore, PGLITE_SUBDIRECTORY, type EmbeddedDurability, type SqlStoreHandle } from '../src';
import { PowerCutDisk } from './support/power-cut-disk';
import { makeTempDir } from './support/temp-dir';

const STREAMS = 4;

function command(correlationId: string, size: number): NewEvent[] {
  return Array.from({ length: size }, (_, index) => ({
    eventId: randomUUID(),
    type: 'DurabilityTestEvent',
    schemaVersion: 1,
    data: { index, of: size, padding: 'x'.repeat(500) },
    metadata: {
      actor: { id: 'durability-test', name: 'Durability Test', role: 'system' as const },
      correlationId,
      occurredAt: new Date().toISOString(),
    },
  }));
}

interface Acknowledged {
  correlationId: string;
  streamId: string;
  size: number;
}

/** Append `count` commands (1–3 events, round-robin over the streams), recording each one as append() resolves. */
async function appendCommands(
  handle: SqlStoreHandle,
  label: string,
  count: number,
  acknowledged: Acknowledged[] = [],
): Promise<Acknowledged[]> {
  const revisions = await Promise.all(
    Array.from({ length: STREAMS }, async (_, s) => (await handle.eventStore.readStream(`durable-${s}`)).length),
  );
  for (let i = 0; i < count; i++) {
    const stream = i % STREAMS;
    const size = 1 + (i % 3);
    const streamId = `durable-${stream}`;
    const correlationId = `${label}-${i}`;
    const result = await handle.eventStore.append(streamId, command(correlationId, size), {
      expectedRevision: revisions[stream] ?? 0,
    });
    revisions[stream] = result.nextRevision;
    acknowledged.push({ correlationId, streamId, size });
  }
  return acknowledged;
}

/**
 * The files synced (fsync and fdatasync through Node's fs, as the embedded store issues them)
 * while `work` runs, by path (Linux: /proc/self/fd names each descriptor's file).
 */
async function syncedFiles(work: () => Promise<void>): Promise<string[]> {
  const synced: string[] = [];
  const record = (fd: number) => synced.push(fs.readlinkSync(`/proc/self/fd/${fd}`));
  const originalFsync = fs.fsyncSync;
  const originalFdatasync = fs.fdatasyncSync;
  const fsync = vi.spyOn(fs, 'fsyncSync').mockImplementation((fd) => {
    record(fd);
    originalFsync(fd);
  });
  const fdatasync = vi.spyOn(fs, 'fdatasyncSync').mockImplementation((fd) => {
    record(fd);
    originalFdatasync(fd);
  });
  try {
    await work();
    return synced;
  } finally {
    fsync.mockRestore();
    fdatasync.mockRestore();
  }
}

/** A small seeded generator: the cut instants differ from run to run only if the seed does (printed on failure). */
function seededRandom(seed: number): (below: number) => number {
  let state = seed >>> 0;
  return (below) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state % below;
  };
}

describe('embedded store durability', () => {
  const dirs: Array<{ remove(): void }> = [];
  const freshDir = (label: string) => {
    const dir = makeTempDir(label);
    dirs.push(dir);
    return dir.path;
  };
  afterAll(() => dirs.splice(0).forEach((dir) => dir.remove()));

  describe.each<EmbeddedDurability>(['fsync', 'off'])('durability %s', (durability) => {
    let handle: SqlStoreHandle | undefined;
    afterEach(async () => {
      await handle?.close();
      handle = undefined;
    });

    it(
      durability === 'fsync'
        ? 'syncs the WAL segment to disk at least once per commit'
        : 'syncs nothing (the documented trade), and says so',
      { timeout: 120_000 },
      async () => {
        const warnings: Error[] = [];
        const onWarning = (warning: Error) => warnings.push(warning);
        const dataDir = freshDir(`sync-${durability}`);
        process.on('warning', onWarning);
        try {
          handle = await openEmbeddedStore({ dataDir, durability, ...testKeyEncryption() });
        } finally {
          process.off('warning', onWarning);
        }
        const opened = handle;
        const commits = 50;

        const synced = await syncedFiles(async () => {
          await appendCommands(opened, 'count', commits);
        });
        const walSyncs = synced.filter((path) => path.startsWith(join(dataDir, PGLITE_SUBDIRECTORY, 'pg_wal') + '/'));

        const settings = await opened.sql.query<{ fsync: string; wal_sync_method: string }>(
          `SELECT current_setting('fsync') AS fsync, current_setting('wal_sync_method') AS wal_sync_method`,
        );
        const durabilityWarnings = warnings.filter(
          (w) => (w as NodeJS.ErrnoException).code === 'COMPLAINTS_EMBEDDED_DURABILITY_OFF',
        );
        if (durability === 'fsync') {
          expect(walSyncs.length).toBeGreaterThanOrEqual(commits); // each commit's WAL record, on its WAL segment
          expect(settings).toEqual([{ fsync: 'on', wal_sync_method: 'fsync' }]);
          expect(durabilityWarnings).toEqual([]);
        } else {
          expect(synced).toEqual([]);
          expect(settings).toEqual([{ fsync: 'off', wal_sync_method: expect.any(String) as string }]);
          expect(durabilityWarnings.map((w) => w.message)).toEqual([expect.stringContaining('power cut') as string]);
        }
      },
    );
  });

  it('relies on PGlite starting PostgreSQL with fsync off (-F) unless told otherwise: an upgrade that changes it must be looked at', () => {
    expect(PGlite.defaultStartParams).toContain('-F');
  });

  it(
    'keeps every acknowledged append through power cuts at arbitrary instants mid-load (the disk modelled as what was synced)',
    { timeout: 300_000 },
    async () => {
      const dataDir = freshDir('power-cut');
      const seed = Date.now() % 1_000_000;
      const random = seededRandom(seed);

      // Before the load: a store with some history, closed, and taken as fully written back.
      let handle = await openEmbeddedStore({ dataDir, ...testKeyEncryption() });
      const acknowledged = await appendCommands(handle, 'before', 8);
      await handle.close();

      // Three cuts, each at a random disk operation (a write or a sync) after a random number of acknowledgements.
      const plan = [20, 60, 100].map((base) => ({ afterAcks: base + random(20), thenOperations: random(40) }));
      const cuts: Array<{ dir: string; acknowledged: Acknowledged[] }> = [];
      let operationsSinceArmed = 0;
      const disk = new PowerCutDisk(join(dataDir, PGLITE_SUBDIRECTORY), () => {
        const next = plan[cuts.length];
        if (!next || acknowledged.length < next.afterAcks) return;
        if (operationsSinceArmed++ < next.thenOperations) return;
        const dir = freshDir('power-cut-disk');
        disk.cutTo(join(dir, PGLITE_SUBDIRECTORY));
        cuts.push({ dir, acknowledged: [...acknowledged] });
        operationsSinceArmed = 0;
      });
      disk.start();
      try {
        handle = await openEmbeddedStore({ dataDir, ...testKeyEncryption() });
        await appendCommands(handle, 'load', 140, acknowledged);
        await handle.close();
      } finally {
        disk.stop();
      }
      expect(
        cuts.map((cut) => cut.acknowledged.length),
        `seed ${seed}`,
      ).toHaveLength(3);

      for (const cut of cuts) {
        const reopened = await openEmbeddedStore({ dataDir: cut.dir, ...testKeyEncryption() }).catch(
          (error: unknown) => {
            throw new Error(
              `the disk as the cut left it does not open (seed ${seed}): ${error instanceof Error ? error.message : String(error)}`,
            );
          },
        );
        try {
          const stored = new Map<string, string[]>();
          for (let s = 0; s < STREAMS; s++) {
            const streamId = `durable-${s}`;
            const events = await reopened.eventStore.readStream(streamId);
            expect(verifyChain(streamId, events), `seed ${seed}`).toMatchObject({ valid: true });
            for (const event of events)
              stored.set(event.metadata.correlationId, [
                ...(stored.get(event.metadata.correlationId) ?? []),
                event.streamId,
              ]);
          }
          const lost = cut.acknowledged.filter(
            (ack) => stored.get(ack.correlationId)?.join() !== Array(ack.size).fill(ack.streamId).join(),
          );
          expect(
            lost.map((ack) => ack.correlationId),
            `acknowledged before the cut, missing after it (seed ${seed})`,
          ).toEqual([]);
        } finally {
          await reopened.close();
        }
      }
    },
  );
});
