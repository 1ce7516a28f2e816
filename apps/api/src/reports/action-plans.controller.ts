import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { InputShortText } from '@complaints/contracts';
import { actionPlanCsv } from '@complaints/documents';
import { queryLessons, queryPanelLessons } from '@complaints/projections';
import { actionPlanFor, quarterOf } from '@complaints/reporting';
import { ReportingQuarter } from './reporting-year-query';
import { EQUALITY_REPORT_READERS } from '../auth/role-policy';
import { Roles } from '../auth/roles.decorator';
import { ComplaintQueries } from '../complaints/read/complaint-queries.service';
import { problems, ProblemException } from '../http/problem';
import { requestContext } from '../http/request-context';
import { parseOr400 } from '../http/validation';
import { MediaResponse, mediaTypesOf, ProblemResponses, ZodQuery } from '../openapi/zod-openapi';
import { ReadModels } from '../read-models/read-models.service';
import { ActionPlansSchema } from '../openapi/report-schemas';

const ActionPlanQuery = z.object({
  quarter: ReportingQuarter,
  serviceArea: InputShortText.optional(),
});

const TYPES = ['application/json', 'text/csv'] as const;

/** Managers, auditors and scrutiny panels (panels read the screened text, without owners, references or evidence). */
const ACTION_PLAN_READERS = EQUALITY_REPORT_READERS;

/** The quarterly lessons action plans per service area (docs/api.md, "Improvement actions and action plans"). */
@ApiTags('reports and dashboards')
@Controller('api/v1/reports')
export class ActionPlansController {
  constructor(
    private readonly queries: ComplaintQueries,
    private readonly readModels: ReadModels,
  ) {}

  @Get('action-plans')
  @Roles(...ACTION_PLAN_READERS)
  @ApiOperation({
    operationId: 'getActionPlans',
    summary: 'Quarterly lessons action plans, per service area',
    description:
      "For the quarter of a reporting year (2025-Q3 is October to December 2025) and each service area: the lessons recorded in it and their improvement actions (owner, due date, status planned / overdue / made as of today, made on, what changed), and the actions of earlier lessons carried over (not made before the quarter began). Scrutiny panels read the lessons register's screened text, without complaint references, owners or evidence. JSON, or CSV with Accept: text/csv.",
  })
  @ZodQuery(ActionPlanQuery, {
    quarter: { example: '2025-Q3' },
    serviceArea: 'One service area (ignoring case); default all',
  })
  @MediaResponse(
    200,
    '{ quarter, from, to, asOf, serviceAreas: [{ serviceArea, lessons[], carriedOver[], counts }] }',
    mediaTypesOf(TYPES, ActionPlansSchema),
  )
  @ProblemResponses(400, 401, 403, 406)
  async actionPlans(
    @Query() query: Record<string, unknown>,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { quarter, serviceArea } = parseOr400(ActionPlanQuery, query);
    const type = req.accepts([...TYPES]);
    if (!type)
      throw new ProblemException(problems.notAcceptable(`The action plans are available as ${TYPES.join(', ')}.`));
    const period = quarterOf(quarter);
    if (!period) throw new Error('validated above');
    await this.readModels.caughtUp();
    // Every lesson up to the quarter's end: those of the quarter, and earlier ones whose action may be carried over.
    const lessonQuery = { to: period.to, ...(serviceArea !== undefined ? { serviceArea } : {}) };
    const today = this.queries.today();
    const plan =
      requestContext(req).actingRole === 'scrutiny_panel'
        ? actionPlanFor(await queryPanelLessons(this.readModels.sql, this.readModels.seal, lessonQuery), period, today)
        : actionPlanFor(await queryLessons(this.readModels.sql, this.readModels.seal, lessonQuery), period, today);
    res.setHeader('Vary', 'Accept');
    if (type === 'text/csv') {
      res
        .type('text/csv; charset=utf-8')
        .setHeader('Content-Disposition', `attachment; filename="action-plans-${quarter}.csv"`);
      return actionPlanCsv(plan);
    }
    return plan;
  }
}
