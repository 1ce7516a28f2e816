import type { Instant } from '@complaints/contracts';

/**
 * Instants arrive as ISO-8601 strings with any offset (`Z`, `+01:00`), so they cannot be
 * compared as strings: 10:30+01:00 is before 10:00Z. Compare them as points on the time line.
 */
function epochMillis(instant: Instant): number {
  return new Date(instant).getTime();
}

export function isAfter(a: Instant, b: Instant): boolean {
  return epochMillis(a) > epochMillis(b);
}

export function isBefore(a: Instant, b: Instant): boolean {
  return epochMillis(a) < epochMillis(b);
}

/** The later of two instants, keeping the original string of the winner. */
export function latest(a: Instant, b: Instant): Instant {
  return isAfter(b, a) ? b : a;
}
