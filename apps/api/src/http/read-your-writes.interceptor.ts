import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { GLOBAL_POSITION_MESSAGE, GlobalPosition } from '@complaints/contracts';
import { ReadModels } from '../read-models/read-models.service';
import { ProblemException, problems } from './problem';

/** The query parameter and the header a client names the position of its own write with. */
export const WAIT_FOR_POSITION_PARAM = 'waitForPosition';
export const WAIT_FOR_POSITION_HEADER = 'x-wait-for-position';
/** The longest a read waits for the read models; past it the client gets 503 and retries. */
export const MAX_WAIT_MS = 10_000;
const DEFAULT_WAIT_MS = 5_000;

const WAIT_MS = /^\d{1,5}$/;

/**
 * Read-your-writes across requests, instances and processes: every write answers with the
 * global `position` it reached; a read sent with `?waitForPosition=<position>` (or the
 * `X-Wait-For-Position` header) is answered only once the read models have applied the log up
 * to there, waiting at most `waitMs` (default 5 s, at most 10 s). If they have not by then the
 * answer is 503 with Retry-After, never a page that silently lacks the client's write.
 */
@Injectable()
export class ReadYourWritesInterceptor implements NestInterceptor {
  constructor(private readonly readModels: ReadModels) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request>();
    const wanted = requestedPosition(request);
    if (wanted === undefined) return next.handle();
    const { position, waitMs } = wanted;
    const reached = await this.readModels.engine.waitForPosition(position, waitMs);
    if (!reached) {
      throw new ProblemException(
        problems.unavailable(`The read models have not yet reached position ${position}; retry shortly.`),
        { 'Retry-After': '1' },
      );
    }
    return next.handle();
  }
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
      throw new ProblemException(problems.validation([{ field: 'waitMs', message: `must be a whole number of milliseconds from 0 to ${MAX_WAIT_MS}` }]));
    }
    waitMs = Number(rawWait);
  }
  return { position: position.data, waitMs };
}
