import { once } from 'node:events';
import type { Writable } from 'node:stream';

/** How far a Server-Sent Events client may fall behind before it is dropped (it resumes with Last-Event-ID). */
export interface SseLimits {
  /** Bytes the server may hold for one client beyond what its socket took. Default 1 MiB. */
  maxBufferedBytes: number;
  /** How long a write may wait for the client to drain its socket. Default 30 s. */
  drainTimeoutMs: number;
}

export const DEFAULT_SSE_LIMITS: SseLimits = { maxBufferedBytes: 1 << 20, drainTimeoutMs: 30_000 };

/** What a stream saw, for the feed's counters. */
export interface SseOutcomeSink {
  dropped(reason: 'buffer' | 'drain-timeout'): void;
  buffered(bytes: number): void;
}

/**
 * One client's SSE response, written with backpressure: after a write the socket refuses
 * (`write()` false), nothing more is written until it drains; a client that does not drain
 * within `drainTimeoutMs`, or for whom more than `maxBufferedBytes` would pile up, is dropped
 * (socket destroyed). So a client that never reads costs at most one batch of messages in
 * memory, never the whole log.
 */
export class SseConnection {
  private closed = false;

  constructor(
    private readonly res: Writable,
    private readonly limits: SseLimits,
    private readonly sink: SseOutcomeSink,
  ) {
    res.once('close', () => {
      this.closed = true;
    });
  }

  get open(): boolean {
    return !this.closed && !this.res.destroyed;
  }

  /** Write one message; false when the client is gone or was dropped (stop writing). */
  async send(chunk: string): Promise<boolean> {
    if (!this.open) return false;
    const accepted = this.res.write(chunk);
    this.sink.buffered(this.res.writableLength);
    if (this.res.writableLength > this.limits.maxBufferedBytes) return this.drop('buffer');
    if (accepted) return true;
    return this.drained();
  }

  /** End the stream (the client reconnects with Last-Event-ID). */
  end(): void {
    if (!this.open) return;
    this.closed = true;
    this.res.end();
  }

  private async drained(): Promise<boolean> {
    const abort = new AbortController();
    const settle = (event: 'drain' | 'close') =>
      once(this.res, event, { signal: abort.signal }).then(
        () => event,
        () => 'aborted' as const,
      );
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.limits.drainTimeoutMs);
    });
    // 'close' settles it too: a client that left is not waited for.
    const outcome = await Promise.race([settle('drain'), settle('close'), timeout]);
    clearTimeout(timer);
    abort.abort();
    if (outcome === 'timeout') return this.drop('drain-timeout');
    return this.open;
  }

  private drop(reason: 'buffer' | 'drain-timeout'): false {
    if (this.open) {
      this.closed = true;
      this.sink.dropped(reason);
      this.res.destroy();
    }
    return false;
  }
}
