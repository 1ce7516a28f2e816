import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import {
  caseFilesProjection,
  chronologyProjection,
  complaintSummariesProjection,
  lessonsProjection,
  ProjectionEngine,
  renderProjectionMetrics,
} from '@complaints/projections';
import type { GlobalPosition } from '@complaints/event-store';
import { INFRASTRUCTURE, ORGANISATION, type Organisation } from '../app/tokens';
import type { Infrastructure } from '../infrastructure/open-infrastructure';
import { JsonLogger } from '../logging/json-logger';

/** How long a read waits for the read models to catch up with the writes before answering anyway. */
export const READ_YOUR_WRITES_TIMEOUT_MS = 5_000;

/**
 * The projection engine of this process, started with the application and stopped with it
 * (before the infrastructure closes). Read models live in the same SQL database as the API's
 * other tables: the store's own, or the read-model database beside EventStoreDB.
 */
@Injectable()
export class ReadModels implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly engine: ProjectionEngine;

  constructor(
    @Inject(INFRASTRUCTURE) private readonly infrastructure: Infrastructure,
    @Inject(ORGANISATION) organisation: Organisation,
    logger: JsonLogger,
  ) {
    this.engine = new ProjectionEngine({
      sql: infrastructure.sql,
      source: infrastructure.projectionSource,
      projections: [
        complaintSummariesProjection({ calendar: organisation.calendar }),
        caseFilesProjection(),
        lessonsProjection(),
        chronologyProjection({ calendar: organisation.calendar }),
      ],
      ...(infrastructure.appendChannel !== undefined ? { wakeOnChannel: infrastructure.appendChannel } : {}),
      onError: (projection, error) =>
        logger.warning('projection batch failed; retrying', { projection, error: error instanceof Error ? error.message : String(error) }),
    });
  }

  get sql() {
    return this.infrastructure.sql;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.engine.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.engine.stop();
  }

  /**
   * Wait, bounded, until the read models have applied every event written so far, so a list
   * never misses a write its caller has just made. On timeout the answer is what they hold.
   */
  async caughtUp(): Promise<void> {
    const head = await this.infrastructure.projectionSource.headPosition();
    await this.engine.waitForPosition(head, READ_YOUR_WRITES_TIMEOUT_MS);
  }

  /**
   * Wait, bounded, until the read models have applied the log up to `position` (e.g. the last
   * event of a stream just read), for a read that must match that stream; only `projection`'s
   * when named. False on timeout.
   */
  caughtUpTo(position: GlobalPosition, projection?: string): Promise<boolean> {
    return this.engine.waitForPosition(position, READ_YOUR_WRITES_TIMEOUT_MS, projection);
  }

  async metrics(): Promise<string> {
    return renderProjectionMetrics(await this.engine.status());
  }
}
