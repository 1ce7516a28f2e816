import {
  definitionOf,
  erasedPathsOf,
  ERASED,
  firstPersonalPathIn,
  mapPersonalFields,
  UnknownEventError,
  type EventDefinition,
  type PersonalPath,
} from '@complaints/contracts';
import type { KeyStore } from '../port/key-store.port';
import { BatchKeys } from './batch-keys';
import { decryptField, encryptField, fieldBinding, isEncryptedField } from './encrypted-field';
import { MissingDataSubjectError, PersonalDataIntegrityError } from './personal-data-errors';

/** What the cipher needs to know about an event: its identity, its schema, and whose data it holds. */
export interface ProtectableEvent {
  eventId: string;
  type: string;
  schemaVersion: number;
  data: unknown;
  dataSubjectId?: string | undefined;
}

export interface RevealedData {
  data: unknown;
  /** True when the data subject's key was destroyed and the personal fields read as ERASED. */
  erased: boolean;
}

/**
 * Crypto-shredding. The personal paths of an event's schema version (as written, so a v1 event
 * uses the v1 paths) are encrypted with the data subject's key; destroying that key erases them
 * everywhere at once, old events and backups included, while the non-personal facts stay. The
 * fields an older version holds in clear, written before they were classified as personal
 * (personalInClear), read as ERASED too once the key is destroyed; the stored bytes never change.
 */
export class PersonalDataCipher {
  constructor(private readonly keys: KeyStore) {}

  /** The stored form of `event.data`. Throws KeyDestroyedError when the subject was already erased. */
  async protect(event: ProtectableEvent): Promise<unknown> {
    const paths = personalPathsOf(event.type, event.schemaVersion);
    if (!hasPersonalValues(event.data, paths)) return event.data;
    if (!event.dataSubjectId) throw new MissingDataSubjectError(event.type);
    const key = await this.keys.getOrCreateKey(event.dataSubjectId);
    return mapWithOccurrence(event.data, paths, (value, path, occurrence) =>
      encryptField(key, value, fieldBinding(event.eventId, path, occurrence)),
    );
  }

  /**
   * Reveal the personal fields of many events, looking each subject's key up once (in `keys`,
   * the batch's own keys, when given: BatchKeys).
   */
  async revealAll(
    events: readonly ProtectableEvent[],
    keys: BatchKeys = new BatchKeys(this.keys),
  ): Promise<RevealedData[]> {
    await keys.prefetch(events.map((event) => event.dataSubjectId));
    const keyOf = (subject: string) => keys.findKey(subject);
    const revealed: RevealedData[] = [];
    for (const event of events) revealed.push(await this.revealWith(event, keyOf));
    return revealed;
  }

  async reveal(event: ProtectableEvent): Promise<RevealedData> {
    const [revealed] = await this.revealAll([event]);
    return revealed as RevealedData;
  }

  private async revealWith(
    event: ProtectableEvent,
    keyOf: (subject: string) => Promise<Buffer | null | undefined>,
  ): Promise<RevealedData> {
    const definition = definitionFor(event.type, event.schemaVersion);
    const paths = definition.personal;
    if (!hasPersonalValues(event.data, paths)) {
      // Only fields held in clear (or none): nothing to decrypt, but erased with the key all the same.
      const inClear = definition.personalInClear ?? [];
      if (!event.dataSubjectId || !hasPersonalValues(event.data, inClear)) return { data: event.data, erased: false };
      if ((await keyOf(event.dataSubjectId)) !== null) return { data: event.data, erased: false };
      return { data: mapPersonalFields(event.data, inClear, () => ERASED), erased: true };
    }
    if (!event.dataSubjectId) {
      throw new PersonalDataIntegrityError(
        event.eventId,
        event.type,
        firstPresentPath(event.data, paths),
        'no-data-subject',
      );
    }
    const key = await keyOf(event.dataSubjectId);
    // A destroyed key erases whatever sits at a personal path, encrypted or not.
    if (key === null)
      return { data: mapPersonalFields(event.data, erasedPathsOf(definition), () => ERASED), erased: true };
    if (key === undefined) {
      throw new PersonalDataIntegrityError(
        event.eventId,
        event.type,
        firstPresentPath(event.data, paths),
        'unknown-key',
      );
    }
    const data = mapWithOccurrence(event.data, paths, (value, path, occurrence) => {
      if (!isEncryptedField(value))
        throw new PersonalDataIntegrityError(event.eventId, event.type, path, 'not-encrypted');
      try {
        return decryptField(key, value, fieldBinding(event.eventId, path, occurrence));
      } catch {
        throw new PersonalDataIntegrityError(event.eventId, event.type, path, 'undecryptable');
      }
    });
    return { data, erased: false };
  }
}

/**
 * The stored data with every value at a personal path of its version read as ERASED, encrypted
 * or held in clear, without any key: what a reader that never needs the clear text gets
 * (ComplaintLogBatch.redacted). Nothing is decrypted, so nothing personal is ever in memory.
 */
export function redactStoredData(event: Pick<ProtectableEvent, 'type' | 'schemaVersion' | 'data'>): unknown {
  return mapPersonalFields(event.data, erasedPathsOf(definitionFor(event.type, event.schemaVersion)), () => ERASED);
}

function definitionFor(type: string, schemaVersion: number): EventDefinition {
  const definition = definitionOf(type, schemaVersion);
  if (!definition) throw new UnknownEventError(type, schemaVersion);
  return definition;
}

function personalPathsOf(type: string, schemaVersion: number): readonly PersonalPath[] {
  return definitionFor(type, schemaVersion).personal;
}

/**
 * mapPersonalFields, also telling the callback which occurrence of a path this is (the n-th
 * element of `decisions[].head`). The traversal order is fixed, so encrypt and decrypt count alike.
 */
function mapWithOccurrence(
  data: unknown,
  paths: readonly PersonalPath[],
  fn: (value: unknown, path: PersonalPath, occurrence: number) => unknown,
): unknown {
  const counts = new Map<PersonalPath, number>();
  return mapPersonalFields(data, paths, (value, path) => {
    const occurrence = counts.get(path) ?? 0;
    counts.set(path, occurrence + 1);
    return fn(value, path, occurrence);
  });
}

function hasPersonalValues(data: unknown, paths: readonly PersonalPath[]): boolean {
  return firstPersonalPathIn(data, paths) !== undefined;
}

function firstPresentPath(data: unknown, paths: readonly PersonalPath[]): PersonalPath {
  return firstPersonalPathIn(data, paths) ?? paths[0] ?? '';
}
