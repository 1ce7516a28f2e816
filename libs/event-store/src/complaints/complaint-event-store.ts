import { randomUUID } from 'node:crypto';
import {
  currentEvents,
  EventMetadata,
  streamCategoryOf,
  stripPersonalFields,
  upcast,
  type Actor,
  type ComplaintEvent,
  type ComplaintEventType,
  type EventDefinition,
  type StreamCategory,
} from '@complaints/contracts';
import { verifyChain, type IntegrityReport } from '../integrity/hash-chain';
import type { AppendResult, EventStore, ExpectedRevision, NewEvent, RecordedEvent } from '../port/event-store.port';
import type { KeyStore } from '../port/key-store.port';
import { DecidedStates } from '../commands/decided-states';
import { BatchKeys } from '../protection/batch-keys';
import { PersonalDataCipher, redactStoredData } from '../protection/personal-data-cipher';
import type { ComplaintEnvelope, ComplaintLogBatch } from './complaint-envelope';
import { InvalidEventError, type EventIssue } from './invalid-event-error';
import { parseStreamId, streamIdIn } from './stream-categories';

export interface ComplaintEventStoreDeps {
  store: EventStore;
  keys: KeyStore;
  /** Event ids. Default: random UUIDs. */
  newId?: () => string;
  /** Which records' streams load, append, readStored and verify address. Default: complaints. */
  category?: StreamCategory;
  /** The decided states of another view of the same store (inCategory): one cache, one erasure subscription. */
  decided?: DecidedStates;
}

export interface LoadOptions {
  /** Only the events recorded by then: the complaint as it stood at that moment. */
  asAt?: Date;
  /** Only events up to this revision. */
  toRevision?: number;
}

export interface ComplaintAppendOptions {
  expectedRevision: ExpectedRevision;
  actor: Actor;
  correlationId: string;
  causationId?: string;
  /** Whose key encrypts the personal fields of these events (from the complaint's state). */
  dataSubjectId?: string;
}

export interface LoadedComplaint {
  envelopes: ComplaintEnvelope[];
  /** Revision of the last event loaded (0 when none). */
  revision: number;
}

const PERSONAL_DATA_ERASED: ComplaintEventType = 'PersonalDataErased';

/**
 * The event store as the application uses it: complaint streams of typed, validated,
 * current-version events. Below it the EventStore port sees only stored forms (personal fields
 * encrypted); above it nobody handles ciphertexts, schema versions or stream names.
 * The same store addresses the other records of the log (feedback, governance) through
 * `inCategory`: the same validation, encryption, erasure and hash chain, other stream names.
 */
export class ComplaintEventStore {
  private readonly store: EventStore;
  private readonly keys: KeyStore;
  private readonly cipher: PersonalDataCipher;
  private readonly newId: () => string;
  readonly category: StreamCategory;
  /** What handleCommand left each stream in, so the next command need not read it (DecidedStates). */
  readonly decided: DecidedStates;

  constructor(deps: ComplaintEventStoreDeps) {
    this.store = deps.store;
    this.keys = deps.keys;
    this.cipher = new PersonalDataCipher(deps.keys);
    this.newId = deps.newId ?? randomUUID;
    this.category = deps.category ?? 'complaint';
    if (deps.decided) {
      this.decided = deps.decided;
    } else {
      const decided = new DecidedStates();
      this.decided = decided;
      // The states hold decrypted personal data: an erasure anywhere takes them out of memory.
      deps.keys.onErased?.((dataSubjectId) => decided.erased(dataSubjectId));
    }
  }

  static streamIdOf(complaintId: string): string {
    return streamIdIn('complaint', complaintId);
  }

  /** The complaint id of a complaint stream, or undefined for any other stream. */
  static complaintIdOf(streamId: string): string | undefined {
    const parsed = parseStreamId(streamId);
    return parsed?.category === 'complaint' ? parsed.id : undefined;
  }

  /** The same store addressing another category's streams (feedback, governance records). */
  inCategory(category: StreamCategory): ComplaintEventStore {
    return new ComplaintEventStore({
      store: this.store,
      keys: this.keys,
      newId: this.newId,
      category,
      decided: this.decided,
    });
  }

  /** The stream a record's id names in this store's category (what DecidedStates are kept by). */
  streamIdOf(id: string): string {
    return streamIdIn(this.category, id);
  }

