import { describe, expect, it } from 'vitest';
import { FeedPages } from './feed-pages';

/** A log of `length` events at positions 1..length, counting the reads made of it. */
function log(length: number) {
  const calls: bigint[] = [];
  const source = async (after: bigint, size: number) => {
    calls.push(after);
    const events = [];
    for (let p = after + 1n; p <= BigInt(length) && events.length < size; p++)
      events.push({ position: p.toString(), type: 'ComplaintReceived' });
    return { events };
  };
  return { source, calls, grow: (by: number) => (length += by) };
}

describe('FeedPages', () => {
  it('reads each full page once for any number of clients, concurrent or later, and joins its messages into one chunk', async () => {
    const { source, calls } = log(250);
    const pages = new FeedPages(source, 100);
    const crowd = await Promise.all(Array.from({ length: 50 }, () => pages.page(0n)));
    expect(new Set(crowd).size).toBe(1);
    expect(crowd[0]).toMatchObject({ count: 100, last: 100n });
    expect(crowd[0]!.chunk.split('\n\n').filter(Boolean)).toHaveLength(100);
    expect(crowd[0]!.chunk.startsWith('id: 1\nevent: ComplaintReceived\ndata: {"position":"1"')).toBe(true);
    expect(pages.cached(100n)).toBeUndefined();
    await pages.page(100n);
    expect(pages.cached(0n)).toBe(crowd[0]);
    expect(calls).toEqual([0n, 100n]);
  });

  it('never keeps a page that reached the head: it is read again, and then holds the events appended since', async () => {
    const { source, calls, grow } = log(130);
    const pages = new FeedPages(source, 100);
    expect((await pages.page(100n)).count).toBe(30);
    grow(5);
    expect(await pages.page(100n)).toMatchObject({ count: 35, last: 135n });
    expect(calls).toEqual([100n, 100n]);
  });

  it('keeps at most maxPages, the least recently used going first', async () => {
    const { source, calls } = log(1000);
    const pages = new FeedPages(source, 100, 2);
    await pages.page(0n);
    await pages.page(100n);
    await pages.page(0n); // used again: 100 is now the oldest
    await pages.page(200n);
    expect(pages.cached(100n)).toBeUndefined();
    expect(pages.cached(0n)).toBeDefined();
    expect(calls).toEqual([0n, 100n, 200n]);
  });
});
