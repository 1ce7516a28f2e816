import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { SqlExecutor } from '@complaints/adapter-postgres';
import {
  backoffDelay,
  followLog,
  pause,
  WakeUp,
  type BackoffOptions,
  type ComplaintEnvelope,
  type FollowStep,
  type GlobalPosition,
} from '@complaints/event-store';
import type { ProjectionSource } from '@complaints/projections';
import { toOutboundEvent, type OutboundEvent } from '../outbound/outbound-event';
import { isMessageRejected, type EventPublisher } from './event-publisher';
import { RelayLease, type Lease } from './relay-lease';
import {
  advanceCheckpoint,
  countDeadLetters,
  deadLetterAndAdvance,
  ensureRelayTables,
  readRelayState,
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
  private readonly halt = new AbortController();
  private readonly lease: RelayLease;
  private checkpoint: GlobalPosition = 0n;
  private publisherReady = false;
  private lastError: string | null = null;
  private errors = 0;
  private loop: Promise<void> | undefined;
  private unlisten: (() => Promise<void>) | undefined;
  private started = false;

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
    this.lease = new RelayLease({
      sql: this.sql,
      relay: this.name,
      holder: this.instanceId,
      leaseMs: this.leaseMs,
      onError: (error) => this.recordError(error),
      onLost: (lease) => {
        this.lastError = `lost the lease of relay ${lease.relay} to another instance`;
      },
    });
  }

  /** Create the relay's tables if missing, then run in the background (publishing only while holding the lease). */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    await ensureRelayTables(this.sql);
    if (this.options.wakeOnChannel !== undefined) {
      this.unlisten = await this.sql.listen(this.options.wakeOnChannel, () => this.wake());
    }
    this.lease.startRenewing();
    this.loop = followLog({
      step: () => this.step(),
      wakeUp: this.wakeUp,
      pollIntervalMs: this.pollIntervalMs,
      stopped: this.halt.signal,
      onError: (error) => this.recordError(error),
      // A failed step is retried from the checkpoint after the backoff; appends do not cut it short.
      retryBackoff: this.retryBackoff,
    });
  }

  /** Look for new events now rather than at the next poll. */
  wake(): void {
    this.wakeUp.wake();
  }

  /** Stop after the current step and give the lease up (the publisher stays open: its owner closes it). */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.halt.abort();
    this.lease.stopRenewing();
    await this.loop;
    await this.lease.release().catch((error: unknown) => this.recordError(error));
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
      holdingLease: this.lease.isHeldIn(state),
      deadLetters: await countDeadLetters(this.sql, this.name),
      lastError: this.lastError,
      errors: this.errors,
    };
  }

  private get stopping(): boolean {
    return this.halt.signal.aborted;
  }

  /** One step of the loop: publish the next batch while holding the lease, else try to take it. */
  private async step(): Promise<FollowStep> {
    const lease = this.lease.current;
    const step = lease ? await this.publishNextBatch(lease) : await this.takeLease();
    return step === 'caught_up' || step === 'waiting' ? 'idle' : 'more';
  }

  /** Try to become the publishing instance; 'waiting' while another holds a live lease. */
  private async takeLease(): Promise<Step | 'waiting'> {
    const position = await this.lease.acquire();
    if (position === undefined) return 'waiting';
    this.checkpoint = position;
    if (!this.publisherReady) {
      await this.publisher.ready?.();
      this.publisherReady = true;
    }
    return 'published';
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
            await pause(backoffDelay(attempt, this.retryBackoff), this.halt.signal);
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
            this.lease.lose(lease);
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
      this.lease.lose(lease);
      return false;
    }
    this.checkpoint = position;
    this.lastError = null;
    return true;
  }

  private recordError(error: unknown): void {
    this.lastError = error instanceof Error ? error.message : String(error);
    this.errors++;
    this.options.onError?.(error);
  }
}
