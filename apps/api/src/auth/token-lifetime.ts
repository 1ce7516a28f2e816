/**
 * How long a bearer token may live. A token is a credential that cannot be revoked: one that
 * never expires (no `exp`), or expires months after it was issued, stays usable after the person
 * has left or the token has leaked. So every token must carry `exp`, and exp − iat (or exp − now
 * when there is no iat) may not exceed the maximum.
 *
 * 24 hours by default: identity providers issue access tokens for minutes to an hour, well
 * within it, and a development token printed by `npm start` lasts the working day.
 */
export const DEFAULT_MAX_TOKEN_LIFETIME_SECONDS = 24 * 60 * 60;
/** Bounds of AUTH_MAX_TOKEN_LIFETIME: at least a minute, at most 30 days. */
export const MIN_MAX_TOKEN_LIFETIME_SECONDS = 60;
export const MAX_MAX_TOKEN_LIFETIME_SECONDS = 30 * 24 * 60 * 60;

const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86_400 } as const;

/** Seconds in a duration such as `90s`, `15m`, `12h`, `7d` (a bare number is seconds); undefined when it is not one. */
export function durationSeconds(text: string): number | undefined {
  const match = /^\s*(\d{1,7})\s*([smhd]?)\s*$/.exec(text);
  if (!match?.[1]) return undefined;
  const unit = (match[2] || 's') as keyof typeof UNIT_SECONDS;
  return Number(match[1]) * UNIT_SECONDS[unit];
}

/** A lifetime as people write it: `24h`, `90m`, `45s`, `7d`. */
export function describeDuration(seconds: number): string {
  if (seconds % 86_400 === 0 && seconds > 86_400) return `${seconds / 86_400}d`;
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}
