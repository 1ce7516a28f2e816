/**
 * What a process keeps in memory for a while, by key: at most `capacity` entries, least recently
 * used out first, none older than `maxAgeMs` (an entry past its age is dropped when next asked
 * for). The one mechanism behind the decided states (DecidedStates), the unwrapped subject keys
 * (the SQL adapter's SubjectKeyCache) and the API's verified bearer tokens: each adds only what
 * makes its entries true (erasures, NOTIFY, a token's expiry).
 */
export class RecentEntries<V> {
  private readonly entries = new Map<string, { value: V; at: number }>();

  constructor(
    private readonly capacity: number,
    private readonly maxAgeMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (this.now() - entry.at > this.maxAgeMs) return undefined;
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, { value, at: this.now() });
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  /** Every entry held, whatever its age (to drop some by what they hold). */
  *entriesHeld(): IterableIterator<[string, V]> {
    for (const [key, entry] of this.entries) yield [key, entry.value];
  }

  get size(): number {
    return this.entries.size;
  }
}
