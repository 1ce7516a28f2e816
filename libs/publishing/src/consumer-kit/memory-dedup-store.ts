import type { DedupOutcome, DedupStore, ProcessedEvent } from './dedup-store';

/**
 * Dedup in memory: for handlers whose effects are themselves idempotent or disposable (a cache,
 * a notification that may repeat after a restart). Forgets everything when the process ends;
 * use SqlDedupStore when a duplicate after a restart matters.
 */
export class MemoryDedupStore implements DedupStore<void> {
  private readonly processed = new Set<string>();
  private readonly revisions = new Map<string, number>();

  async processOnce(
    event: ProcessedEvent,
    work: (tx: void, previousRevision: number) => Promise<void>,
  ): Promise<DedupOutcome> {
    if (this.processed.has(event.eventId)) return 'duplicate';
    await work(undefined, this.revisions.get(event.complaintId) ?? 0);
    this.processed.add(event.eventId);
    this.revisions.set(event.complaintId, Math.max(event.revision, this.revisions.get(event.complaintId) ?? 0));
    return 'processed';
  }
}
