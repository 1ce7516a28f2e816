import type {
  ComplaintEnvelope,
  ComplaintEventStore,
  ComplaintLogBatch,
  EventStore,
  GlobalPosition,
} from '@complaints/event-store';

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
export function complaintLogSource(
  complaints: ComplaintEventStore,
  store: Pick<EventStore, 'headPosition'>,
): ProjectionSource {
  return {
    readBatch: (after, limit) => complaints.readBatch(after, limit),
    readAll: (after, limit) => complaints.readAll(after, limit),
    headPosition: () => store.headPosition(),
  };
}

/**
 * The engine's view of its source: reads of the same range that are under way at the same time
 * share one read of the log, and so its views (decrypted once). Runners following the log live
 * are woken together by one append signal, at the same checkpoint, and would otherwise each read
 * and decrypt the same events. A read is shared only while it is in flight: once it has
 * resolved it is forgotten, so no batch (nor its keys) outlives the runners that asked for it.
 */
export function sharingConcurrentReads(source: ProjectionSource): ProjectionSource {
  const inFlight = new Map<string, Promise<ComplaintLogBatch>>();
  return {
    readBatch: (after, limit) => {
      const range = `${after}+${limit}`;
      let read = inFlight.get(range);
      if (!read) {
        read = source.readBatch(after, limit).finally(() => inFlight.delete(range));
        inFlight.set(range, read);
      }
      return read;
    },
    readAll: (after, limit) => source.readAll(after, limit),
    headPosition: () => source.headPosition(),
  };
}
