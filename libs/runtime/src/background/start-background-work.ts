import {
  deadLetterFields,
  ProjectionEngine,
  type CatchUpProgress,
  registerProjectionMetrics,
  type Projection,
  type TransparencyLog,
} from '@complaints/projections';
import {
  createKafkaPublisher,
  EventRelay,
  registerRelayMetrics,
  type EventPublisher,
  type PublisherLogger,
} from '@complaints/publishing';
import type { KafkaSettings } from '../config/shared-settings';
import type { Logger } from '../logging/logger';
import { createMetricsRegistry } from '../metrics/metrics-registry';
import type { Registry } from 'prom-client';
import type { Infrastructure } from '../infrastructure/open-infrastructure';
import { startCheckpointSchedule, type CheckpointSchedule } from '../transparency/checkpoint-schedule';
import { kafkaCheckpointWitnesses, type CheckpointWitnesses } from '../transparency/checkpoint-witnesses';

/** Where background work reports what it retries: the process's logger. */
export type BackgroundLogger = Pick<Logger, 'info' | 'warn' | 'error'>;

export interface BackgroundWorkOptions {
  infrastructure: Infrastructure;
  /** The read models to maintain: `readModelProjections(...)`. */
  projections: readonly Projection[];
  logger: BackgroundLogger;
  /** KAFKA_BROKERS / KAFKA_TOPIC: run the relay to this topic. Unset: no relay (the HTTP feed still serves the events). */
  kafka?: KafkaSettings | undefined;
  /** Publish through this instead of Kafka (another broker, or a test's recording publisher); runs the relay even without `kafka`. */
  publisher?: EventPublisher;
  /** How often idle runners and the relay look for new events when nothing woke them. Default theirs (1 s). */
  pollIntervalMs?: number;
  /**
   * run (default): this process does the work. observe: workers elsewhere do (the API with
   * BACKGROUND_WORK=external): no relay, and the engine only reads their checkpoints, for
   * read-your-writes waits and metrics.
   */
  mode?: 'run' | 'observe';
  /**
   * The transparency log and how often to issue a checkpoint when it grew (CHECKPOINT_INTERVAL);
   * issued only in run mode, and published to `<KAFKA_TOPIC>.checkpoints` with Kafka (or to
   * `witnesses`, a test's recorder).
   */
  transparency?: { log: TransparencyLog; checkpointIntervalMs: number; witnesses?: CheckpointWitnesses };
  /** The process's metrics registry, which the projections' and the relay's figures join. Default: one of their own. */
  registry?: Registry;
}

/** The background work of one process, running from `start()` until `stop()`. */
export interface BackgroundWork {
  readonly engine: ProjectionEngine;
  /** The relay, when there is somewhere to publish (never in observe mode). */
  readonly relay: EventRelay | undefined;
  /** Start the engine (creating what is missing) and the relay; on failure, whatever started is stopped again. */
  start(): Promise<void>;
  /** Where projection lag and checkpoints, and the relay's, are collected at each scrape (`registry.metrics()`). */
  readonly registry: Registry;
  /**
   * Stop following the log: the relay gives its lease up and the engine stops after its batch
   * (a batch in flight commits or rolls back; both resume from their checkpoints), then the
   * publisher is closed. Idempotent.
   */
  stop(): Promise<void>;
}

/**
 * Start what runs behind the API: the projection engine keeping the read models up to date and,
 * when there is a broker, the relay publishing the log to it. Both are woken by the store's
 * append signal (LISTEN/NOTIFY on the SQL stores, a `$all` subscription on EventStoreDB) and read
 * from their own checkpoints in the SQL database. The API runs this in-process (the embedded
 * default); the worker runs it as a separate process.
 */
export async function startBackgroundWork(options: BackgroundWorkOptions): Promise<BackgroundWork> {
  const work = createBackgroundWork(options);
  await work.start();
  return work;
}

