import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FilesystemBlobStore } from '@complaints/adapter-blob-store';
import { createWorkingDayCalendar } from '@complaints/domain';
import { blindIndexKey, findComplaintSummary } from '@complaints/projections';
import type { EventPublisher, OutboundEvent } from '@complaints/publishing';
import { createTestDatabase, findPostgresServer, type TestDatabase } from '@complaints/testing';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createBackgroundWork,
  createLogger,
  openInfrastructure,
  readModelProjections,
  startBackgroundWork,
  type BackgroundWork,
  type Infrastructure,
  type KeySettings,
  type StoreConfig,
} from '../src';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { complaintEvidence, TRANSPARENCY_LOG, TransparencyLog } from '@complaints/projections';
import { verifyEvidencePack, type Checkpoint } from '@complaints/transparency';
import { receiveComplaint } from './support/complaints';
import { provideEventStoreDb } from './support/eventstoredb';

/** The KEYS_DIR of this suite: beside the temporary DATA_DIRs, removed at the end. */
const testKeys: KeySettings = {
  keysDir: mkdtempSync(join(tmpdir(), 'complaints-runtime-keys-')),
  kekRotationAfterErasure: { mode: 'immediate' },
};
afterAll(() => rmSync(testKeys.keysDir, { recursive: true, force: true }));
/** Any 32 bytes: these tests do not look anything up by email or phone. */
const TEST_SUBJECT_INDEX_KEY = blindIndexKey(Buffer.alloc(32, 7));
const documentsDir = mkdtempSync(join(tmpdir(), 'complaints-runtime-documents-'));
const documentBlobs = new FilesystemBlobStore(documentsDir);
afterAll(() => rmSync(documentsDir, { recursive: true, force: true }));

const calendar = createWorkingDayCalendar();
const quiet = createLogger({ level: 'silent' });

/** A destination that acknowledges everything and remembers what it was sent. */
class RecordingPublisher implements EventPublisher {
  readonly published: OutboundEvent[] = [];
  closed = false;
  async publish(events: readonly OutboundEvent[]): Promise<void> {
    this.published.push(...events);
  }
  async close(): Promise<void> {
    this.closed = true;
  }
}

/**
 * The background work as both processes start it. The poll interval is a minute, so a read model
 * that catches up within the test was woken by the store's append signal (NOTIFY here).
 */
interface TestStore {
  store: StoreConfig;
  dispose(): Promise<void>;
}

