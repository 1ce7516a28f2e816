import type { EventMetadata } from '@complaints/contracts';

/**
 * THE EVENT STORE PORT. One interface, one contract suite (test/support), every adapter.
 *
 * What "revision" means, once, for the whole product:
 *   the revision of a stream is the NUMBER OF EVENTS in it. An empty or absent stream is at
 *   revision 0; the first event appended has revision 1 and leaves the stream at revision 1.
 *   HTTP ETags and `If-Match` carry this number. Adapters whose engine counts differently
 *   (EventStoreDB counts from 0 with "no stream") convert inside the adapter.
 *
 * Global positions are bigint, strictly increasing in commit order, and a reader that has seen
 * position N never later finds an event below N. In the SQL adapters they are also gap-free
 * (1, 2, 3, ...); in EventStoreDB they are the `$all` commit positions (increasing, not dense).
 */
export type GlobalPosition = bigint;

/** `no_stream`: the stream must not exist. `any`: no check. A number: the stream must be at exactly that revision (0 = no stream). */
export type ExpectedRevision = 'no_stream' | 'any' | number;

/** An event as handed to the store, with its data already in stored form (personal fields encrypted). */
export interface NewEvent {
  eventId: string;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: EventMetadata;
}

/** An event as the store holds it. */
export interface RecordedEvent extends NewEvent {
  streamId: string;
  /** 1-based number of this event in its stream. */
  revision: number;
  globalPosition: GlobalPosition;
  /** When the store recorded it (ISO-8601 UTC); set by the adapter from its Clock, inside the hash. */
  recordedAt: string;
  /** Hash chain: sha256 hex of this event's canonical content and the previous event's hash. */
  hash: string;
  /** Hash of the previous event in the stream; the genesis value for revision 1. */
  previousHash: string;
}

export interface AppendOptions {
  expectedRevision: ExpectedRevision;
}

export interface AppendResult {
  streamId: string;
  /** The stream's revision after the append (= revision of the last appended event). */
  nextRevision: number;
  /** Global position of each appended event, in order. */
  positions: GlobalPosition[];
  /**
   * Global position of the last appended event: what a client can "wait until" on the read side.
   * For an append of no events, the position of the stream's last event (0n when it has none).
   */
  lastPosition: GlobalPosition;
  /**
   * The appended events exactly as stored, in order (revision, global position, recordedAt, hash,
   * previousHash and all): equal to what readStream returns for them from now on. Every adapter
   * knows them when the append commits, so a caller never has to read them back. [] for an
   * append of no events.
   */
  recorded: RecordedEvent[];
}

export interface ReadStreamOptions {
  /** Only events with revision <= toRevision. */
  toRevision?: number;
  /** Only events recorded at or before this instant: the stream "as it stood then". */
  asAt?: Date;
}

export interface ReadAllOptions {
  /** Exclusive: events with globalPosition > after. 0n reads from the beginning. */
  after: GlobalPosition;
  /** Batch size. */
  limit: number;
}

export interface EventStore {
  /** Which adapter this is, for logs and the bench: 'embedded' | 'postgres' | 'eventstoredb'. */
  readonly kind: string;
  append(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult>;
  /** The stream's events in revision order; [] for an absent stream. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** The global log from a position, in order, at most `limit` events. */
  readAll(options: ReadAllOptions): Promise<RecordedEvent[]>;
  /** The position of the newest event in the global log (0n when empty). */
  headPosition(): Promise<GlobalPosition>;
  close(): Promise<void>;
}

/** Thrown by `append` when the expected revision does not hold. Nothing was appended. */
export class WrongExpectedRevisionError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: number,
  ) {
    super(`Stream ${streamId} is at revision ${actual}, expected ${String(expected)}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

/** Thrown by `append` when an event's stored form is larger than the store accepts. Nothing was appended. */
export class EventTooLargeError extends Error {
  constructor(
    readonly eventType: string,
    readonly sizeBytes: number,
    readonly limitBytes: number,
  ) {
    super(`${eventType} is ${sizeBytes} bytes; the limit is ${limitBytes} bytes`);
    this.name = 'EventTooLargeError';
  }
}

/** The largest stored event (data + metadata as UTF-8 JSON) any adapter accepts. */
export const MAX_EVENT_BYTES = 256 * 1024;

/** Recorded time comes from a Clock port (never from the domain). Tests inject a fixed one. */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };
