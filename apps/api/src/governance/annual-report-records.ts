import { Inject, Injectable } from '@nestjs/common';
import type { AnnualReportCommand } from '@complaints/contracts';
import { annualReportDecider, annualReportId } from '@complaints/domain';
import { handleCommand, type ComplaintEventStore, type Clock } from '@complaints/event-store';
import { CLOCK, INFRASTRUCTURE } from '../app/tokens';
import type { Infrastructure } from '../infrastructure/open-infrastructure';
import type { WriteContext } from '../complaints/write/write-context';

type Step =
  | { type: 'RecordGoverningBodyResponse'; data: { body: string; response: string; respondedAt?: string | undefined } }
  | { type: 'PublishAnnualReport'; data: { publishedAt?: string | undefined } };

/**
 * Writes to a reporting year's annual report record (governance stream `annual-report-<year>`)
 * through the one write pipeline: handleCommand with the annual report's decider, on the
 * governance category of the same store (same validation, hash chain, transparency log and feed).
 */
@Injectable()
export class AnnualReportRecords {
  constructor(
    @Inject(INFRASTRUCTURE) private readonly infrastructure: Infrastructure,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  get governance(): ComplaintEventStore {
    return this.infrastructure.complaints.inCategory('governance');
  }

  async write(year: number, step: Step, context: WriteContext) {
    const now = this.clock.now().toISOString();
    const command: AnnualReportCommand =
      step.type === 'RecordGoverningBodyResponse'
        ? {
            type: step.type,
            year,
            now,
            actor: context.actor,
            data: { body: step.data.body, response: step.data.response, respondedAt: step.data.respondedAt ?? now },
          }
        : { type: step.type, year, now, actor: context.actor, data: { publishedAt: step.data.publishedAt ?? now } };
    const result = await handleCommand(
      { events: this.governance, decider: annualReportDecider },
      annualReportId(year),
      command,
      {
        ...(context.ifMatch !== undefined ? { ifMatch: context.ifMatch } : {}),
        actor: context.actor,
        correlationId: context.correlationId,
        // Nothing personal is recorded here (a published statement, staff ids): no data subject's key.
        dataSubjectId: () => undefined,
      },
    );
    return {
      year,
      revision: result.revision,
      position: result.lastPosition === null ? null : result.lastPosition.toString(),
      events: result.newEvents.map((e) => e.type),
      published: result.state.publishedAt !== null,
    };
  }
}
