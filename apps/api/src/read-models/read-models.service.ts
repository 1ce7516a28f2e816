import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { ReadModelSeal, TransparencyLog, type ProjectionEngine } from '@complaints/projections';
import { createBackgroundWork, readModelProjections, type BackgroundWork } from '@complaints/runtime';
import type { GlobalPosition } from '@complaints/event-store';
import type { BlindIndexKey } from '@complaints/projections';
import { APP_CONFIG, INFRASTRUCTURE, ORGANISATION, SUBJECT_INDEX_KEY } from '../app/tokens';
import type { Organisation } from '@complaints/reporting';
import type { AppConfig } from '../config/app-config';
import type { Infrastructure } from '../infrastructure/open-infrastructure';
import { JsonLogger } from '@complaints/runtime';
import { noteReadLag } from './read-freshness';
import { DOCUMENT_BLOBS } from '../documents/document-tokens';
import type { BlobStore } from '@complaints/event-store';

/** How long a read waits for the read models to catch up with the writes before answering anyway. */
export const READ_YOUR_WRITES_TIMEOUT_MS = 5_000;

/**
 * The background work of this process (@complaints/runtime, shared with apps/worker), started
 * with the application and stopped with it (before the infrastructure closes). With
 * BACKGROUND_WORK=in-process (the default) it keeps the read models up to date and, with
 * KAFKA_BROKERS, runs the relay; with external, workers do both and this engine only observes
 * their checkpoints, so read-your-writes waits still work. Read models live in the same SQL
 * database as the API's other tables: the store's own, or the read-model database beside
 * EventStoreDB.
 */
@Injectable()
export class ReadModels implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly engine: ProjectionEngine;
  /** Opens the personal text the read models keep sealed, for the reads entitled to it. */
  readonly seal: ReadModelSeal;
  private readonly background: BackgroundWork;

  constructor(
    @Inject(INFRASTRUCTURE) private readonly infrastructure: Infrastructure,
    @Inject(ORGANISATION) organisation: Organisation,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(SUBJECT_INDEX_KEY) subjectIndexKey: BlindIndexKey,
    logger: JsonLogger,
    transparencyLog: TransparencyLog,
    @Inject(DOCUMENT_BLOBS) documentBlobs: BlobStore,
  ) {
    this.background = createBackgroundWork({
      infrastructure,
      projections: readModelProjections({
        calendar: organisation.calendar,
        localProfile: organisation.localProfile,
        subjectIndexKey,
        keys: infrastructure.keys,
        documentBlobs,
      }),
      logger,
      kafka: config.kafka,
      mode: config.backgroundWork === 'external' ? 'observe' : 'run',
      transparency: { log: transparencyLog, checkpointIntervalMs: config.checkpointIntervalMs },
    });
    this.engine = this.background.engine;
    this.seal = new ReadModelSeal(infrastructure.keys);
  }

  get sql() {
    return this.infrastructure.sql;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.background.start();
  }

  /**
   * Stopped before the HTTP server is drained: reads parked in waitForPosition are released at
   * once (503, retry elsewhere) instead of holding their connections open, and a stuck batch is
   * given up on after the engine's stop timeout. Idempotent.
   */
  async beforeApplicationShutdown(): Promise<void> {
    await this.background.stop();
  }

  /**
   * Wait, bounded, until the read models have applied every event written so far, so a list
   * never misses a write its caller has just made. On timeout — or at once while a read model is
   * failing (the engine does not let a read wait on it) — the answer is what they hold, and the
   * response says how far behind they were (X-Read-Model-Lag, read-freshness.ts). With
   * `projection`, only that read model is waited for.
   */
  async caughtUp(projection?: string): Promise<void> {
    const head = await this.infrastructure.projectionSource.headPosition();
    await this.caughtUpTo(head, projection);
  }

  /** The position of the newest event of the log. */
  head(): Promise<GlobalPosition> {
    return this.infrastructure.projectionSource.headPosition();
  }

  /**
   * Wait, bounded, until the read models have applied the log up to `position` (e.g. the last
   * event of a stream just read), for a read that must match that stream; only `projection`'s
   * when named. False on timeout, or at once while that read model is failing.
   */
  async caughtUpTo(position: GlobalPosition, projection?: string): Promise<boolean> {
    // Shutting down (the engine stops first): answer from what the tables hold, as for a failing read model.
    const reached = this.engine.isRunning
      ? await this.engine.waitForPosition(position, READ_YOUR_WRITES_TIMEOUT_MS, projection)
      : false;
    noteReadLag(reached ? 0n : this.engine.lagBehind(position, projection));
    return reached;
  }

  /** Projection lag and checkpoints (and the relay's when it runs here) in the Prometheus text format. */
  metrics(): Promise<string> {
    return this.background.metrics();
  }
}
