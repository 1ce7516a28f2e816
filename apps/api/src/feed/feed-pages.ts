/**
 * A page of the event stream: the SSE messages of up to `size` consecutive events after a
 * position, as one chunk to write, and the position the next page starts after.
 */
export interface FeedPage {
  chunk: string;
  /** How many events the page holds (fewer than the page size: the head of the log was reached). */
  count: number;
  /** The last event's position, or the position asked after when the page is empty. */
  last: bigint;
}

export interface FeedPageSource {
  (after: bigint, size: number): Promise<{ events: readonly { position: string; type: string }[] }>;
}

/**
 * Full pages of the stream, shared by every client. The log below its head never changes (the
 * global position is gap-free, and the outbound form holds no personal data, so not even an
 * erasure alters it), so a full page read for one client is the same for all: a crowd catching
 * up from 0 costs one read and one serialisation per page instead of one per client, and one
 * write per page instead of one per event. A page that reached the head may still grow: never kept.
 * Least recently used pages go first beyond `maxPages`; reads of one page in flight are shared.
 */
export class FeedPages {
  private readonly full = new Map<bigint, FeedPage>();
  private readonly reading = new Map<bigint, Promise<FeedPage>>();
  private readsValue = 0;

  constructor(
    private readonly source: FeedPageSource,
    readonly size: number,
    private readonly maxPages = 128,
  ) {}

  /** Reads made from the store so far (for tests and counters). */
  get reads(): number {
    return this.readsValue;
  }

  /** The page after `after` if it is already known (no store read), else undefined. */
  cached(after: bigint): FeedPage | undefined {
    const page = this.full.get(after);
    if (page) this.touch(after, page);
    return page;
  }

  /** The page after `after`: from the cache, from a read already under way, or read now. */
  page(after: bigint): Promise<FeedPage> {
    const cached = this.cached(after);
    if (cached) return Promise.resolve(cached);
    const inFlight = this.reading.get(after);
    if (inFlight) return inFlight;
    const read = this.read(after).finally(() => this.reading.delete(after));
    this.reading.set(after, read);
    return read;
  }

  private async read(after: bigint): Promise<FeedPage> {
    this.readsValue++;
    const { events } = await this.source(after, this.size);
    const chunk = events
      .map((event) => `id: ${event.position}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`)
      .join('');
    const lastEvent = events.at(-1);
    const page: FeedPage = { chunk, count: events.length, last: lastEvent ? BigInt(lastEvent.position) : after };
    if (page.count === this.size) this.touch(after, page);
    return page;
  }

  private touch(after: bigint, page: FeedPage): void {
    this.full.delete(after);
    this.full.set(after, page);
    const oldest = this.full.keys().next();
    if (this.full.size > this.maxPages && !oldest.done) this.full.delete(oldest.value);
  }
}
