import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { GlobalPosition, QueryInteger } from '@complaints/contracts';
import { FEED_READERS } from '../auth/role-policy';
import { Roles } from '../auth/roles.decorator';
import { ComplaintQueries } from '../complaints/read/complaint-queries.service';
import { parseOr400 } from '../http/validation';
import { ProblemResponses } from '../openapi/zod-openapi';

const FeedQuery = z.object({
  after: GlobalPosition.default(0n),
  limit: QueryInteger(1, 1000).default(100),
});
const StreamQuery = z.object({ after: GlobalPosition.optional() });

const POLL_MS = 500;
const HEARTBEAT_MS = 15_000;

/**
 * The event feed for integrations, when Kafka is not configured: catch up by position, then
 * follow live. Each event is in the outbound form — the same JSON a Kafka subscriber gets as the
 * message value (toOutboundEvent): personal fields left out and listed in personalDataWithheld,
 * the actor as id and role. Events come in global order (per complaint, in revision order) with
 * an event id to deduplicate on; delivery is at least once (resume from the last position you
 * processed). It is also where a Kafka subscriber fetches an event its topic lacks (a dead letter:
 * `?after=<position - 1>&limit=1`).
 */
@ApiTags('event feed')
@Controller('api/v1/events')
export class EventsController {
  constructor(private readonly queries: ComplaintQueries) {}

  @Get()
  @Roles(...FEED_READERS)
  @ApiOperation({
    summary: 'Events after a global position',
    description:
      'Returns at most `limit` events and `next`, the position to ask from next time. Each event has the schema /api/schemas/envelope/OutboundEvent/v1 (the Kafka message value): no personal data; entitled callers read personal details from the complaint endpoints.',
  })
  @ApiQuery({ name: 'after', required: false, description: 'Exclusive global position; 0 (default) reads from the start' })
  @ApiQuery({ name: 'limit', required: false, description: '1-1000, default 100' })
  @ApiResponse({ status: 200, description: '{ events: OutboundEvent[], next }' })
  @ProblemResponses(400, 401, 403)
  async feed(@Query() query: Record<string, unknown>) {
    const { after, limit } = parseOr400(FeedQuery, query);
    return this.queries.feed(after, limit);
  }

  @Get('stream')
  @Roles(...FEED_READERS)
  @ApiOperation({
    summary: 'Live event stream (Server-Sent Events)',
    description:
      'Catches up from `after` (or the Last-Event-ID header), then pushes each new event as it is recorded. The SSE id of each message is its global position, its event name the event type, its data the OutboundEvent JSON (as on Kafka).',
  })
  @ApiProduces('text/event-stream')
  @ApiQuery({ name: 'after', required: false })
  @ApiResponse({ status: 200, description: 'text/event-stream of OutboundEvent messages' })
  @ProblemResponses(400, 401, 403)
  async stream(@Query() query: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const { after } = parseOr400(StreamQuery, query);
    const lastEventId = req.header('last-event-id');
    let position = after ?? (lastEventId === undefined ? undefined : GlobalPosition.safeParse(lastEventId).data) ?? 0n;

    res.status(200).setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();

    let open = true;
    let timer: NodeJS.Timeout | undefined;
    let lastWrite = performance.now();
    req.on('close', () => {
      open = false;
      if (timer) clearTimeout(timer);
    });

    const pump = async (): Promise<void> => {
      try {
        for (;;) {
          if (!open) return;
          const { events } = await this.queries.feed(position, 100);
          for (const event of events) {
            res.write(`id: ${event.position}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
            position = BigInt(event.position);
          }
          if (events.length > 0) lastWrite = performance.now();
          if (events.length < 100) break;
        }
        if (performance.now() - lastWrite > HEARTBEAT_MS) {
          res.write(': keep-alive\n\n');
          lastWrite = performance.now();
        }
      } catch {
        // The store went away (shutdown): end the stream; the client resumes from its last id.
        open = false;
        res.end();
        return;
      }
      if (open) timer = setTimeout(() => void pump(), POLL_MS);
    };
    await pump();
  }
}
