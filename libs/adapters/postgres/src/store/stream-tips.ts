import type { StreamTip } from '@complaints/event-store';

/** A stream's tip as an append chains from it: also the recorded time of its last event. */
export interface KnownTip extends StreamTip {
  /** recorded_at of the stream's last event (ISO, milliseconds, 'Z'); undefined before its first. */
  lastRecordedAt: string | undefined;
}

/**
 * The tips of the streams this process read or appended to most recently, so that an append
 * right after a read (every command: load, decide, append) chains from what the read found
 * instead of asking the database again. A tip here may be stale (another instance appended
 * since): the append function compares it with the stream's row under its lock, and a stale
 * one only costs a conflict (dropped here, then read afresh). Bounded, least recently used out.
 */
export class StreamTips {
  private readonly tips = new Map<string, KnownTip>();

  constructor(private readonly capacity = 10_000) {}

  get(streamId: string): KnownTip | undefined {
    const tip = this.tips.get(streamId);
    if (tip) {
      this.tips.delete(streamId);
      this.tips.set(streamId, tip);
    }
    return tip;
  }

  /** Remember `tip` unless a later one is known already (a slow read must not undo a newer append). */
  learn(streamId: string, tip: KnownTip): void {
    const known = this.tips.get(streamId);
    if (known && known.revision > tip.revision) return;
    this.tips.delete(streamId);
    this.tips.set(streamId, tip);
    if (this.tips.size > this.capacity) this.tips.delete(this.tips.keys().next().value as string);
  }

  forget(streamId: string): void {
    this.tips.delete(streamId);
  }
}
