import { Controller, Get, Headers, Inject, Param } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { COMPLAINT_SUMMARIES, COMPLAINT_SUMMARIES_TABLE, withActiveTables } from '@complaints/projections';
import { INFRASTRUCTURE, ORGANISATION, type Organisation } from '../app/tokens';
import { Public } from '../auth/roles.decorator';
import { ProblemException, problems } from '../http/problem';
import type { Infrastructure } from '../infrastructure/open-infrastructure';
import { ProblemResponses } from '../openapi/zod-openapi';
import { ReadModels } from '../read-models/read-models.service';
import { ResidentAccessCodes } from './resident-access-codes';
import { residentStatus } from './resident-status';

/** Stands in for the complaint id when the reference is unknown, so that case does the same work. */
const NO_COMPLAINT = '00000000-0000-0000-0000-000000000000';

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
    @Inject(INFRASTRUCTURE) private readonly infrastructure: Infrastructure,
    @Inject(ORGANISATION) private readonly organisation: Organisation,
  ) {}

  @Get(':reference/status')
  @Public()
  @ApiOperation({
    summary: "A resident's view of their complaint's progress (no token: the access code instead)",
    description:
      'Reference, status in plain words, stage, received / acknowledged dates, response due and responded dates, the next step, and how to escalate or go to the Housing Ombudsman when that is the next step. Nothing else: no names, no notes.',
  })
  @ApiParam({ name: 'reference', example: 'CMP-2026-000123' })
  @ApiHeader({ name: 'X-Access-Code', required: true, description: 'The 10-character code given to the resident, e.g. 7KQ2M-XD4PA (case, spaces and hyphens ignored)' })
  @ApiResponse({ status: 200, description: 'The status' })
  @ProblemResponses(404)
  async status(@Param('reference') reference: string, @Headers('x-access-code') code: string | undefined) {
    const complaintId = await this.complaintIdOf(reference);
    const allowed = await this.codes.matches(complaintId ?? NO_COMPLAINT, code);
    if (complaintId === null || !allowed) throw notFound();
    const { envelopes } = await this.infrastructure.complaints.load(complaintId);
    const status = residentStatus(envelopes.map((e) => e.event), this.organisation.calendar);
    if (!status) throw notFound();
    return status;
  }

  private async complaintIdOf(reference: string): Promise<string | null> {
    if (reference.length > 100) return null;
    // Always wait (bounded) for the read model, found or not: a just-logged complaint is found, and timing reveals nothing.
    await this.readModels.caughtUp();
    const sql = this.readModels.sql;
    const rows = await withActiveTables(sql, COMPLAINT_SUMMARIES, (tables) =>
      sql.query<{ complaint_id: string }>(`SELECT complaint_id FROM ${tables.table(COMPLAINT_SUMMARIES_TABLE)} WHERE reference = $1`, [reference]),
    );
    return rows[0]?.complaint_id ?? null;
  }
}

function notFound(): ProblemException {
  return new ProblemException(problems.notFound('No complaint matches this reference and access code. Check both against your letter.'));
}
