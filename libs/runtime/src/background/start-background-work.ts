import { ProjectionEngine, renderProjectionMetrics, type Projection } from '@complaints/projections';
import type { Infrastructure } from '../infrastructure/open-infrastructure';

/** Where background work reports what it retries (the JSON logger has this shape). */
export interface BackgroundLogger {
  info(msg: string, fields?: Record<string, unknown>): void;
  warning(msg: string, fields?: Record<string, unknown>): void;
}

export interface BackgroundWorkOptions {
  infrastructure: Infrastructure;
  /** The read models to maintain: `readModelProjections(...)`. */
  projections: readonly Projection[];
  logger: BackgroundLogger;
  /** How often idle runners look for new events when nothing woke them. Default the engine's (1 s). */
  pollIntervalMs?: number;
}

/** The background work of one process, running until `stop()`. */
export interface BackgroundWork {
  readonly engine: ProjectionEngine;
  /** Projection lag and checkpoints in the Prometheus text format. */
  metrics(): Promise<string>;
  /** Stop following the log (a batch in flight finishes or rolls back; both resume from the checkpoint). */
  stop(): Promise<void>;
}

/**
 * Start what keeps the read models up to date: the projection engine over the global log, woken
 * by the store's append signal (LISTEN/NOTIFY on the SQL stores, a `$all` subscription on
 * EventStoreDB) and reading from its checkpoints in the SQL database. The API runs this
 * in-process (the embedded default); the worker runs it as a separate process.
 */
export async function startBackgroundWork(options: BackgroundWorkOptions): Promise<BackgroundWork> {
  const { infrastructure, logger } = options;
  const engine = new ProjectionEngine({
    sql: infrastructure.sql,
    source: infrastructure.projectionSource,
    projections: options.projections,
    wakeOn: infrastructure.appendSignal,
    ...(options.pollIntervalMs !== undefined ? { pollIntervalMs: options.pollIntervalMs } : {}),
    onError: (projection, error) => logger.warning('projection batch failed; retrying', { projection, error: messageOf(error) }),
    onRebuildProgress: (progress) =>
      logger.info('projection rebuild progress', {
        projection: progress.projection,
        tableSet: progress.tableSet,
        position: progress.position.toString(),
        head: progress.head.toString(),
      }),
  });
  await engine.start();

  let stopping: Promise<void> | undefined;
  return {
    engine,
    metrics: async () => renderProjectionMetrics(await engine.status()),
    stop: () => (stopping ??= engine.stop()),
  };
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
