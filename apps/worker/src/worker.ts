import type { AddressInfo } from 'node:net';
import { TransparencyLog } from '@complaints/projections';
import type { EventPublisher } from '@complaints/publishing';
import {
  loadOrCreateSigningKeys,
  signedCheckpointFile,
  createMetricsRegistry,
  openInfrastructure,
  reportStoreOpening,
  loadSubjectIndexKey,
  localProfileOf,
  openBlobStore,
  readModelProjections,
  startBackgroundWork,
  workingDayCalendarOf,
  type BackgroundWork,
  type Infrastructure,
  type Logger,
  type WorkerConfig,
} from '@complaints/runtime';
import { createWorkerHttpServer } from './http/worker-http-server';

export interface RunningWorker {
  /** The port /health, /ready and /metrics listen on (WORKER_PORT, or the one given for 0). */
  readonly port: number;
  /** Stop the relay and the projections (each finishes or rolls back its batch), close the HTTP server and the store. Idempotent. */
  stop(): Promise<void>;
}

export interface WorkerDependencies {
  logger: Logger;
  /** Publish through this instead of Kafka (tests). */
  publisher?: EventPublisher;
}

/**
 * The worker: the read models and the Kafka relay as a process of their own, beside API
 * instances started with BACKGROUND_WORK=external. Several workers may run: the projection
 * batches take turns on their checkpoint rows and one relay at a time holds the lease.
 */
export async function startWorker(config: WorkerConfig, deps: WorkerDependencies): Promise<RunningWorker> {
  const { logger } = deps;
  const infrastructure: Infrastructure = await openInfrastructure(config.store, {
    ...reportStoreOpening(logger, config.store),
    keys: { keysDir: config.keysDir, kekRotationAfterErasure: config.kekRotationAfterErasure },
    onBackgroundError: (what, error) =>
      logger.warn({ error: error instanceof Error ? error.message : String(error) }, what),
  });
  let work: BackgroundWork | undefined;
  // The worker's one registry: its process metrics, and the projections' and relay's once they run.
  const registry = createMetricsRegistry();
  let stopping: Promise<void> | undefined;
  const server = createWorkerHttpServer({
    ready: async () => {
      if (stopping) throw new Error('the worker is stopping');
      await infrastructure.ping();
    },
    metrics: async () => {
      if (!work) throw new Error('the worker is starting');
      return registry.metrics();
    },
    metricsToken: config.metricsToken,
  });

  const stop = () =>
    (stopping ??= (async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      try {
        await work?.stop();
      } finally {
        await closed;
        await infrastructure.close();
      }
    })());

  try {
    work = await startBackgroundWork({
      infrastructure,
      projections: readModelProjections({
        calendar: workingDayCalendarOf(config.calendar),
        localProfile: localProfileOf(config.localSlaProfile),
        subjectIndexKey: loadSubjectIndexKey(config.keysDir),
        keys: infrastructure.keys,
        // The API's document store: the erasure projection deletes the bytes here too.
        documentBlobs: openBlobStore(config.documents.store),
      }),
      logger,
      registry,
      kafka: config.kafka,
      ...(deps.publisher ? { publisher: deps.publisher } : {}),
      // The worker issues the periodic checkpoints (the API issues on request too): the same key, from the shared KEYS_DIR.
      transparency: {
        log: transparencyLogOf(config, infrastructure),
        checkpointIntervalMs: config.checkpointIntervalMs,
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return { port: (server.address() as AddressInfo).port, stop };
}

function transparencyLogOf(config: WorkerConfig, infrastructure: Infrastructure): TransparencyLog {
  const keys = loadOrCreateSigningKeys(config.keysDir);
  return new TransparencyLog({
    sql: infrastructure.sql,
    signingKey: keys.current,
    pastKeys: keys.retired,
    signed: signedCheckpointFile(config.keysDir, keys),
  });
}
