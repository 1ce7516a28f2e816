import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { SqlExecutor } from '@complaints/adapter-postgres';
import {
  backoffDelay,
  type BackoffOptions,
  type ComplaintEnvelope,
  type GlobalPosition,
} from '@complaints/event-store';
import { WakeUp, type ProjectionSource } from '@complaints/projections';
import { toOutboundEvent, type OutboundEvent } from '../outbound/outbound-event';
import { isMessageRejected, type EventPublisher } from './event-publisher';
import {
  acquireLease,
  advanceCheckpoint,
  countDeadLetters,
  deadLetterAndAdvance,
  ensureRelayTables,
  readRelayState,
  releaseLease,
  renewLease,
} from './relay-tables';

export interface EventRelayOptions {
  /** Where checkpoint, lease and dead letters live (the store's database). */
  sql: SqlExecutor;
  /** The global log (decrypted, upcast). */
  source: ProjectionSource;
  publisher: EventPublisher;
  /** Relay name: the key of its checkpoint and lease (one per topic). Default 'kafka'. */
  name?: string;
  /** This instance's id as lease holder. Default host-pid-random. */
  instanceId?: string;
  /** Events read and published per broker request. Default 100. */
  batchSize?: number;
  /** How long a lease lasts without renewal (renewed every third of it). Default 15 000 ms. */
  leaseMs?: number;
  /** How often a caught-up relay (or one waiting for the lease) looks again when nothing woke it. Default 1000 ms. */
  pollIntervalMs?: number;
  /** A LISTEN channel announcing appends (the SQL store's EVENTS_APPENDED_CHANNEL): publish at once. */
  wakeOnChannel?: string;
  /** Backoff between attempts after a failure. Default 200 ms doubling up to 30 s. */
  retryBackoff?: BackoffOptions;
  /** Attempts at an event the broker refuses as a message before it is dead-lettered. Default 3. */
  rejectionAttempts?: number;
  /** Called with each failure (the relay retries; nothing is skipped except dead letters). */
  onError?: (error: unknown) => void;
  /**
   * Awaited after the broker acknowledged a batch and BEFORE the checkpoint is written: the one
   * window in which a crash makes the relay publish the batch again. A seam for tests of that
   * window and for delivery metrics; it must not throw.
   */
  afterPublish?: (events: readonly OutboundEvent[]) => void | Promise<void>;
}

export interface RelayStatus {
  relay: string;
  /** This instance. */
  instanceId: string;
  /** Everything up to here has been acknowledged by the broker (or dead-lettered). */
  checkpoint: GlobalPosition;
  /** The newest position in the log. */
  head: GlobalPosition;
  /** head − checkpoint (positions are dense in the SQL stores). */
  lagEvents: bigint;
  eventsPublished: bigint;
  /** The instance holding a live lease, if any (possibly another one). */
  leaseHolder: string | null;
  leaseExpiresAt: string | null;
  /** Whether THIS instance holds the lease and publishes. */
  holdingLease: boolean;
  deadLetters: number;
  /** The last failure in this instance, until a batch succeeds again. */
  lastError: string | null;
  /** Failures in this instance since it started. */
  errors: number;
}

interface Lease {
  relay: string;
  holder: string;
  fence: bigint;
}

type Step = 'published' | 'caught_up' | 'lease_lost' | 'stopped';

const DEFAULTS = {
  name: 'kafka',
  batchSize: 100,
  leaseMs: 15_000,
  pollIntervalMs: 1000,
  retryBackoff: { initialMs: 200, maxMs: 30_000 },
  rejectionAttempts: 3,
};

/**
 * Publishes the global log to a broker, in order, at least once.
 *
 * One instance at a time holds the relay's lease and publishes; the others wait for it to be
 * released or to expire. The holder reads a batch after its checkpoint, publishes it, and only
 * once the broker acknowledged it moves the checkpoint (fenced by the lease, so an instance
 * that lost its lease while paused cannot move it). A crash between the acknowledgement and
 * the checkpoint makes the next holder publish that batch again: subscribers may see an event
 * twice, never miss one, and deduplicate by event id. Transient failures are retried with
 * capped exponential backoff, from the checkpoint, forever; an event the broker refuses as a
 * message (too large, invalid) is dead-lettered after a few attempts so the rest keep flowing.
 */
