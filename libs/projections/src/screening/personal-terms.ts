import type { ComplaintReceived } from '@complaints/contracts';

/**
 * What screening looks for in a complaint's staff free text: its own complainant's and
 * representative's names, emails, phones and addresses, as recorded on receipt. Plain JSON, so a
 * read model can keep it beside the complaint until the data subject is erased (then it is
 * dropped, like the clear text of the chronology).
 */
export interface PersonalTerms {
  names: string[];
  emails: string[];
  phones: string[];
  addresses: string[];
}

export const NO_TERMS: PersonalTerms = { names: [], emails: [], phones: [], addresses: [] };

/**
 * The terms of a receipt. A person or field that reads as erased (the key destroyed, or the
 * redacted copy) is an ERASED string rather than an object and gives no terms.
 */
export function personalTermsOf(received: ComplaintReceived): PersonalTerms {
  const terms: PersonalTerms = { names: [], emails: [], phones: [], addresses: [] };
  const complainant: unknown = received.complainant;
  const representative: unknown = received.representative;
  if (isRecord(complainant)) {
    pushText(terms.names, complainant['name']);
    pushText(terms.emails, complainant['email']);
    pushText(terms.phones, complainant['phone']);
    pushText(terms.addresses, complainant['address']);
  }
  if (isRecord(representative)) pushText(terms.names, representative['name']);
  return terms;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function pushText(into: string[], value: unknown): void {
  if (typeof value === 'string' && value.trim() !== '') into.push(value.trim());
}
