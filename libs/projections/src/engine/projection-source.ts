import type { ComplaintEnvelope, ComplaintEventStore, ComplaintLogBatch, EventStore, GlobalPosition } from '@complaints/event-store';

/** What the engine reads: the global log of complaint events and its head. */
export interface ProjectionSource {
  /**
   * Complaint events with globalPosition > after, in order, at most `limit`, read once for every
   * projection the batch is applied to: each takes the revealed or the redacted view
   * (Projection.needsClearText), each view computed once.
   */
  readBatch(after: GlobalPosition, limit: number): Promise<ComplaintLogBatch>;
  /** The same events, personal data revealed (readBatch's revealed view): for a single reader such as the relay. */
  readAll(after: GlobalPosition, limit: number): Promise<ComplaintEnvelope[]>;
  /** Position of the newest event of the whole log (complaint or not); 0n when empty. */
  headPosition(): Promise<GlobalPosition>;
}

/**
 * The complaint log as the application reads it. The head comes from the raw store because the
 * log may hold other streams: a projection has still "seen" them once it is past them.
 */
export function complaintLogSource(complaints: ComplaintEventStore, store: Pick<EventStore, 'headPosition'>): ProjectionSource {
  return {
    readBatch: (after, limit) => complaints.readBatch(after, limit),
    readAll: (after, limit) => complaints.readAll(after, limit),
    headPosition: () => store.headPosition(),
  };
}
