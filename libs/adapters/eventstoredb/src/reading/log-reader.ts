import type { GlobalPosition, RecordedEvent } from '@complaints/event-store';
import {
  BACKWARDS,
  END,
  FORWARDS,
  START,
  type AllStreamResolvedEvent,
  type Position,
  type ReadAllOptions,
  type ReadPosition,
} from '@eventstore/db-client';
import { fromEsdbRecord } from '../mapping/esdb-envelope';
import { eventReadPosition } from '../mapping/revisions';
import type { StreamScope } from '../mapping/stream-scope';

const DEFAULT_PAGE_SIZE = 512;

/** The one client call this reader makes (EventStoreDBClient has it). */
export interface AllReader {
  readAll(options: ReadAllOptions): AsyncIterable<AllStreamResolvedEvent>;
}

/**
 * Reads of `$all`, narrowed to our streams. The client's `$all` read has no server-side filter,
 * so pages of the raw log are read and everything outside the scope (system events, other
 * applications) is skipped here.
 *
 * ESDB can only start a read at a record boundary; a position in the middle of a record is an
 * error (or worse). Positions handed out by this adapter are event positions, so reads start
 * there directly; for anything else (a position minus one, another engine's number) the start
 * is found by walking back from the end to the nearest event at or before it.
 */
export class LogReader {
  constructor(
    private readonly client: AllReader,
    private readonly scope: StreamScope,
    private readonly pageSize = DEFAULT_PAGE_SIZE,
  ) {
    // A forward page repeats its starting event, so a page of one would never move on.
    if (!Number.isInteger(pageSize) || pageSize < 2)
      throw new RangeError(`pageSize must be at least 2, got ${pageSize}`);
  }

  /** Our events with position > after, in order, at most `limit`. */
  async readAfter(after: GlobalPosition, limit: number): Promise<RecordedEvent[]> {
    const result: RecordedEvent[] = [];
    let cursor = after;
    let page = after === 0n ? await this.page(START, FORWARDS) : await this.firstPageAt(after);
    if (page === 'not-an-event-position') page = await this.page(await this.eventPositionAtOrBefore(after), FORWARDS);
    for (;;) {
      for (const resolved of page) {
        const position = positionOf(resolved);
        if (position === undefined || position.commit <= cursor) continue;
        cursor = position.commit;
        const event = resolved.event;
        if (!event || !this.scope.includes(event.streamId, event.type)) continue;
        result.push(fromEsdbRecord(event));
        if (result.length === limit) return result;
      }
      const last = lastPositionOf(page);
      if (page.length < this.pageSize || !last) return result;
      page = await this.page(last, FORWARDS);
    }
  }

  /** Position of our newest event, 0n when there is none. */
  async head(): Promise<GlobalPosition> {
    let from: ReadPosition = END;
    for (;;) {
      const page = await this.page(from, BACKWARDS);
      for (const resolved of page) {
        const event = resolved.event;
        if (event && this.scope.includes(event.streamId, event.type) && event.position) return event.position.commit;
      }
      const last = lastPositionOf(page);
      if (page.length < this.pageSize || !last) return 0n;
      from = last;
    }
  }

  /** The read position of the newest event (any stream) at or before `position`, or START. */
  private async eventPositionAtOrBefore(position: GlobalPosition): Promise<ReadPosition> {
    let from: ReadPosition = END;
    for (;;) {
      const page = await this.page(from, BACKWARDS);
      for (const resolved of page) {
        const at = positionOf(resolved);
        if (at && at.commit <= position) return at;
      }
      const last = lastPositionOf(page);
      if (page.length < this.pageSize || !last) return START;
      from = last;
    }
  }

  /**
   * The first forward page from `after`, provided `after` is the position of an event (ESDB
   * then returns that event first). An empty page is a true answer either way: nothing follows.
   */
  private async firstPageAt(after: GlobalPosition): Promise<AllStreamResolvedEvent[] | 'not-an-event-position'> {
    try {
      const page = await this.page(eventReadPosition(after), FORWARDS);
      if (page.length === 0) return page;
      const first = page[0];
      return first && positionOf(first)?.commit === after ? page : 'not-an-event-position';
    } catch {
      // ESDB answers a read from inside a record with an "invalid position" error.
      return 'not-an-event-position';
    }
  }

  private async page(
    from: ReadPosition,
    direction: typeof FORWARDS | typeof BACKWARDS,
    maxCount = this.pageSize,
  ): Promise<AllStreamResolvedEvent[]> {
    const events: AllStreamResolvedEvent[] = [];
    for await (const resolved of this.client.readAll({
      fromPosition: from,
      direction,
      maxCount,
      resolveLinkTos: false,
    })) {
      events.push(resolved);
    }
    return events;
  }
}

function lastPositionOf(page: readonly AllStreamResolvedEvent[]): Position | undefined {
  const last = page.at(-1);
  return last && positionOf(last);
}

export function positionOf(resolved: AllStreamResolvedEvent): Position | undefined {
  return resolved.event?.position ?? resolved.link?.position;
}
