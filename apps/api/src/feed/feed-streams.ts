import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { SseOutcomeSink } from './sse-connection';

export interface FeedStreamLimits {
  /** Streams open at once in this process. Default 200. */
  maxStreams: number;
  /** Streams one caller (token `sub`) may hold open at once. Default 4. */
  maxStreamsPerCaller: number;
  /** Streams loading a batch of the log at once: catching-up clients take turns, so other requests (/health) still get the event loop and the database. Default 2. */
  maxConcurrentLoads: number;
}

export const DEFAULT_FEED_STREAM_LIMITS: FeedStreamLimits = {
  maxStreams: 200,
  maxStreamsPerCaller: 4,
  maxConcurrentLoads: 2,
};

/** The feed's counters (server-side: what the streams cost, not what clients say). */
export interface FeedStreamStats {
  open: number;
  refused: number;
  dropped: number;
  /** The most bytes buffered for one client at any time since start. */
  maxBufferedBytes: number;
  /** Loads not made because their stream's client had left while the load waited its turn. */
  skippedLoads: number;
}

export type Admission = { admitted: true; release: () => void } | { admitted: false; reason: 'caller' | 'server' };

/**
 * The SSE streams of one process: admission against the global and per-caller caps, a gate
 * that lets a few streams load from the store at a time, and counters.
 */
export class FeedStreams implements SseOutcomeSink {
  private readonly byCaller = new Map<string, number>();
  private readonly stats: FeedStreamStats = { open: 0, refused: 0, dropped: 0, maxBufferedBytes: 0, skippedLoads: 0 };
  private loading = 0;
  private readonly queue: (() => void)[] = [];

  constructor(readonly limits: FeedStreamLimits = DEFAULT_FEED_STREAM_LIMITS) {}

  admit(caller: string): Admission {
    const held = this.byCaller.get(caller) ?? 0;
    if (held >= this.limits.maxStreamsPerCaller) return this.refuse('caller');
    if (this.stats.open >= this.limits.maxStreams) return this.refuse('server');
    this.byCaller.set(caller, held + 1);
    this.stats.open++;
    let released = false;
    return {
      admitted: true,
      release: () => {
        if (released) return;
        released = true;
        this.stats.open--;
        const left = (this.byCaller.get(caller) ?? 1) - 1;
        if (left > 0) this.byCaller.set(caller, left);
        else this.byCaller.delete(caller);
      },
    };
  }

  /**
   * Run one load from the store when it is this stream's turn (at most maxConcurrentLoads at
   * once, first come first served); undefined, without loading, when by then the stream is no
   * longer `wanted` (its client left while it waited: a crowd that reconnects must not leave a
   * queue of loads for nobody behind it).
   */
  async load<T>(read: () => Promise<T>, wanted: () => boolean): Promise<T | undefined> {
    if (this.loading >= this.limits.maxConcurrentLoads) await new Promise<void>((resolve) => this.queue.push(resolve));
    else this.loading++;
    try {
      // Through the event loop's check phase before each load: the embedded store answers within
      // the same turn (microtasks), so a chain of loads handed from stream to stream would
      // otherwise never let the server read another request (measured: /health unanswered for 46 s).
      await yieldToEventLoop();
      if (!wanted()) {
        this.stats.skippedLoads++;
        return undefined;
      }
      return await read();
    } finally {
      const next = this.queue.shift();
      // The slot passes straight to the next in line; otherwise it is given back.
      if (next) next();
      else this.loading--;
    }
  }

  snapshot(): FeedStreamStats {
    return { ...this.stats };
  }

  dropped(): void {
    this.stats.dropped++;
  }

  buffered(bytes: number): void {
    if (bytes > this.stats.maxBufferedBytes) this.stats.maxBufferedBytes = bytes;
  }

  private refuse(reason: 'caller' | 'server'): Admission {
    this.stats.refused++;
    return { admitted: false, reason };
  }
}
