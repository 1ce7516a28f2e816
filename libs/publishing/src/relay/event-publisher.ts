import type { OutboundEvent } from '../outbound/outbound-event';

/**
 * Where the relay sends events: a broker topic (Kafka) or anything with the same promise. The
 * relay's guarantees rest on this contract: `publish` resolves only once the destination has
 * durably accepted every message (for Kafka: acknowledged by all in-sync replicas), in the order
 * given per complaint; when it rejects, nothing is assumed published and the relay sends the
 * same events again (so a subscriber may see a message twice, never miss one).
 */
export interface EventPublisher {
  /** Publish in order; resolves only once the broker acknowledged every message (acks from all in-sync replicas). Rejects otherwise (nothing is assumed published). */
  publish(events: readonly OutboundEvent[]): Promise<void>;
  /**
   * Connect and check the destination (the topic exists, or was created as configured), so a
   * misconfiguration shows at start rather than at the first event. Optional; the relay calls
   * it when it takes the lease and retries it like a publish.
   */
  ready?(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The destination refused the message itself (too large, invalid record): sending it again will
 * not help. A publisher throws this only for content-specific refusals, never for outages,
 * timeouts or authorisation (those are retried until they clear). `reason` is the
 * destination's own code for the refusal (e.g. MESSAGE_TOO_LARGE).
 */
export class MessageRejectedError extends Error {
  override readonly name = 'MessageRejectedError';

  constructor(
    message: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isMessageRejected(error: unknown): error is MessageRejectedError {
  return error instanceof MessageRejectedError;
}
