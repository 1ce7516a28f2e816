import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { Controller, Get, Query, Req, Res, type BeforeApplicationShutdown } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { GlobalPosition, QueryInteger } from '@complaints/contracts';
import { FEED_READERS } from '../auth/role-policy';
import { Roles } from '../auth/roles.decorator';
import { ComplaintQueries } from '../complaints/read/complaint-queries.service';
import { ProblemException, problems } from '../http/problem';
import { requestContext } from '../http/request-context';
import { parseOr400 } from '../http/validation';
import { FeedPages } from './feed-pages';
import { FeedStreams } from './feed-streams';
import { DEFAULT_SSE_LIMITS, SseConnection, type SseLimits } from './sse-connection';
import { MediaResponse, ProblemResponses, TEXT, ZodQuery, ZodResponse } from '../openapi/zod-openapi';
import { EventFeedPageSchema } from '../openapi/read-schemas';

const FeedQuery = z.object({
  after: GlobalPosition.default(0n),
  limit: QueryInteger(1, 1000).default(100),
});
const StreamQuery = z.object({ after: GlobalPosition.optional() });

const POLL_MS = 500;
const HEARTBEAT_MS = 15_000;
const STREAM_BATCH = 100;
const STREAM_RETRY_AFTER_SECONDS = '5';

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
export class EventsController implements BeforeApplicationShutdown {
  /** The open streams' caps, load gate and counters (feed-streams.ts). */
  readonly streams = new FeedStreams();
  readonly sseLimits: SseLimits = DEFAULT_SSE_LIMITS;
  /** How to end each open stream: at shutdown, so the server is not held open by them. */
  private readonly ending = new Set<() => void>();
  /** Full pages of the stream, shared by every client catching up (feed-pages.ts). */
  readonly pages: FeedPages;

  constructor(private readonly queries: ComplaintQueries) {
    this.pages = new FeedPages((after, size) => this.queries.feed(after, size), STREAM_BATCH);
  }

  /** Shutdown: end every stream (clients resume with Last-Event-ID elsewhere or after the restart). */
  beforeApplicationShutdown(): void {
    for (const end of [...this.ending]) end();
  }

  @Get()
  @Roles(...FEED_READERS)
  @ApiOperation({
    operationId: 'getEventFeed',
    summary: 'Events after a global position',
    description:
      'Returns at most `limit` events and `next`, the position to ask from next time. Each event has the schema /api/schemas/envelope/OutboundEvent/v1 (the Kafka message value): no personal data; entitled callers read personal details from the complaint endpoints.',
  })
  @ZodQuery(FeedQuery, {
    after: 'Exclusive global position; 0 (default) reads from the start',
    limit: '1-1000, default 100',
  })
  @ZodResponse(200, '{ events: OutboundEvent[], next }', EventFeedPageSchema)
  @ProblemResponses(400, 401, 403)
  async feed(@Query() query: Record<string, unknown>) {
    const { after, limit } = parseOr400(FeedQuery, query);
    return this.queries.feed(after, limit);
  }

  @Get('stream')
  @Roles(...FEED_READERS)
  @ApiOperation({
    operationId: 'streamEvents',
    summary: 'Live event stream (Server-Sent Events)',
    description:
      'Catches up from `after` (or the Last-Event-ID header), then pushes each new event as it is recorded. The SSE id of each message is its global position, its event name the event type, its data the OutboundEvent JSON (as on Kafka).',
  })
  @ZodQuery(StreamQuery)
  @MediaResponse(200, 'text/event-stream of OutboundEvent messages', { 'text/event-stream': TEXT })
  @ProblemResponses(400, 401, 403, 429, 503)
  async stream(@Query() query: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const { after } = parseOr400(StreamQuery, query);
    const lastEventId = req.header('last-event-id');
    let position = after ?? (lastEventId === undefined ? undefined : GlobalPosition.safeParse(lastEventId).data) ?? 0n;

    // Over a cap, refuse before anything is streamed: the client retries after Retry-After.
    const caller = requestContext(req).principal?.id ?? 'anonymous';
    const admission = this.streams.admit(caller);
    if (!admission.admitted) {
      const problem =
        admission.reason === 'caller'
          ? problems.tooManyRequests(
              `At most ${this.streams.limits.maxStreamsPerCaller} event streams per caller may be open at once.`,
            )
          : problems.unavailable(
              `The server holds its maximum of ${this.streams.limits.maxStreams} event streams; retry shortly.`,
            );
      throw new ProblemException(problem, { 'Retry-After': STREAM_RETRY_AFTER_SECONDS });
    }

    res.status(200).setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();

    const connection = new SseConnection(res, this.sseLimits, this.streams);
    let timer: NodeJS.Timeout | undefined;
    let lastWrite = performance.now();
    const close = () => {
      if (timer) clearTimeout(timer);
      this.ending.delete(end);
      admission.release();
    };
    const end = () => {
      connection.end();
      close();
    };
    this.ending.add(end);
    res.once('close', close);

    const pump = async (): Promise<void> => {
      try {
        for (;;) {
          if (!connection.open) return;
          // A page another client already read costs nothing more; otherwise streams take turns
          // loading, so many catching up from 0 cannot crowd out every other request.
          const page =
            this.pages.cached(position) ??
            (await this.streams.load(
              () => this.pages.page(position),
              () => connection.open,
            ));
          if (!page) return;
          if (page.count > 0) {
            // Backpressure: the next page waits until the client has drained this one; a client that does not is dropped.
            if (!(await connection.send(page.chunk))) return;
            position = page.last;
            lastWrite = performance.now();
          }
          if (page.count < STREAM_BATCH) break;
          // Let other requests in between two batches of a long catch-up.
          await yieldToEventLoop();
        }
        if (performance.now() - lastWrite > HEARTBEAT_MS) {
          if (!(await connection.send(': keep-alive\n\n'))) return;
          lastWrite = performance.now();
        }
      } catch {
        // The store went away (shutdown): end the stream; the client resumes from its last id.
        end();
        return;
      }
      if (connection.open) timer = setTimeout(() => void pump(), POLL_MS);
    };
    await pump();
  }
}
