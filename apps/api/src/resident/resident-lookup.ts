import { Inject, Injectable } from '@nestjs/common';
import { PathId } from '@complaints/contracts';
import { toLondonDate } from '@complaints/domain';
import type { Clock } from '@complaints/event-store';
import { findCaseFileByReference, type CaseFile } from '@complaints/projections';
import { residentStatus, type Organisation } from '@complaints/reporting';
import { CLOCK, ORGANISATION } from '../app/tokens';
import { ReadModels } from '../read-models/read-models.service';
import { FailedLookups } from './failed-lookups';
import { ResidentAccessCodes } from './resident-access-codes';

/** Stands in for the complaint id when the reference is unknown, so that case does the same work. */
const NO_COMPLAINT = '00000000-0000-0000-0000-000000000000';
/** The lookup budget charged for a value no reference could have (PathId refuses it). */
const NOT_A_REFERENCE = '(not a reference)';

export type ResidentStatus = NonNullable<ReturnType<typeof residentStatus>>;

/** What a lookup came to: the status, nothing (one answer for every failure), or a refusal until the budget refills. */
export type ResidentLookupResult =
  | { outcome: 'found'; status: ResidentStatus }
  | { outcome: 'not-found' }
  | { outcome: 'too-many'; retryAfterSeconds: number };

/**
 * A resident's lookup of their complaint by reference and access code, as the API route and the
 * /resident page both answer it: one attempt from the FailedLookups budgets is taken before
 * anything is looked up, an unknown reference, a wrong code and a missing code all come to the
 * same 'not-found' after the same work, and a success gives its attempt back.
 */
@Injectable()
export class ResidentLookup {
  constructor(
    private readonly codes: ResidentAccessCodes,
    private readonly readModels: ReadModels,
    private readonly failedLookups: FailedLookups,
    @Inject(ORGANISATION) private readonly organisation: Organisation,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async lookUp(address: string, reference: string, code: string | undefined): Promise<ResidentLookupResult> {
    // The attempt is taken before the lookup, so parallel guesses are counted one by one. A value
    // that cannot be a reference (NUL, blank, too long…) is never sent to SQL, not even as a budget
    // key: such guesses share one budget of their own.
    const plausible = PathId.safeParse(reference).success;
    const reservation = await this.failedLookups.reserve(address, plausible ? reference : NOT_A_REFERENCE);
    if (!reservation.allowed)
      return { outcome: 'too-many', retryAfterSeconds: Math.ceil(reservation.retryAfterMs / 1000) };
    const caseFile = plausible ? await this.caseFileOf(reference) : null;
    const allowed = await this.codes.matches(caseFile?.complaintId ?? NO_COMPLAINT, code);
    if (caseFile === null || !allowed) return { outcome: 'not-found' };
    // The case file holds the complaint's redacted history: everything a resident's view needs, nothing personal.
    const status = residentStatus(caseFile.events, this.organisation.calendar, toLondonDate(this.clock.now()));
    if (!status) return { outcome: 'not-found' };
    await this.failedLookups.refund(reservation);
    return { outcome: 'found', status };
  }

  /** `reference` is one this service could have issued (PathId): anything else is unknown, and never sent to SQL. */
  private async caseFileOf(reference: string): Promise<CaseFile | null> {
    // Always wait (bounded) for the read model, found or not: a just-logged complaint is found, and timing reveals nothing.
    await this.readModels.caughtUp();
    return findCaseFileByReference(this.readModels.sql, reference);
  }
}
