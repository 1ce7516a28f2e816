import { Inject, Injectable } from '@nestjs/common';
import type { Clock } from '@complaints/event-store';
import { CLOCK } from '../app/tokens';

/** Failed lookups one client may make in the window before it is refused for a while. */
export const FAILED_LOOKUP_LIMIT = 20;
export const FAILED_LOOKUP_WINDOW_MS = 15 * 60 * 1000;
/** Clients remembered at most (oldest forgotten first), so a flood of addresses cannot exhaust memory. */
const MAX_CLIENTS = 10_000;

/**
 * Brakes on guessing: an access code has 50 bits, but nothing should let a stranger try codes
 * at network speed. Each client (by address) may fail FAILED_LOOKUP_LIMIT times in a sliding
 * window; after that it is refused until its oldest failure leaves the window. Per instance, in
 * memory: behind a load balancer the effective limit is this times the instances, still far
 * too slow to guess a code.
 */
@Injectable()
export class FailedLookups {
  private readonly failures = new Map<string, number[]>();

  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  /** Milliseconds until this client may try again, or 0 when it may try now. */
  blockedFor(client: string): number {
    const recent = this.recent(client);
    const oldest = recent[0];
    if (recent.length < FAILED_LOOKUP_LIMIT || oldest === undefined) return 0;
    return oldest + FAILED_LOOKUP_WINDOW_MS - this.now();
  }

  record(client: string): void {
    const recent = this.recent(client);
    recent.push(this.now());
    // Re-inserting moves the client to the newest end of the map's order.
    this.failures.delete(client);
    this.failures.set(client, recent);
    if (this.failures.size > MAX_CLIENTS) {
      const oldest = this.failures.keys().next();
      if (!oldest.done) this.failures.delete(oldest.value);
    }
  }

  private recent(client: string): number[] {
    const since = this.now() - FAILED_LOOKUP_WINDOW_MS;
    return (this.failures.get(client) ?? []).filter((at) => at > since);
  }

  private now(): number {
    return this.clock.now().getTime();
  }
}
