import { Body, Controller, Get, HttpCode, Inject, Post, Query, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { z } from 'zod';
import { InputDate, InputInstant, PathId } from '@complaints/contracts';
import { queryRetentionDue, RETENTION } from '@complaints/projections';
import { APP_CONFIG } from '../app/tokens';
import { ERASERS } from '../auth/role-policy';
import { Roles } from '../auth/roles.decorator';
import { ComplaintQueries } from '../complaints/read/complaint-queries.service';
import { writeContextOf } from '../complaints/write/write-context';
import type { AppConfig } from '../config/app-config';
import { parseOr400 } from '../http/validation';
import { ProblemResponses, ZodBody, ZodQuery, ZodResponse } from '../openapi/zod-openapi';
import { ReadModels } from '../read-models/read-models.service';
import { RetentionErasures } from './retention-erasures';
import { ErasureApprovalsSchema, RetentionDueSchema } from '../openapi/report-schemas';

const DueQuery = z.strictObject({ asOf: InputDate.optional() });

/** At most this many complaints per approval: each is a write and a key destroyed, one after another. */
export const MAX_ERASURES_PER_APPROVAL = 100;

const ApprovalBody = z.strictObject({
  complaintIds: z
    .array(PathId)
    .min(1)
    .max(MAX_ERASURES_PER_APPROVAL)
    .refine((ids) => new Set(ids).size === ids.length, 'must not name a complaint twice'),
  approvedAt: InputInstant.optional(),
});

/**
 * The retention schedule (RETENTION_YEARS_AFTER_END; docs/domain.md, "Retention and legal
 * hold"): which complaints are due for erasure, and an administrator's approval of erasing them.
 */
@ApiTags('retention')
@Controller('api/v1/retention')
export class RetentionController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly readModels: ReadModels,
    private readonly queries: ComplaintQueries,
    private readonly erasures: RetentionErasures,
  ) {}

  @Get('due')
  @Roles(...ERASERS)
  @ApiOperation({
    operationId: 'listRetentionDue',
    summary: 'Complaints due for erasure under the retention schedule (admin)',
    description:
      'Every complaint not yet erased whose retention period (RETENTION_YEARS_AFTER_END years from its end, or from the close of its Ombudsman case if later) had run out on asOf. status "due": erasure may be approved; "held": due, but kept by the holds listed (an open Ombudsman case, or legal holds). Oldest first.',
  })
  @ZodQuery(DueQuery, { asOf: 'YYYY-MM-DD (London); default today' })
  @ZodResponse(
    200,
    '{ asOf, retentionYears, cases: [{ id, reference, status, retentionFrom, dueOn, holds }] }',
    RetentionDueSchema,
  )
  @ProblemResponses(400, 401, 403)
  async due(@Query() query: Record<string, unknown>) {
    const { asOf } = parseOr400(DueQuery, query);
    const day = asOf ?? this.queries.today();
    const years = this.config.retention.yearsAfterEnd;
    await this.readModels.caughtUp(RETENTION);
    const cases = await queryRetentionDue(this.readModels.sql, { asOf: day, years });
    return {
      asOf: day,
      retentionYears: years,
      cases: cases.map(({ complaintId, ...rest }) => ({ id: complaintId, ...rest })),
    };
  }

  @Post('erasures')
  @HttpCode(200)
  @Roles(...ERASERS)
  @ApiOperation({
    operationId: 'approveErasures',
    summary: 'Approve erasure of listed complaints on retention grounds (admin)',
    description:
      'For each complaint, in order: if it is still due and nothing holds it, records RetentionErasureApproved (who, when, under which schedule) and PersonalDataErased in one write, destroying its key. Otherwise nothing is recorded for it. The answer says per complaint: erased (with its revision), refused (the rule, e.g. retention-period-not-over, erasure-under-legal-hold, personal-data-already-erased), not_found or not_recorded (it kept changing: approve it again).',
  })
  @ZodBody('ApproveErasuresRequest', ApprovalBody, { complaintIds: ['3f1c9a52-8d2e-4b7a-9c61-0e5f2d7b8a34'] })
  @ZodResponse(200, '{ approvedBy, retentionYears, results: [{ id, outcome, … }] }', ErasureApprovalsSchema)
  @ProblemResponses(400, 401, 403, 413, 415)
  async approve(@Req() req: Request, @Body() body: unknown) {
    const { complaintIds, approvedAt } = parseOr400(ApprovalBody, body ?? {});
    const context = writeContextOf(req);
    const results = await this.erasures.approve(complaintIds, approvedAt, context);
    return { approvedBy: context.actor.id, retentionYears: this.config.retention.yearsAfterEnd, results };
  }
}