/** Register the suite on one kind of store; `backend` says how to make a fresh one per test, or why there is none. */
function backgroundWorkSuite(
  name: string,
  backend: () => Promise<{ fresh(): Promise<TestStore>; done(): Promise<void> } | { skip: string }>,
) {
  describe(name, async () => {
    const stores = await backend();
    if ('skip' in stores) {
      console.warn(`[runtime] ${name} SKIPPED: ${stores.skip}`);
      it.skip(`skipped: ${stores.skip}`, () => undefined);
      return;
    }
    let provided: TestStore;
    let infrastructure: Infrastructure | undefined;
    let work: BackgroundWork | undefined;
    beforeEach(async () => {
      provided = await stores.fresh();
    });
    afterEach(async () => {
      await work?.stop();
      await infrastructure?.close();
      await provided.dispose();
      work = undefined;
      infrastructure = undefined;
    });
    afterAll(() => stores.done());

    it('keeps every read model up to date, woken by appends, and reports their lag as Prometheus metrics', async () => {
      infrastructure = await openInfrastructure(provided.store, { keys: testKeys });
      work = await startBackgroundWork({
        infrastructure,
        projections: readModelProjections({
          calendar,
          localProfile: null,
          subjectIndexKey: TEST_SUBJECT_INDEX_KEY,
          keys: infrastructure.keys,
          documentBlobs,
        }),
        logger: quiet,
        pollIntervalMs: 60_000,
      });
      const { complaintId, position } = await receiveComplaint(infrastructure.complaints);

      // No waitForPosition first (a waiter wakes the runners itself): only the append signal can.
      const sql = infrastructure.sql;
      await expect
        .poll(() => findComplaintSummary(sql, complaintId, '2026-03-03'), { timeout: 20_000 })
        .toMatchObject({ id: complaintId, status: 'open', stage: 1 });
      expect(await work.engine.waitForPosition(position, 20_000)).toBe(true);
      const metrics = await work.registry.metrics();
      for (const projection of readModelProjections({
        calendar,
        localProfile: null,
        subjectIndexKey: TEST_SUBJECT_INDEX_KEY,
        keys: infrastructure.keys,
        documentBlobs,
      })) {
        expect(metrics).toContain(`projection_lag_events{projection="${projection.name}"} 0\n`);
      }
    });

    it('keeps the transparency log over this store: a checkpoint signed then covers the new event, and its evidence pack verifies offline', async () => {
      infrastructure = await openInfrastructure(provided.store, { keys: testKeys });
      const log = new TransparencyLog({
        sql: infrastructure.sql,
        signingKey: generateKeyPairSync('ed25519').privateKey,
      });
      work = await startBackgroundWork({
        infrastructure,
        projections: readModelProjections({
          calendar,
          localProfile: null,
          subjectIndexKey: TEST_SUBJECT_INDEX_KEY,
          keys: infrastructure.keys,
          documentBlobs,
        }),
        logger: quiet,
        pollIntervalMs: 60_000,
        transparency: { log, checkpointIntervalMs: 60_000 },
      });
      const { complaintId, position } = await receiveComplaint(infrastructure.complaints);
      expect(await work.engine.waitForPosition(position, 20_000, TRANSPARENCY_LOG)).toBe(true);
      const stored = await infrastructure.complaints.readStored(complaintId);
      const pack = await complaintEvidence(
        { complaints: infrastructure.complaints, log, calendar },
        complaintId,
        stored,
        [],
      );
      expect(pack.log).toHaveLength(1);
      expect(verifyEvidencePack(pack)).toMatchObject({ valid: true, problems: [] });
    });

    it('issues checkpoints on its schedule when the log grew and hands each to the witnesses once, in order, also those issued on request elsewhere', async () => {
      infrastructure = await openInfrastructure(provided.store, { keys: testKeys });
      const log = new TransparencyLog({
        sql: infrastructure.sql,
        signingKey: generateKeyPairSync('ed25519').privateKey,
      });
      const witnessed: Checkpoint[] = [];
      const witnesses = {
        topic: `witness-${randomUUID()}`,
        publish: async (checkpoints: readonly Checkpoint[]) => void witnessed.push(...checkpoints),
        close: async () => undefined,
      };
      work = await startBackgroundWork({
        infrastructure,
        projections: readModelProjections({
          calendar,
          localProfile: null,
          subjectIndexKey: TEST_SUBJECT_INDEX_KEY,
          keys: infrastructure.keys,
          documentBlobs,
        }),
        logger: quiet,
        pollIntervalMs: 60_000,
        transparency: { log, checkpointIntervalMs: 20, witnesses },
      });
      const first = await receiveComplaint(infrastructure.complaints);
      expect(await work.engine.waitForPosition(first.position, 20_000, TRANSPARENCY_LOG)).toBe(true);
      // Issued by the schedule, nobody asking.
      await expect.poll(() => witnessed.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
      const second = await receiveComplaint(infrastructure.complaints);
      expect(await work.engine.waitForPosition(second.position, 20_000, TRANSPARENCY_LOG)).toBe(true);
      const onRequest = await log.issueCheckpoint();
      await expect.poll(() => witnessed.some((c) => c.treeSize === onRequest.treeSize), { timeout: 20_000 }).toBe(true);
      const sizes = witnessed.map((c) => c.treeSize);
      expect(sizes).toEqual([...new Set(sizes)].sort((a, b) => a - b));
      expect(witnessed).toEqual(await log.checkpointsAfter(-1, 1000));
    });

    it('runs the relay beside the projections when there is a publisher: the event goes out without personal data, relay metrics appear, stop() closes the publisher', async () => {
      infrastructure = await openInfrastructure(provided.store, { keys: testKeys });
      const publisher = new RecordingPublisher();
      work = await startBackgroundWork({
        infrastructure,
        projections: readModelProjections({
          calendar,
          localProfile: null,
          subjectIndexKey: TEST_SUBJECT_INDEX_KEY,
          keys: infrastructure.keys,
          documentBlobs,
        }),
        logger: quiet,
        publisher,
        pollIntervalMs: 60_000,
      });
      expect(work.relay).toBeDefined();
      const { complaintId, position } = await receiveComplaint(infrastructure.complaints);

      // (A shared EventStoreDB may hold other runs' complaints: they go out too, before ours.)
      const ours = () => publisher.published.filter((event) => event.complaintId === complaintId);
      await expect.poll(() => ours().length, { timeout: 20_000 }).toBe(1);
      expect(ours()[0]).toMatchObject({
        complaintId,
        type: 'ComplaintReceived',
        position: position.toString(),
        revision: 1,
      });
      expect(JSON.stringify(publisher.published)).not.toContain('Margaret Ellis');
      await expect
        .poll(async () => (await work!.relay!.status()).checkpoint, { timeout: 20_000 })
        .toBeGreaterThanOrEqual(position);
      expect(await work.registry.metrics()).toContain('relay_lag_events{relay="kafka"} 0\n');

      await work.stop();
      expect(publisher.closed).toBe(true);
    });

    it('observe mode (the API beside workers) applies nothing and runs no relay, yet its waits answer once the running side applied the write', async () => {
      infrastructure = await openInfrastructure(provided.store, { keys: testKeys });
      const publisher = new RecordingPublisher();
      const observer = createBackgroundWork({
        infrastructure,
        projections: readModelProjections({
          calendar,
          localProfile: null,
          subjectIndexKey: TEST_SUBJECT_INDEX_KEY,
          keys: infrastructure.keys,
          documentBlobs,
        }),
        logger: quiet,
        publisher,
        mode: 'observe',
      });
      await observer.start();
      try {
        expect(observer.relay).toBeUndefined();
        const { complaintId, position } = await receiveComplaint(infrastructure.complaints);
        expect(await observer.engine.waitForPosition(position, 300)).toBe(false);
        expect(await findComplaintSummary(infrastructure.sql, complaintId, '2026-03-03')).toBeNull();

        work = await startBackgroundWork({
          infrastructure,
          projections: readModelProjections({
            calendar,
            localProfile: null,
            subjectIndexKey: TEST_SUBJECT_INDEX_KEY,
            keys: infrastructure.keys,
            documentBlobs,
          }),
          logger: quiet,
        });
        expect(await observer.engine.waitForPosition(position, 20_000)).toBe(true);
        expect(await findComplaintSummary(infrastructure.sql, complaintId, '2026-03-03')).toMatchObject({
          id: complaintId,
        });
        expect(publisher.published).toEqual([]);
      } finally {
        await observer.stop();
      }
    });

    it('runs no relay without Kafka settings or a publisher', async () => {
      infrastructure = await openInfrastructure(provided.store, { keys: testKeys });
      work = await startBackgroundWork({
        infrastructure,
        projections: readModelProjections({
          calendar,
          localProfile: null,
          subjectIndexKey: TEST_SUBJECT_INDEX_KEY,
          keys: infrastructure.keys,
          documentBlobs,
        }),
        logger: quiet,
      });
      expect(work.relay).toBeUndefined();
      expect(await work.registry.metrics()).not.toContain('relay_');
    });
  });
}

backgroundWorkSuite('background work [embedded PGlite]', async () => ({
  fresh: async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'complaints-runtime-'));
    return {
      store: { kind: 'embedded', dataDir },
      dispose: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  },
  done: async () => undefined,
}));

backgroundWorkSuite('background work [PostgreSQL]', async () => {
  const server = await findPostgresServer();
  if ('skip' in server) return server;
  return {
    fresh: async () => {
      const database: TestDatabase = await createTestDatabase(server);
      return { store: { kind: 'postgres', url: database.connectionString }, dispose: () => database.dispose() };
    },
    done: () => server.stop(),
  };
});

// The EventStoreDB-native path: events in EventStoreDB, read models and checkpoints in
// PostgreSQL, the engine and the relay woken by the `$all` subscription (no NOTIFY there).
backgroundWorkSuite('background work [EventStoreDB + PostgreSQL]', async () => {
  const postgres = await findPostgresServer();
  if ('skip' in postgres) return postgres;
  const eventstore = await provideEventStoreDb();
  if ('skip' in eventstore) {
    await postgres.stop();
    return eventstore;
  }
  return {
    fresh: async () => {
      const database = await createTestDatabase(postgres);
      return {
        store: {
          kind: 'eventstoredb',
          url: eventstore.url,
          readModels: { kind: 'postgres', url: database.connectionString },
        },
        dispose: () => database.dispose(),
      };
    },
    done: async () => {
      await eventstore.dispose();
      await postgres.stop();
    },
  };
});