  async load(complaintId: string, options: LoadOptions = {}): Promise<LoadedComplaint> {
    const records = await this.store.readStream(this.streamIdOf(complaintId), options);
    await this.completeErasures(records);
    const envelopes = await this.toEnvelopes(records);
    return { envelopes, revision: records.at(-1)?.revision ?? 0 };
  }

  /**
   * Validate every event against its current schema (nothing invalid is ever stored), encrypt
   * its personal fields, append with the expected revision, and hand back the stored envelopes.
   */
  async append(
    complaintId: string,
    events: readonly ComplaintEvent[],
    options: ComplaintAppendOptions,
  ): Promise<AppendResult & { envelopes: ComplaintEnvelope[] }> {
    const streamId = this.streamIdOf(complaintId);
    // A compliment's event on a complaint's stream (or the reverse) would be folded by the wrong decider.
    for (const event of events) {
      const belongsOn = streamCategoryOf(event.type);
      if (belongsOn !== this.category)
        throw new InvalidEventError(event.type, [
          { path: 'type', message: `${event.type} belongs on a ${belongsOn} stream, not on ${streamId}` },
        ]);
    }
    const valid = events.map((event) => validated(event, options));
    const newEvents: NewEvent[] = [];
    for (const { event, metadata } of valid) {
      const eventId = this.newId();
      const schemaVersion = definitionOfCurrent(event.type).schemaVersion;
      const data = await this.cipher.protect({
        eventId,
        type: event.type,
        schemaVersion,
        data: event.data,
        dataSubjectId: metadata.dataSubjectId,
      });
      newEvents.push({ eventId, type: event.type, schemaVersion, data, metadata });
    }

    const result = await this.store.append(streamId, newEvents, { expectedRevision: options.expectedRevision });
    // The port hands back the events as stored (recorded time, hashes, positions): no read-back.
    const envelopes = valid.map(({ event }, i) => {
      const record = result.recorded[i];
      if (!record || record.eventId !== newEvents[i]?.eventId.toLowerCase()) {
        throw new Error(`The ${this.store.kind} store did not hand back the events just appended to ${streamId}`);
      }
      return envelopeOf(record, event, false);
    });
    return { ...result, envelopes };
  }

  /** The global log of this service's events (every category) after a position, at most `limit` (other streams are skipped), personal data revealed. */
  async readAll(after: bigint, limit: number): Promise<ComplaintEnvelope[]> {
    return (await this.readBatch(after, limit)).revealed();
  }

  /**
   * The complaint events after a position, at most `limit`, read once as stored: each reader of
   * the batch (every read model a rebuild fills) takes the view it needs, and each view is
   * computed once, on first use — the personal data revealed with the batch's keys (BatchKeys,
   * looked up once per subject for the whole batch), or redacted without any key.
   */
  async readBatch(after: bigint, limit: number): Promise<ComplaintLogBatch> {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
    const records: RecordedEvent[] = [];
    let cursor = after;
    while (records.length < limit) {
      const batch = await this.store.readAll({ after: cursor, limit });
      const complaints = batch.filter((record) => parseStreamId(record.streamId) !== undefined);
      records.push(...complaints.slice(0, limit - records.length));
      const last = batch.at(-1);
      if (batch.length < limit || !last) break;
      cursor = last.globalPosition;
    }
    const keys = new BatchKeys(this.keys);
    let revealed: Promise<ComplaintEnvelope[]> | undefined;
    let redacted: ComplaintEnvelope[] | undefined;
    return {
      size: records.length,
      lastPosition: records.at(-1)?.globalPosition,
      keys,
      revealed: () => (revealed ??= this.toEnvelopes(records, keys)),
      redacted: () => (redacted ??= records.map(redactedEnvelopeOf)),
    };
  }

  /** The complaint's stream exactly as stored (personal fields still encrypted, nothing upcast): what an evidence pack carries. */
  async readStored(complaintId: string): Promise<RecordedEvent[]> {
    return this.store.readStream(this.streamIdOf(complaintId));
  }

  /** Check the hash chain of the complaint's stream as stored (ciphertexts and all). */
  async verify(complaintId: string): Promise<IntegrityReport> {
    const streamId = this.streamIdOf(complaintId);
    return verifyChain(streamId, await this.store.readStream(streamId));
  }

  /**
   * Destroy the data subject's key: every personal field encrypted with it now reads as erased.
   * The key store makes the copies of the key left in dead rows, WAL and backups useless by
   * rotating its key-encryption key (docs/data-protection.md).
   */
  async erase(dataSubjectId: string, at: Date): Promise<boolean> {
    return this.keys.destroyKey(dataSubjectId, at);
  }

