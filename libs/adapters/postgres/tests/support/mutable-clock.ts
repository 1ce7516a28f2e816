import type { Clock } from '@complaints/event-store';

/** A clock a test sets by hand, so recorded times are exact and asAt reads are deterministic. */
export class MutableClock implements Clock {
  private current: Date;

  constructor(start: string) {
    this.current = new Date(start);
  }

  now(): Date {
    return new Date(this.current.getTime());
  }

  set(instant: string): void {
    this.current = new Date(instant);
  }
}
