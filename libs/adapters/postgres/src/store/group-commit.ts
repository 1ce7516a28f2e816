import { StoreUnavailableError } from '@complaints/event-store';

interface Waiting<Request, Outcome> {
  request: Request;
  resolve: (outcome: Outcome) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for one process: at most one call to `write` is in flight; requests that arrive
 * meanwhile wait and go together in the next call. A lone writer therefore waits for nothing
 * (its request is sent at once), and N concurrent writers share one round trip and one commit
 * (one disk sync) instead of queueing behind each other's. Requests keep their arrival order
 * within a call.
 *
 * When a call of several requests fails (one bad request fails the whole statement), each is
 * sent again alone, so that only the bad one gets the error. A lost connection is not retried
 * here: whether it committed is unknown, and the callers are told so (StoreUnavailableError).
 */
export class GroupCommit<Request, Outcome> {
  private readonly waiting: Waiting<Request, Outcome>[] = [];
  private writing = 0;

  constructor(
    private readonly write: (requests: readonly Request[]) => Promise<Outcome[]>,
    /** The most requests one call carries (a bound on the statement's size). */
    private readonly maxPerCall = 64,
  ) {}

  submit(request: Request): Promise<Outcome> {
    return new Promise<Outcome>((resolve, reject) => {
      this.waiting.push({ request, resolve, reject });
      if (this.writing === 0) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing++;
    try {
      while (this.waiting.length > 0) await this.send(this.waiting.splice(0, this.maxPerCall));
    } finally {
      this.writing--;
    }
  }

  private async send(group: readonly Waiting<Request, Outcome>[]): Promise<void> {
    try {
      const outcomes = await this.write(group.map((waiting) => waiting.request));
      group.forEach((waiting, i) => waiting.resolve(outcomes[i] as Outcome));
    } catch (error) {
      if (group.length === 1 || error instanceof StoreUnavailableError) {
        for (const waiting of group) waiting.reject(error);
        return;
      }
      for (const waiting of group) {
        try {
          const [outcome] = await this.write([waiting.request]);
          waiting.resolve(outcome as Outcome);
        } catch (alone) {
          waiting.reject(alone);
        }
      }
    }
  }
}
