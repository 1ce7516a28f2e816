import { Controller, Get, Headers, Param, Req } from '@nestjs/common';
import type { Request } from 'express';
import { ApiHeader, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/roles.decorator';
import { ProblemException, problems } from '../http/problem';
import { ProblemResponses, ZodResponse } from '../openapi/zod-openapi';
import { ResidentLookup } from './resident-lookup';
import { ResidentStatusSchema } from '../openapi/read-schemas';

/**
 * The resident's own view of their complaint: no account, no token, the reference and the access
 * code from the acknowledgement letter. An unknown reference, a wrong code and a missing code all
 * get the same 404, after the same work, so the route tells a stranger nothing, not even that a
 * reference exists.
 */
@ApiTags('residents')
@Controller('api/v1/public/complaints')
export class ResidentStatusController {
  constructor(private readonly lookup: ResidentLookup) {}

  @Get(':reference/status')
  @Public()
  @ApiOperation({
    operationId: 'getResidentStatus',
    summary: "A resident's view of their complaint's progress (no token: the access code instead)",
    description:
      "Reference, status in plain words, stage, received / acknowledged dates, the response's Code date (codeResponseDue) and the organisation's own target (responseDue, later after an extension beyond the Code's limit), whether the Code date has passed, the responded date, the next step, and how to escalate or go to the Housing Ombudsman (name, telephone, website, email and when) when that is the next step: at once once a Code date has passed. Nothing else: no names, no notes.",
  })
  @ApiParam({ name: 'reference', example: 'CMP-2026-000123' })
  @ApiHeader({
    name: 'X-Access-Code',
    required: true,
    description: 'The 10-character code given to the resident, e.g. 7KQ2M-XD4PA (case, spaces and hyphens ignored)',
  })
  @ZodResponse(200, 'The status', ResidentStatusSchema)
  @ApiResponse({
    status: 429,
    description: 'Too many failed lookups from this address or for this reference: wait Retry-After seconds',
  })
  @ProblemResponses(404)
  async status(
    @Param('reference') reference: string,
    @Headers('x-access-code') code: string | undefined,
    @Req() req: Request,
  ) {
    const result = await this.lookup.lookUp(req.ip ?? 'unknown', reference, code);
    if (result.outcome === 'too-many') {
      throw new ProblemException(
        problems.tooManyRequests(
          'Too many unsuccessful lookups from this address or for this reference. Try again later, or contact your landlord.',
        ),
        { 'Retry-After': String(result.retryAfterSeconds) },
      );
    }
    if (result.outcome === 'not-found') throw notFound();
    return result.status;
  }
}

function notFound(): ProblemException {
  return new ProblemException(
    problems.notFound('No complaint matches this reference and access code. Check both against your letter.'),
  );
}