export class EventRelay {
  private readonly sql: SqlExecutor;
  private readonly source: ProjectionSource;
  private readonly publisher: EventPublisher;
  private readonly name: string;
  private readonly instanceId: string;
  private readonly batchSize: number;
  private readonly leaseMs: number;
  private readonly pollIntervalMs: number;
  private readonly retryBackoff: BackoffOptions;
  private readonly rejectionAttempts: number;
  private readonly wakeUp = new WakeUp();
  /** Backoffs under way, ended early by stop(). */
  private readonly pauses = new Set<() => void>();
  private lease: Lease | undefined;
  private checkpoint: GlobalPosition = 0n;
  private publisherReady = false;
  private consecutiveFailures = 0;
  private lastError: string | null = null;
  private errors = 0;
  private loop: Promise<void> | undefined;
  private renewal: NodeJS.Timeout | undefined;
  private unlisten: (() => Promise<void>) | undefined;
  private started = false;
  private stopping = false;

  constructor(private readonly options: EventRelayOptions) {
    this.sql = options.sql;
    this.source = options.source;
    this.publisher = options.publisher;
    this.name = options.name ?? DEFAULTS.name;
    this.instanceId = options.instanceId ?? `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
    this.batchSize = options.batchSize ?? DEFAULTS.batchSize;
    this.leaseMs = options.leaseMs ?? DEFAULTS.leaseMs;
    this.pollIntervalMs = options.pollIntervalMs ?? DEFAULTS.pollIntervalMs;
    this.retryBackoff = options.retryBackoff ?? DEFAULTS.retryBackoff;
    this.rejectionAttempts = options.rejectionAttempts ?? DEFAULTS.rejectionAttempts;
    for (const [key, value] of Object.entries({
      batchSize: this.batchSize,
      leaseMs: this.leaseMs,
      pollIntervalMs: this.pollIntervalMs,
      rejectionAttempts: this.rejectionAttempts,
    })) {
      if (!Number.isInteger(value) || value < 1)
        throw new RangeError(`${key} must be a positive integer, got ${value}`);
    }
  }

  /** Create the relay's tables if missing, then run in the background (publishing only while holding the lease). */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    await ensureRelayTables(this.sql);
    if (this.options.wakeOnChannel !== undefined) {
      this.unlisten = await this.sql.listen(this.options.wakeOnChannel, () => this.wake());
    }
    this.renewal = setInterval(() => void this.renew(), Math.max(1, Math.floor(this.leaseMs / 3)));
    this.loop = this.run();
  }

  /** Look for new events now rather than at the next poll. */
  wake(): void {
    this.wakeUp.wake();
  }

  /** Stop after the current step and give the lease up (the publisher stays open: its owner closes it). */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    clearInterval(this.renewal);
    this.wake();
    for (const end of [...this.pauses]) end();
    await this.loop;
    const lease = this.lease;
    this.lease = undefined;
    if (lease)
      await releaseLease(this.sql, lease.relay, lease.holder, lease.fence).catch((error: unknown) =>
        this.recordError(error),
      );
    await this.unlisten?.().catch(() => undefined);
  }

  /** Where the relay stands, read from the database (so it also shows another instance's progress). */
  async status(): Promise<RelayStatus> {
    await ensureRelayTables(this.sql);
    const head = await this.source.headPosition();
    const state = await readRelayState(this.sql, this.name);
    const checkpoint = state?.position ?? 0n;
    const live = state?.leaseLive === true;
    return {
      relay: this.name,
      instanceId: this.instanceId,
      checkpoint,
      head,
      lagEvents: head > checkpoint ? head - checkpoint : 0n,
      eventsPublished: state?.eventsPublished ?? 0n,
      leaseHolder: live ? (state?.holder ?? null) : null,
      leaseExpiresAt: live ? (state?.leaseExpiresAt ?? null) : null,
      holdingLease:
        live && state?.holder === this.instanceId && this.lease !== undefined && state.fence === this.lease.fence,
      deadLetters: await countDeadLetters(this.sql, this.name),
      lastError: this.lastError,
      errors: this.errors,
    };
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      const seen = this.wakeUp.generation;
      let step: Step | 'waiting';
      try {
        step = this.lease ? await this.publishNextBatch(this.lease) : await this.takeLease();
        this.consecutiveFailures = 0;
      } catch (error) {
        this.recordError(error);
        // A failed step is retried from the checkpoint after the backoff; appends do not cut it short.
        await this.pause(backoffDelay(++this.consecutiveFailures, this.retryBackoff));
        continue;
      }
      if (step === 'caught_up' || step === 'waiting') await this.wakeUp.sleep(this.pollIntervalMs, seen);
    }
  }

  /** Try to become the publishing instance; 'waiting' while another holds a live lease. */
  private async takeLease(): Promise<Step | 'waiting'> {
    const held = await acquireLease(this.sql, this.name, this.instanceId, this.leaseMs);
    if (!held) return 'waiting';
    this.lease = { relay: this.name, holder: this.instanceId, fence: held.fence };
    this.checkpoint = held.position;
    if (!this.publisherReady) {
      await this.publisher.ready?.();
      this.publisherReady = true;
    }
    return 'published';
  }

  private async renew(): Promise<void> {
    const lease = this.lease;
    if (!lease || this.stopping) return;
    try {
      if (!(await renewLease(this.sql, lease.relay, lease.holder, lease.fence, this.leaseMs))) this.loseLease(lease);
    } catch (error) {
      // The database is unreachable: the lease may expire; the fenced checkpoint keeps that safe.
      this.recordError(error);
    }
  }

  private loseLease(lease: Lease): void {
    if (this.lease === lease) this.lease = undefined;
    this.lastError = `lost the lease of relay ${lease.relay} to another instance`;
  }

  private async publishNextBatch(lease: Lease): Promise<Step> {
    const from = this.checkpoint;
    const head = await this.source.headPosition();
    if (head <= from) return 'caught_up';
    const envelopes = await this.source.readAll(from, this.batchSize);
    const last = envelopes.at(-1)?.globalPosition ?? from;
    // Past the last complaint event there may be other streams' events: count them as passed.
    const target = envelopes.length < this.batchSize && head > last ? head : last;
    if (target <= from) return 'caught_up';

    const events = envelopes.map(toOutboundEvent);
    if (events.length > 0) {
      try {
        await this.publisher.publish(events);
      } catch (error) {
        if (!isMessageRejected(error)) throw error;
        this.recordError(error);
        return this.publishOneByOne(lease, envelopes, events, target);
      }
      await this.options.afterPublish?.(events);
    }
    return (await this.moveCheckpoint(lease, target, events.length)) ? 'published' : 'lease_lost';
  }

  /**
   * The broker refused a request: find which event it refuses by sending them one at a time,
   * checkpointing each; an event still refused after `rejectionAttempts` is dead-lettered and
   * passed. Transient failures propagate (the batch is retried from the last checkpoint).
   */
  private async publishOneByOne(
    lease: Lease,
    envelopes: readonly ComplaintEnvelope[],
    events: readonly OutboundEvent[],
    target: GlobalPosition,
  ): Promise<Step> {
    for (const [index, envelope] of envelopes.entries()) {
      const event = events[index] ?? toOutboundEvent(envelope);
      for (let attempt = 1; ; attempt++) {
        if (this.stopping) return 'stopped';
        try {
          await this.publisher.publish([event]);
          await this.options.afterPublish?.([event]);
          if (!(await this.moveCheckpoint(lease, envelope.globalPosition, 1))) return 'lease_lost';
          break;
        } catch (error) {
          if (!isMessageRejected(error)) throw error;
          this.recordError(error);
          if (attempt < this.rejectionAttempts) {
            await this.pause(backoffDelay(attempt, this.retryBackoff));
            continue;
          }
          const recorded = await deadLetterAndAdvance(this.sql, lease, {
            position: envelope.globalPosition,
            eventId: event.eventId,
            complaintId: event.complaintId,
            eventType: event.type,
            revision: event.revision,
            error: `${error.reason}: ${error.message}`,
            attempts: attempt,
          });
          if (!recorded) {
            this.loseLease(lease);
            return 'lease_lost';
          }
          this.checkpoint = envelope.globalPosition;
          break;
        }
      }
    }
    return (await this.moveCheckpoint(lease, target, 0)) ? 'published' : 'lease_lost';
  }

  private async moveCheckpoint(lease: Lease, position: GlobalPosition, published: number): Promise<boolean> {
    if (!(await advanceCheckpoint(this.sql, lease, position, published))) {
      this.loseLease(lease);
      return false;
    }
    this.checkpoint = position;
    this.lastError = null;
    return true;
  }

  /** Wait out a backoff; only stopping cuts it short. */
  private pause(ms: number): Promise<void> {
    if (this.stopping) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.pauses.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.pauses.add(done);
    });
  }

  private recordError(error: unknown): void {
    this.lastError = error instanceof Error ? error.message : String(error);
    this.errors++;
    this.options.onError?.(error);
  }
}
