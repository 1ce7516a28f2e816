import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Observable } from 'rxjs';
import { GLOBAL_POSITION_MESSAGE, GlobalPosition } from '@complaints/contracts';
import { PROTECTED_PREFIX, PUBLIC_PREFIX } from '../auth/authenticate.middleware';
import { noteReadLag, withReadFreshness } from '../read-models/read-freshness';
import { ReadModels } from '../read-models/read-models.service';
import { ProblemException, problems } from './problem';
import { requestContext } from './request-context';

/** The query parameter and the header a client names the position of its own write with. */
export const WAIT_FOR_POSITION_PARAM = 'waitForPosition';
export const WAIT_FOR_POSITION_HEADER = 'x-wait-for-position';
/** The longest a read waits for the read models; past it the client gets 503 and retries. */
export const MAX_WAIT_MS = 10_000;
const DEFAULT_WAIT_MS = 5_000;
/** How many reads one caller (token `sub`) may have parked waiting for a position at once; past it, 429. */
export const MAX_WAITS_PER_CALLER = 16;

const WAIT_MS = /^\d{1,5}$/;

/**
 * Read-your-writes across requests, instances and processes: every write answers with the
 * global `position` it reached; a read sent with `?waitForPosition=<position>` (or the
 * `X-Wait-For-Position` header) is answered only once the read models have applied the log up
 * to there, waiting at most `waitMs` (default 5 s, at most 10 s). If they have not by then the
 * answer is 503 with Retry-After, never a page that silently lacks the client's write.
 *
 * Only authenticated reads (GET/HEAD under /api/v1, not the residents' public routes) wait: a
 * parked request holds a socket and memory, so anonymous callers, writes, /health and /ready
 * never park, and one caller parks at most MAX_WAITS_PER_CALLER (429 + Retry-After past that).
 * While a read model is failing the read does not wait for it at all: it answers from what the
 * read models hold.
 *
 * Every response whose handler consulted the read models (here or through ReadModels.caughtUp)
 * carries X-Read-Model-Lag: how many events of the log, up to the position it waited for, they
 * had not applied — 0 when the answer is current.
 */
@Injectable()
export class ReadYourWritesInterceptor implements NestInterceptor {
  private readonly waitsByCaller = new Map<string, number>();

  constructor(private readonly readModels: ReadModels) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request>();
    const response = context.switchToHttp().getResponse<Response>();
    return withReadFreshness(response, async () => {
      await this.waitIfAsked(request);
      return next.handle();
    });
  }

  private async waitIfAsked(request: Request): Promise<void> {
    const caller = waitingCaller(request);
    if (caller === undefined) return;
    const wanted = requestedPosition(request);
    if (wanted === undefined) return;
    const { position, waitMs } = wanted;
    const engine = this.readModels.engine;
    if (!engine.isRunning) {
      throw new ProblemException(
        problems.unavailable('The read models are stopping (the server is shutting down); retry shortly.'),
        { 'Retry-After': '1' },
      );
    }
    const parked = this.waitsByCaller.get(caller) ?? 0;
    if (parked >= MAX_WAITS_PER_CALLER) {
      throw new ProblemException(
        problems.tooManyRequests(
          `At most ${MAX_WAITS_PER_CALLER} reads of one caller may wait for a position at once; retry shortly.`,
        ),
        { 'Retry-After': '1' },
      );
    }
    this.waitsByCaller.set(caller, parked + 1);
    let reached: boolean;
    try {
      reached = await engine.waitForPosition(position, waitMs);
    } finally {
      const left = (this.waitsByCaller.get(caller) ?? 1) - 1;
      if (left > 0) this.waitsByCaller.set(caller, left);
      else this.waitsByCaller.delete(caller);
    }
    noteReadLag(reached ? 0n : engine.lagBehind(position));
    // A failing read model will not catch up by waiting: answer from what the read models hold, saying how far behind.
    if (!reached && !engine.isFailing()) {
      throw new ProblemException(
        problems.unavailable(`The read models have not yet reached position ${position}; retry shortly.`),
        { 'Retry-After': '1' },
      );
    }
  }
}

/** The caller whose read may wait: an authenticated principal reading (GET/HEAD) a protected route; undefined otherwise. */
function waitingCaller(request: Request): string | undefined {
  if (request.method !== 'GET' && request.method !== 'HEAD') return undefined;
  if (!request.path.startsWith(PROTECTED_PREFIX) || request.path.startsWith(PUBLIC_PREFIX)) return undefined;
  return requestContext(request).principal?.id;
}

function requestedPosition(request: Request): { position: bigint; waitMs: number } | undefined {
  const query = request.query as Record<string, unknown>;
  const fromQuery = query[WAIT_FOR_POSITION_PARAM];
  const fromHeader = request.header(WAIT_FOR_POSITION_HEADER);
  const raw = fromQuery ?? fromHeader;
  if (raw === undefined) return undefined;
  const field = fromQuery !== undefined ? WAIT_FOR_POSITION_PARAM : 'X-Wait-For-Position';
  const position = GlobalPosition.safeParse(raw);
  if (!position.success) throw new ProblemException(problems.validation([{ field, message: GLOBAL_POSITION_MESSAGE }]));
  const rawWait = query['waitMs'];
  let waitMs = DEFAULT_WAIT_MS;
  if (rawWait !== undefined) {
    if (typeof rawWait !== 'string' || !WAIT_MS.test(rawWait) || Number(rawWait) > MAX_WAIT_MS) {
      throw new ProblemException(
        problems.validation([
          { field: 'waitMs', message: `must be a whole number of milliseconds from 0 to ${MAX_WAIT_MS}` },
        ]),
      );
    }
    waitMs = Number(rawWait);
  }
  return { position: position.data, waitMs };
}
