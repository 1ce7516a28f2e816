import { WrongExpectedRevisionError, type ExpectedRevision } from '../port/event-store.port';

/** Refuse an expected revision that is none of the port's three forms, before anything is read or written. */
export function assertValidExpectedRevision(expected: ExpectedRevision): void {
  if (expected === 'any' || expected === 'no_stream') return;
  if (!Number.isInteger(expected) || expected < 0) {
    throw new RangeError(`expectedRevision must be 'no_stream', 'any' or a revision >= 0, got ${String(expected)}`);
  }
}

/**
 * The expected-revision rule of the port, for a stream found at revision `actual` (0 when it
 * does not exist): `any` always holds, `no_stream` means 0, a number must match exactly.
 */
export function assertExpectedRevision(streamId: string, expected: ExpectedRevision, actual: number): void {
  if (expected === 'any') return;
  const required = expected === 'no_stream' ? 0 : expected;
  if (actual !== required) throw new WrongExpectedRevisionError(streamId, expected, actual);
}
