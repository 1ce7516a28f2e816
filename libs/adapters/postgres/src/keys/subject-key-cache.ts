import { RecentEntries } from '@complaints/event-store';

/**
 * The subject keys this process unwrapped lately, so that a command (read the stream, decide,
 * encrypt, append) and a read of one complaint ask the database for none of them: without it a
 * command made two key look-ups and a key-creating transaction of four round trips.
 *
 * What it holds: the unwrapped key, or null once the subject was erased. How it stays true:
 *   - an erasure by this process marks the subject at once (SqlKeyStore.destroyKey);
 *   - an erasure by another instance reaches every instance by NOTIFY on
 *     SUBJECT_KEY_DESTROYED_CHANNEL, sent in the erasing transaction (so only once it commits);
 *   - a listening connection that was lost and re-established clears everything (what was
 *     announced meanwhile was heard by nobody);
 *   - and whatever the notifications do, an entry lives at most `maxAgeMs`: the bound on how
 *     long a key erased elsewhere can still open data here while notifications are lost.
 * A KEK rotation re-wraps keys but never changes them, so it leaves the entries true.
 * Bounded in size, least recently used out (docs/data-protection.md, "Keys in memory").
 */
export const SUBJECT_KEY_DESTROYED_CHANNEL = 'complaints_subject_key_destroyed';

export class SubjectKeyCache {
  private readonly entries: RecentEntries<Buffer | null>;

  constructor(capacity = 10_000, maxAgeMs = 60_000, now?: () => number) {
    this.entries = new RecentEntries(capacity, maxAgeMs, now);
  }

  /** The key, null when erased, undefined when not known here (ask the database). */
  get(dataSubjectId: string): Buffer | null | undefined {
    return this.entries.get(dataSubjectId);
  }

  remember(dataSubjectId: string, key: Buffer | null): void {
    this.entries.set(dataSubjectId, key);
  }

  /** A NOTIFY payload: a subject erased somewhere, or '' (notifications may have been missed). */
  heard(payload: string): void {
    if (payload === '') this.entries.clear();
    else this.remember(payload, null);
  }

  clear(): void {
    this.entries.clear();
  }
}
