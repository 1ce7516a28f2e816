import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { InputDate, InputShortText } from '@complaints/contracts';
import { APP_CONFIG } from '../app/tokens';
import { CASE_REPORT_READERS } from '../auth/role-policy';
import { Roles } from '../auth/roles.decorator';
import { ComplaintQueries } from '../complaints/read/complaint-queries.service';
import type { AppConfig } from '../config/app-config';
import { parseOr400 } from '../http/validation';
import { ProblemResponses, ZodQuery, ZodResponse } from '../openapi/zod-openapi';
import { ReadModels } from '../read-models/read-models.service';
import { ATTENTION_REASONS, queryAttentionQueue } from '@complaints/reporting';
import { AttentionQueueSchema } from '../openapi/read-schemas';

const AttentionQuery = z.object({
  asOf: InputDate.optional(),
  handlerId: InputShortText.optional(),
  serviceArea: InputShortText.optional(),
  reason: z.enum(ATTENTION_REASONS).optional(),
});

/** The complaints team's work list: what needs doing, most urgent first. Names cases, so never for panels. */
@ApiTags('reports and dashboards')
@Controller('api/v1')
export class AttentionController {
  constructor(
    private readonly queries: ComplaintQueries,
    private readonly readModels: ReadModels,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('attention')
  @Roles(...CASE_REPORT_READERS)
  @ApiOperation({
    operationId: 'getAttentionQueue',
    summary: 'Attention queue: what needs acting on, most urgent first',
    description:
      'Open complaints whose acknowledgement or response is overdue or due within 2 working days (2024 Code), open complaints with no activity for ATTENTION_INACTIVITY_WORKING_DAYS (default 20), remedy actions past their date and not completed (also after closure), compensation offered but not paid, and the dated follow-ups: reasonable adjustment and restriction reviews, promised updates, and lessons’ improvement actions not made (improvement_action_overdue / _due_soon, also after closure: closing a complaint does not end an organisational action). Missed deadlines first (longest overdue first), then quiet cases and unpaid compensation, then deadlines coming up.',
  })
  @ZodQuery(AttentionQuery, { asOf: 'YYYY-MM-DD (London); default today' })
  @ZodResponse(200, '{ asOf, inactivityWorkingDays, dueSoonWorkingDays, count, items[] }', AttentionQueueSchema)
  @ProblemResponses(400, 401, 403)
  async attention(@Query() query: Record<string, unknown>) {
    const { asOf, ...filter } = parseOr400(AttentionQuery, query);
    const day = asOf ?? this.queries.today();
    // From the complaints as they stood on the day (case_fact_versions), once the read models have caught up.
    await this.readModels.caughtUp();
    return queryAttentionQueue(this.readModels.sql, {
      calendar: this.queries.organisation.calendar,
      asOf: day,
      inactivityWorkingDays: this.config.reports.attentionInactivityWorkingDays,
      filter,
    });
  }
}
