import type { SqlQueryable } from '@complaints/adapter-postgres';
import type { GlobalPosition } from '@complaints/event-store';
import { acquireLease, releaseLease, renewLease, type RelayStateRow } from './relay-tables';

/** The lease as this instance holds it: what its fenced writes (checkpoint, dead letters) present. */
export interface Lease {
  relay: string;
  holder: string;
  fence: bigint;
}

export interface RelayLeaseOptions {
  sql: SqlQueryable;
  /** The relay's name: the row of relay_state the lease is on. */
  relay: string;
  /** This instance's id as lease holder. */
  holder: string;
  /** How long a lease lasts without renewal; it is renewed every third of it. */
  leaseMs: number;
  /** A renewal failed (the database is unreachable): the lease may expire; the fenced checkpoint keeps that safe. */
  onError(error: unknown): void;
  /** The lease turned out taken over by another instance (a renewal or a fenced write was refused). */
  onLost(lease: Lease): void;
}

/**
 * The relay's single-instance lease: at most one instance publishes a relay at a time. Taken
 * when nobody holds it, it expired, or this instance holds it already (a change of holder moves
 * the fence); renewed in the background while held; given up on stop so the next instance need
 * not wait for it to expire. Every checkpoint write presents the fence, so an instance that
 * lost its lease while paused (a "zombie") cannot move the checkpoint (relay-tables).
 */
export class RelayLease {
  private held: Lease | undefined;
  private renewal: NodeJS.Timeout | undefined;

  constructor(private readonly options: RelayLeaseOptions) {}

  /** The lease this instance holds now, as far as it knows; undefined while it holds none. */
  get current(): Lease | undefined {
    return this.held;
  }

  /** Take the lease; resolves with the checkpoint to resume from, or undefined while another instance holds a live one. */
  async acquire(): Promise<GlobalPosition | undefined> {
    const { sql, relay, holder, leaseMs } = this.options;
    const taken = await acquireLease(sql, relay, holder, leaseMs);
    if (!taken) return undefined;
    this.held = { relay, holder, fence: taken.fence };
    return taken.position;
  }

  /** Renew the lease every third of its length while one is held, until `stopRenewing` or `release`. */
  startRenewing(): void {
    this.stopRenewing();
    this.renewal = setInterval(() => void this.renew(), Math.max(1, Math.floor(this.options.leaseMs / 3)));
  }

  stopRenewing(): void {
    clearInterval(this.renewal);
    this.renewal = undefined;
  }

  /** Extend the held lease now; a lease another instance took over is forgotten (onLost). */
  async renew(): Promise<void> {
    const lease = this.held;
    if (!lease) return;
    try {
      const { sql, leaseMs } = this.options;
      if (!(await renewLease(sql, lease.relay, lease.holder, lease.fence, leaseMs))) this.lose(lease);
    } catch (error) {
      this.options.onError(error);
    }
  }

  /** `lease` is no longer this instance's (a fenced write was refused). */
  lose(lease: Lease): void {
    if (this.held === lease) this.held = undefined;
    this.options.onLost(lease);
  }

  /** Stop renewing and give the lease up at once. Rejects when the database refuses (the lease then just expires). */
  async release(): Promise<void> {
    this.stopRenewing();
    const lease = this.held;
    this.held = undefined;
    if (lease) await releaseLease(this.options.sql, lease.relay, lease.holder, lease.fence);
  }

  /** Whether `state` (the relay's row, read now) shows this instance holding a live lease, under the fence it knows. */
  isHeldIn(state: RelayStateRow | undefined): boolean {
    return (
      state?.leaseLive === true &&
      state.holder === this.options.holder &&
      this.held !== undefined &&
      state.fence === this.held.fence
    );
  }
}
