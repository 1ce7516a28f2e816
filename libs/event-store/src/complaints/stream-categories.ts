import { STREAM_CATEGORIES, type StreamCategory } from '@complaints/contracts';

/** Stream names: the category (libs/contracts stream-categories.ts) and the record's own id. */
export function streamIdIn(category: StreamCategory, id: string): string {
  return `${category}-${id}`;
}

/** The category and the record's own id of a stream of this service, or undefined for any other stream. */
export function parseStreamId(streamId: string): { category: StreamCategory; id: string } | undefined {
  for (const category of STREAM_CATEGORIES) {
    const prefix = `${category}-`;
    if (streamId.startsWith(prefix)) return { category, id: streamId.slice(prefix.length) };
  }
  return undefined;
}
