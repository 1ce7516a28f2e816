/**
 * Every record the landlord keeps is a stream of one log: complaints, and beside them the
 * feedback that is not a complaint (compliments, comments, concerns resolved at first contact,
 * service requests; Code 1.4) and the governance records of a reporting year (the
 * self-assessment against the Code, the annual report and the governing body's response; Code
 * sections 8 and 9). One log means one hash chain, one transparency log, one feed and one
 * projection engine for all of them; the category, the stream name's prefix, tells them apart.
 */
export const STREAM_CATEGORIES = ['complaint', 'feedback', 'governance'] as const;
export type StreamCategory = (typeof STREAM_CATEGORIES)[number];

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
