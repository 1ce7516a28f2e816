import { Controller, Get, Headers, Inject, Param, Req } from '@nestjs/common';
import type { Request } from 'express';
import { ApiHeader, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { PathId } from '@complaints/contracts';
import { findCaseFileByReference, type CaseFile } from '@complaints/projections';
import { toLondonDate } from '@complaints/domain';
import type { Clock } from '@complaints/event-store';
import { CLOCK, ORGANISATION } from '../app/tokens';
import type { Organisation } from '@complaints/reporting';
import { Public } from '../auth/roles.decorator';
import { ProblemException, problems } from '../http/problem';
import { ProblemResponses } from '../openapi/zod-openapi';
import { ReadModels } from '../read-models/read-models.service';
import { FailedLookups } from './failed-lookups';
import { ResidentAccessCodes } from './resident-access-codes';
import { residentStatus } from '@complaints/reporting';

/** Stands in for the complaint id when the reference is unknown, so that case does the same work. */
const NO_COMPLAINT = '00000000-0000-0000-0000-000000000000';
/** The lookup budget charged for a path value no reference could have (PathId refuses it). */
const NOT_A_REFERENCE = '(not a reference)';

/**
 * The resident's own view of their complaint: no account, no token, the reference and the access
 * code from the acknowledgement letter. An unknown reference, a wrong code and a missing code all
 * get the same 404, after the same work, so the route tells a stranger nothing, not even that a
 * reference exists.
 */
@ApiTags('residents')
@Controller('api/v1/public/complaints')
export class ResidentStatusController {
  constructor(
    private readonly codes: ResidentAccessCodes,
    private readonly readModels: ReadModels,
    private readonly failedLookups: FailedLookups,
    @Inject(ORGANISATION) private readonly organisation: Organisation,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get(':reference/status')
  @Public()
  @ApiOperation({
    summary: "A resident's view of their complaint's progress (no token: the access code instead)",
    description:
      "Reference, status in plain words, stage, received / acknowledged dates, the response's Code date (codeResponseDue) and the organisation's own target (responseDue, later after an extension beyond the Code's limit), whether the Code date has passed, the responded date, the next step, and how to escalate or go to the Housing Ombudsman (name, telephone, website, email and when) when that is the next step: at once once a Code date has passed. Nothing else: no names, no notes.",
  })
  @ApiParam({ name: 'reference', example: 'CMP-2026-000123' })
  @ApiHeader({ name: 'X-Access-Code', required: true, description: 'The 10-character code given to the resident, e.g. 7KQ2M-XD4PA (case, spaces and hyphens ignored)' })
  @ApiResponse({ status: 200, description: 'The status' })
  @ApiResponse({ status: 429, description: 'Too many failed lookups from this address or for this reference: wait Retry-After seconds' })
  @ProblemResponses(404)
  async status(@Param('reference') reference: string, @Headers('x-access-code') code: string | undefined, @Req() req: Request) {
    // The attempt is taken before the lookup, so parallel guesses are counted one by one. A value
    // that cannot be a reference (NUL, blank, too long…) is never sent to SQL, not even as a budget
    // key: such guesses share one budget of their own.
    const plausible = PathId.safeParse(reference).success;
    const reservation = await this.failedLookups.reserve(req.ip ?? 'unknown', plausible ? reference : NOT_A_REFERENCE);
    if (!reservation.allowed) {
      throw new ProblemException(
        problems.tooManyRequests('Too many unsuccessful lookups from this address or for this reference. Try again later, or contact your landlord.'),
        { 'Retry-After': String(Math.ceil(reservation.retryAfterMs / 1000)) },
      );
    }
    const caseFile = plausible ? await this.caseFileOf(reference) : null;
    const allowed = await this.codes.matches(caseFile?.complaintId ?? NO_COMPLAINT, code);
    if (caseFile === null || !allowed) throw notFound();
    // The case file holds the complaint's redacted history: everything a resident's view needs, nothing personal.
    const status = residentStatus(caseFile.events, this.organisation.calendar, toLondonDate(this.clock.now()));
    if (!status) throw notFound();
    await this.failedLookups.refund(reservation);
    return status;
  }

  /** `reference` is one this service could have issued (PathId): anything else is unknown, and never sent to SQL. */
  private async caseFileOf(reference: string): Promise<CaseFile | null> {
    // Always wait (bounded) for the read model, found or not: a just-logged complaint is found, and timing reveals nothing.
    await this.readModels.caughtUp();
    return findCaseFileByReference(this.readModels.sql, reference);
  }
}

function notFound(): ProblemException {
  return new ProblemException(problems.notFound('No complaint matches this reference and access code. Check both against your letter.'));
}
