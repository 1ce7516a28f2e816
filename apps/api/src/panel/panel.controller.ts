import { Controller, Get, Query, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { z } from 'zod';
import { InputText, isYearInRange, QueryInteger, QueryMonth, YEAR_RANGE_MESSAGE } from '@complaints/contracts';
import { queryPanelLessons } from '@complaints/projections';
import { REPORT_READERS, WRITERS } from '../auth/role-policy';
import { Roles } from '../auth/roles.decorator';
import { ComplaintQueries } from '../complaints/read/complaint-queries.service';
import { requestContext } from '../http/request-context';
import { parseOr400 } from '../http/validation';
import { ProblemResponses, ZodQuery, ZodResponse } from '../openapi/zod-openapi';
import { CaseHistories } from '../read-models/case-histories';
import { ReadModels } from '../read-models/read-models.service';
import {
  monthBounds,
  PANEL_PERIOD,
  PANEL_PERIOD_HINT,
  panelPeriod,
  panelSample,
  queryMonthlyPanelReport,
} from '@complaints/reporting';
import { PanelMonthlyReportSchema, PanelSampleSchema } from '../openapi/report-schemas';

export const MAX_SAMPLE_SIZE = 100;

const SampleQuery = z.object({
  period: z
    .string()
    .regex(PANEL_PERIOD, { message: PANEL_PERIOD_HINT, abort: true })
    .refine((period) => isYearInRange(Number(period.slice(0, 4))), YEAR_RANGE_MESSAGE),
  size: QueryInteger(1, MAX_SAMPLE_SIZE).default(10),
  seed: InputText(100).optional(),
});
const MonthlyQuery = z.object({ month: QueryMonth });

/** Views for residents' scrutiny panels: built only from non-personal fields (architecture.md). */
@ApiTags('panel views')
@Controller('api/v1/panel')
export class PanelController {
  constructor(
    private readonly queries: ComplaintQueries,
    private readonly cases: CaseHistories,
    private readonly readModels: ReadModels,
  ) {}

  @Get('sample')
  @Roles(...REPORT_READERS)
  @ApiOperation({
    operationId: 'getPanelSample',
    summary: 'A reproducible random sample of closed cases, anonymised',
    description:
      'Complaints closed in the period, drawn at random but fixed by seed and period (the default seed is derived from the period, so the same URL gives the same sample). Each case has a caseKey (a hash of the seed and the complaint id) the panel can quote; officers and managers calling the same URL also see the complaint id and reference.',
  })
  @ZodQuery(SampleQuery, {
    period: 'YYYY-MM, YYYY (reporting year) or YYYY-Qn (quarter of the reporting year, Q1 = April-June)',
    size: `1-${MAX_SAMPLE_SIZE}, default 10`,
  })
  @ZodResponse(200, '{ period, from, to, seed, closedInPeriod, size, cases[] }', PanelSampleSchema)
  @ProblemResponses(400, 401, 403)
  async sample(@Query() query: Record<string, unknown>, @Req() req: Request) {
    const q = parseOr400(SampleQuery, query);
    const { from, to } = panelPeriod(q.period);
    const histories = await this.cases.list({ receivedOnOrBefore: to, activeOnOrAfter: from });
    const role = requestContext(req).actingRole;
    return panelSample(
      histories.map((h) => h.events),
      this.queries.organisation.calendar,
      {
        period: q.period,
        size: q.size,
        ...(q.seed ? { seed: q.seed } : {}),
        identify: (WRITERS as readonly string[]).includes(role ?? ''),
        asOf: this.queries.today(),
      },
    );
  }

  @Get('reports/monthly')
  @Roles(...REPORT_READERS)
  @ApiOperation({
    operationId: 'getPanelMonthlyReport',
    summary: "The scrutiny panel's monthly report",
    description:
      'Received, closed, escalated; within-timescales percentages and upheld rates of the responses issued; open and overdue at the end of the month; compensation offered and paid; satisfaction; lessons recorded in the month (the lesson only, screened as in the lessons register, no reference or owner).',
  })
  @ZodQuery(MonthlyQuery, { month: { example: '2026-03' } })
  @ZodResponse(200, 'The month in figures', PanelMonthlyReportSchema)
  @ProblemResponses(400, 401, 403)
  async monthly(@Query() query: Record<string, unknown>) {
    const { month } = parseOr400(MonthlyQuery, query);
    const { from, to } = monthBounds(month);
    // Both facts tables live in the case files' table set; the lessons' screened text in the lessons read model.
    await this.readModels.caughtUp();
    // The lessons are read beside the month's figures, not before them.
    return queryMonthlyPanelReport(
      this.readModels.sql,
      month,
      queryPanelLessons(this.readModels.sql, this.readModels.seal, { from, to }),
    );
  }
}