/** The same, not started yet: for a holder that needs the engine before it starts it (the API's ReadModels). */
export function createBackgroundWork(options: BackgroundWorkOptions): BackgroundWork {
  const { infrastructure, logger } = options;
  const observing = options.mode === 'observe';
  const poll = options.pollIntervalMs !== undefined ? { pollIntervalMs: options.pollIntervalMs } : {};
  const engine = new ProjectionEngine({
    sql: infrastructure.sql,
    source: infrastructure.projectionSource,
    projections: options.projections,
    wakeOn: infrastructure.appendSignal,
    mode: observing ? 'observe' : 'run',
    ...poll,
    onError: (projection, error) =>
      logger.warn({ projection, error: messageOf(error) }, 'projection batch failed; retrying'),
    // An error, not a warning: a read model now lacks this event until a fix and a rebuild (libs/projections/README.md).
    onParked: (letter) => logger.error(deadLetterFields(letter), 'projection event parked'),
    // The start-up log says how far the read models are (docs/operations.md, "Start-up"); only in
    // run mode, where this process applies the batches.
    ...(observing
      ? {}
      : {
          onCaughtUp: (progress: CatchUpProgress) =>
            logger.info(
              { projection: progress.projection, caughtUp: progress.caughtUp, of: progress.of },
              `catching up read models ${progress.caughtUp}/${progress.of}`,
            ),
        }),
    onRebuildProgress: (progress) =>
      logger.info(
        {
          projection: progress.projection,
          tableSet: progress.tableSet,
          position: progress.position.toString(),
          head: progress.head.toString(),
          eventsPerSecond: progress.eventsPerSecond,
          etaSeconds: progress.etaSeconds,
        },
        'projection rebuild progress',
      ),
  });

  const publisher = observing
    ? undefined
    : (options.publisher ?? (options.kafka ? kafkaPublisher(options.kafka, logger) : undefined));
  const relay =
    publisher &&
    new EventRelay({
      sql: infrastructure.sql,
      source: infrastructure.projectionSource,
      publisher,
      ...poll,
      onError: (error) => logger.warn({ error: messageOf(error) }, 'relay step failed; retrying from its checkpoint'),
    });

  const registry = options.registry ?? createMetricsRegistry();
  registerProjectionMetrics(registry, () => engine.status());
  if (relay) registerRelayMetrics(registry, () => relay.status());

  let stopWakingRelay: (() => Promise<void>) | undefined;
  let checkpoints: CheckpointSchedule | undefined;
  const witnesses =
    observing || !options.transparency
      ? undefined
      : (options.transparency.witnesses ??
        (options.kafka ? kafkaCheckpointWitnesses(options.kafka, publisherLogger(logger)) : undefined));
  const stopAll = async () => {
    await checkpoints?.stop();
    await witnesses
      ?.close()
      .catch((error: unknown) => logger.warn({ error: messageOf(error) }, 'closing the checkpoint publisher failed'));
    await stopWakingRelay?.().catch(() => undefined);
    await Promise.allSettled([relay?.stop(), engine.stop()]);
    await publisher
      ?.close()
      .catch((error: unknown) => logger.warn({ error: messageOf(error) }, 'closing the publisher failed'));
  };
  let starting: Promise<void> | undefined;
  let stopping: Promise<void> | undefined;
  return {
    engine,
    relay,
    start: () =>
      (starting ??= (async () => {
        try {
          await engine.start();
          if (options.transparency && !observing) {
            await options.transparency.log.prepare();
            checkpoints = startCheckpointSchedule(
              options.transparency.log,
              options.transparency.checkpointIntervalMs,
              logger,
              witnesses,
            );
          }
          if (relay) {
            await relay.start();
            stopWakingRelay = await infrastructure.appendSignal(() => relay.wake());
          }
        } catch (error) {
          await stopAll();
          throw error;
        }
      })()),
    registry,
    stop: () => (stopping ??= stopAll()),
  };
}

function kafkaPublisher(kafka: KafkaSettings, logger: BackgroundLogger): EventPublisher {
  return createKafkaPublisher({
    brokers: kafka.brokers,
    topic: kafka.topic,
    createTopic: kafka.createTopic,
    logger: publisherLogger(logger),
  });
}

function publisherLogger(logger: BackgroundLogger): PublisherLogger {
  return {
    info: (msg, details) => logger.info(details ?? {}, msg),
    warn: (msg, details) => logger.warn(details ?? {}, msg),
  };
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
