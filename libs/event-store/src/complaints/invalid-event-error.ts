/** One reason an event failed its schema: where, and what is wrong. */
export interface EventIssue {
  path: string;
  message: string;
}

/**
 * An event (or its metadata) does not match its current schema. Thrown before anything is
 * written: an invalid event is a bug in whoever produced it, never something to store.
 */
export class InvalidEventError extends Error {
  constructor(
    readonly eventType: string,
    readonly issues: readonly EventIssue[],
  ) {
    super(`Invalid ${eventType}: ${issues.map((issue) => `${issue.path || '(root)'}: ${issue.message}`).join('; ')}`);
    this.name = 'InvalidEventError';
  }
}
