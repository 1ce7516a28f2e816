/** Personal fields were about to be stored with nobody to encrypt them for. Nothing was stored. */
export class MissingDataSubjectError extends Error {
  constructor(readonly eventType: string) {
    super(`${eventType} carries personal data but names no data subject: it cannot be encrypted, so it is not stored`);
    this.name = 'MissingDataSubjectError';
  }
}

export type PersonalDataProblem =
  /** The value at a personal path is not in encrypted form: it was written around the cipher or altered. */
  | 'not-encrypted'
  /** GCM authentication failed: the ciphertext was altered, or moved from another event or field. */
  | 'undecryptable'
  /** The event has encrypted fields but its data subject never had a key here (keys lost or wrong key store). */
  | 'unknown-key'
  /** The event has personal fields but its metadata names no data subject. */
  | 'no-data-subject';

/**
 * A stored event's personal data cannot be read back as it was written. Reported as an
 * integrity failure of that event, never shown as if it were the real value.
 */
export class PersonalDataIntegrityError extends Error {
  constructor(
    readonly eventId: string,
    readonly eventType: string,
    readonly path: string,
    readonly problem: PersonalDataProblem,
  ) {
    super(`Personal field ${path} of ${eventType} ${eventId} cannot be read: ${describe(problem)}`);
    this.name = 'PersonalDataIntegrityError';
  }
}

function describe(problem: PersonalDataProblem): string {
  switch (problem) {
    case 'not-encrypted':
      return 'it is not encrypted';
    case 'undecryptable':
      return 'it fails authentication (altered, or moved from another event or field)';
    case 'unknown-key':
      return 'the data subject has no key in the key store';
    case 'no-data-subject':
      return 'the event names no data subject';
  }
}