  /**
   * A PersonalDataErased event is appended first and the key destroyed second; a crash in
   * between would leave the personal data readable although the history says it was erased.
   * Whoever next reads the stream finishes the job, with the time the erasure was recorded.
   */
  private async completeErasures(records: readonly RecordedEvent[]): Promise<void> {
    for (const record of records) {
      if (record.type !== PERSONAL_DATA_ERASED) continue;
      const subject = (record.data as { dataSubjectId?: unknown }).dataSubjectId;
      if (typeof subject !== 'string') continue;
      const key = await this.keys.findKey(subject);
      if (key) await this.keys.destroyKey(subject, new Date(record.recordedAt));
    }
  }

  private async toEnvelopes(records: readonly RecordedEvent[], keys?: BatchKeys): Promise<ComplaintEnvelope[]> {
    const revealed = await this.cipher.revealAll(
      records.map((record) => ({
        eventId: record.eventId,
        type: record.type,
        schemaVersion: record.schemaVersion,
        data: record.data,
        dataSubjectId: record.metadata.dataSubjectId,
      })),
      keys,
    );
    return revealed.map(({ data, erased }, i) => {
      const record = records[i] as RecordedEvent;
      // Erased fields no longer satisfy their schema ('[erased]' is not an email address).
      const event = upcast(record.type, record.schemaVersion, data, { validate: !erased });
      return envelopeOf(record, event, erased);
    });
  }
}

/**
 * The event with every personal field ERASED, its key never looked up: the stored version's
 * personal paths first (encrypted or in clear), then, after the upcast, the current version's
 * (a value an upcaster moved). Equal to the revealed event redacted the same way
 * (complaint-log-batch.unit.spec.ts proves it for every event type and stored version). Not
 * validated against the schema: ERASED is not a valid name or email address, and the stored
 * event was validated when appended.
 */
function redactedEnvelopeOf(record: RecordedEvent): ComplaintEnvelope {
  const upcast_ = upcast(record.type, record.schemaVersion, redactStoredData(record), { validate: false });
  const event = {
    type: upcast_.type,
    data: stripPersonalFields(upcast_.data, definitionOfCurrent(upcast_.type).personal),
  } as ComplaintEvent;
  return envelopeOf(record, event, true);
}

function envelopeOf(record: RecordedEvent, event: ComplaintEvent, personalDataErased: boolean): ComplaintEnvelope {
  const stream = parseStreamId(record.streamId);
  return {
    eventId: record.eventId,
    complaintId: stream?.id ?? record.streamId,
    category: stream?.category ?? 'complaint',
    streamId: record.streamId,
    type: event.type,
    storedSchemaVersion: record.schemaVersion,
    event,
    metadata: record.metadata,
    revision: record.revision,
    globalPosition: record.globalPosition,
    recordedAt: record.recordedAt,
    occurredAt: event.data.occurredAt,
    hash: record.hash,
    personalDataErased,
  };
}

function definitionOfCurrent(type: string): EventDefinition {
  const definition = (currentEvents as Record<string, EventDefinition>)[type];
  if (!definition) throw new InvalidEventError(type, [{ path: 'type', message: `${type} is not a complaint event` }]);
  return definition;
}

/** Parse data and metadata with their schemas; the parsed values (trimmed, defaulted) are what is stored. */
function validated(
  event: ComplaintEvent,
  options: ComplaintAppendOptions,
): { event: ComplaintEvent; metadata: EventMetadata } {
  const definition = definitionOfCurrent(event.type);
  const data = definition.schema.safeParse(event.data);
  if (!data.success) throw new InvalidEventError(event.type, issuesOf(data.error));
  const parsed = { type: event.type, data: data.data } as ComplaintEvent;
  const metadata = EventMetadata.safeParse({
    actor: options.actor,
    correlationId: options.correlationId,
    ...(options.causationId !== undefined ? { causationId: options.causationId } : {}),
    occurredAt: parsed.data.occurredAt,
    ...(options.dataSubjectId !== undefined ? { dataSubjectId: options.dataSubjectId } : {}),
  });
  if (!metadata.success) throw new InvalidEventError(event.type, issuesOf(metadata.error, 'metadata'));
  return { event: parsed, metadata: metadata.data };
}

function issuesOf(
  error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] },
  prefix?: string,
): EventIssue[] {
  return error.issues.map((issue) => ({
    path: [...(prefix ? [prefix] : []), ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
}
