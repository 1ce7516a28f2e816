/**
 * Kafka error codes that refuse the MESSAGE itself: sending the same bytes again gets the same
 * answer. Everything else (leader moves, timeouts, brokers down, not enough replicas, even
 * authorisation, which an operator fixes) is transient for the relay and retried.
 */
const MESSAGE_REJECTIONS = new Set([
  'MESSAGE_TOO_LARGE',
  'RECORD_LIST_TOO_LARGE',
  'INVALID_RECORD',
  'CORRUPT_MESSAGE',
  'INVALID_TIMESTAMP',
]);

/** The rejection code found in a kafkajs error or anything it wraps (kafkajs nests causes through its retrier), if any. */
export function messageRejectionOf(error: unknown): string | undefined {
  const seen = new Set<unknown>();
  const pending: unknown[] = [error];
  while (pending.length > 0) {
    const current = pending.pop();
    if (current === null || typeof current !== 'object' || seen.has(current)) continue;
    seen.add(current);
    const candidate = current as { type?: unknown; cause?: unknown; originalError?: unknown; errors?: unknown };
    if (typeof candidate.type === 'string' && MESSAGE_REJECTIONS.has(candidate.type)) return candidate.type;
    pending.push(candidate.cause, candidate.originalError);
    if (Array.isArray(candidate.errors)) pending.push(...(candidate.errors as unknown[]));
  }
  return undefined;
}
