/**
 * Which streams of the EventStoreDB database belong to this store. One ESDB database may hold
 * other applications' streams and always holds its own system streams (`$...`); the port's
 * global log is only ours, so every `$all` read and subscription is narrowed to these prefixes.
 */
export class StreamScope {
  readonly prefixes: readonly string[];

  constructor(prefixes: readonly string[]) {
    if (prefixes.length === 0) throw new RangeError('At least one stream prefix is needed');
    for (const prefix of prefixes) {
      if (prefix.length === 0 || prefix.startsWith('$'))
        throw new RangeError(`Invalid stream prefix ${JSON.stringify(prefix)}`);
    }
    this.prefixes = [...prefixes];
  }

  includes(streamId: string, eventType: string): boolean {
    if (streamId.startsWith('$') || eventType.startsWith('$')) return false;
    return this.prefixes.some((prefix) => streamId.startsWith(prefix));
  }
}

/** The application's streams: ComplaintEventStore names them `complaint-<id>`. */
export const COMPLAINT_STREAM_PREFIXES: readonly string[] = ['complaint-'];
