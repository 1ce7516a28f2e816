import type { ReadAllOptions } from '../port/event-store.port';

/** Refuse a nonsense read of the global log (a batch that is not a positive integer, a negative position) before any I/O. */
export function assertValidReadAll(options: ReadAllOptions): void {
  if (!Number.isInteger(options.limit) || options.limit < 1)
    throw new RangeError(`limit must be a positive integer, got ${options.limit}`);
  if (options.after < 0n) throw new RangeError(`after cannot be negative (${options.after})`);
}
