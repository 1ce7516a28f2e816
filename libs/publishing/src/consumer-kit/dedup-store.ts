/** What the dedup store keeps of an event: its id, and its complaint's revision for gap detection. */
export interface ProcessedEvent {
  eventId: string;
  complaintId: string;
  revision: number;
}

export type DedupOutcome = 'processed' | 'duplicate';

/**
 * Remembers which events a consumer has processed, so a redelivered message (Kafka delivers at
 * least once; the relay replays a batch after a crash) is handled once. `Tx` is what the work
 * receives: for a SQL store, the transaction in which the event is also marked, so the
 * handler's writes and the mark commit or roll back together.
 */
export interface DedupStore<Tx> {
  /**
   * Unless `event.eventId` was processed before (then 'duplicate', and `work` is not run): run
   * `work` with the highest revision processed so far for the complaint (0 for none), then
   * record the event. When `work` throws, nothing is recorded and the error propagates.
   */
  processOnce(event: ProcessedEvent, work: (tx: Tx, previousRevision: number) => Promise<void>): Promise<DedupOutcome>;
}
