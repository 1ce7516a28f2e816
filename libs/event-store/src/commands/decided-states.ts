import { RecentEntries } from '../memory/recent-entries';

/**
 * The state each stream was left in by the last command this process handled on it, so that the
 * next command on that stream decides at once and sends one statement (the append) instead of
 * two (read the stream, append): the read, and decrypting, upcasting and folding every event of
 * the stream again, was half a command's time. What it holds and how long:
 * docs/data-protection.md, "Decided states in memory".
 *
 * Why it can be trusted without reading: an append applies only if the stream is still exactly
 * where this state says (expected revision, and on SQL the tip's hash). When another instance
 * (or any writer that bypassed this process's commands) moved the stream, the append is refused
 * as a conflict and handleCommand decides again on a fresh read. Decisions that append nothing —
 * a rule violation, or nothing to do — are never answered from here: handleCommand reads the
 * stream and decides again first, so a refusal is always of the stream as it is.
 *
 * The state holds personal data (contacts, names, lessons), so entries go:
 *   - when the subject is erased, in this process or (through the key store's notifications, see
 *     KeyStore.onErased) in another;
 *   - after `maxAgeMs` whatever happens (the same bound as the subject keys held in memory);
 *   - least recently used first beyond `capacity`.
 */
export interface DecidedState {
  /** The decider whose state this is (a stream is only ever decided by one; checked anyway). */
  decider: unknown;
  state: unknown;
  revision: number;
  lastPosition: bigint | null;
  /** Whose personal data the state holds, if anyone's. */
  dataSubjectId: string | undefined;
}

export class DecidedStates {
  private readonly entries: RecentEntries<DecidedState>;

  constructor(capacity = 10_000, maxAgeMs = 60_000, now?: () => number) {
    this.entries = new RecentEntries(capacity, maxAgeMs, now);
  }

  get(streamKey: string, decider: unknown): DecidedState | undefined {
    const entry = this.entries.get(streamKey);
    if (entry && entry.decider !== decider) {
      this.entries.delete(streamKey);
      return undefined;
    }
    return entry;
  }

  remember(streamKey: string, decided: DecidedState): void {
    this.entries.set(streamKey, decided);
  }

  forget(streamKey: string): void {
    this.entries.delete(streamKey);
  }

  /** A subject was erased (or, with null, subjects may have been erased unseen): their states go. */
  erased(dataSubjectId: string | null): void {
    if (dataSubjectId === null) {
      this.entries.clear();
      return;
    }
    for (const [key, entry] of this.entries.entriesHeld())
      if (entry.dataSubjectId === dataSubjectId) this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}
