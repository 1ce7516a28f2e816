/** A rule of the domain forbids the command now (HTTP 409). Nothing was appended; never retried. */
export class DomainRuleError extends Error {
  constructor(
    readonly rule: string,
    message: string,
  ) {
    super(message);
    this.name = 'DomainRuleError';
  }
}

/** The client's If-Match revision is no longer the complaint's revision (HTTP 412). Nothing was decided. */
export class StaleRevisionError extends Error {
  constructor(
    readonly complaintId: string,
    readonly expectedRevision: number,
    readonly currentRevision: number,
  ) {
    super(`Complaint ${complaintId} is at revision ${currentRevision}, not ${expectedRevision}`);
    this.name = 'StaleRevisionError';
  }
}

/** Other writers kept changing the complaint: every attempt lost the race. Nothing was appended. */
export class ConcurrencyError extends Error {
  constructor(
    readonly complaintId: string,
    readonly attempts: number,
  ) {
    super(`Complaint ${complaintId} kept changing while the command was decided (${attempts} attempts)`);
    this.name = 'ConcurrencyError';
  }
}
