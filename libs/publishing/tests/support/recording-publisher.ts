import { MessageRejectedError, type EventPublisher, type OutboundEvent } from '../../src';

/**
 * A publisher that keeps what it "acknowledged", for tests of the relay's SQL side. Faults are
 * set per test: `failNext` outages (transient errors), `rejectEventIds` refusals of a message,
 * `hold()` to keep a publish pending until released (a slow broker, or a paused relay).
 */
export class RecordingPublisher implements EventPublisher {
  readonly acknowledged: OutboundEvent[] = [];
  /** Every publish call, acknowledged or not. */
  calls = 0;
  failNext = 0;
  readonly rejectEventIds = new Set<string>();
  private held: { promise: Promise<void>; release: () => void; entered: Promise<void>; enter: () => void } | undefined;

  async publish(events: readonly OutboundEvent[]): Promise<void> {
    this.calls++;
    if (this.held) {
      this.held.enter();
      await this.held.promise;
    }
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error('broker unavailable (injected)');
    }
    const refused = events.find((event) => this.rejectEventIds.has(event.eventId));
    if (refused)
      throw new MessageRejectedError(
        `message of event ${refused.eventId} is larger than the broker accepts (injected)`,
        'MESSAGE_TOO_LARGE',
      );
    this.acknowledged.push(...events);
  }

  async close(): Promise<void> {
    this.held?.release();
  }

  /** Make the next publish wait; resolves `entered` once a publish is waiting. */
  hold(): { entered: Promise<void>; release: () => void } {
    let release!: () => void;
    let enter!: () => void;
    const promise = new Promise<void>((resolve) => (release = resolve));
    const entered = new Promise<void>((resolve) => (enter = resolve));
    this.held = {
      promise,
      entered,
      enter,
      release: () => {
        this.held = undefined;
        release();
      },
    };
    return { entered, release: this.held.release };
  }
}
