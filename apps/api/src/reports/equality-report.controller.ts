import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { reportingYear } from '@complaints/domain';
import { EQUALITY_MONITORING, queryEqualityAnswers } from '@complaints/projections';
import { equalityReport } from '@complaints/reporting';
import { EQUALITY_REPORT_READERS } from '../auth/role-policy';
import { Roles } from '../auth/roles.decorator';
import { parseOr400 } from '../http/validation';
import { ProblemResponses, ZodQuery, ZodResponse } from '../openapi/zod-openapi';
import { ReadModels } from '../read-models/read-models.service';
import { ReportingYear } from './reporting-year-query';
import { EqualityReportSchema } from '../openapi/report-schemas';

const EqualityQuery = z.object({ year: ReportingYear });

/**
 * Equality monitoring in aggregate only (docs/data-protection.md, "Circumstances and equality
 * monitoring"): the answers are special-category data, so no route returns one resident's.
 */
@ApiTags('reports and dashboards')
@Controller('api/v1/reports')
export class EqualityReportController {
  constructor(private readonly readModels: ReadModels) {}

  @Get('equality')
  @Roles(...EQUALITY_REPORT_READERS)
  @ApiOperation({
    operationId: 'getEqualityReport',
    summary: 'Equality monitoring for a reporting year, in aggregate',
    description:
      "Complaints received in the reporting year (year=2025 is 1 April 2025 to 31 March 2026) whose resident gave equality monitoring answers: per question, how many gave each answer. A count under 5 reads 'fewer than 5'; where one does, the question's total is 'withheld', and where it is the only one, the next smallest count is 'withheld' too, so none can be worked out by subtraction. Erased complaints are not counted.",
  })
  @ZodQuery(EqualityQuery, { year: { example: 2025 } })
  @ZodResponse(
    200,
    '{ year, from, to, respondents, questions: [{ question, cells: [{ answer, count }], total }], suppression }',
    EqualityReportSchema,
  )
  @ProblemResponses(400, 401, 403)
  async equality(@Query() query: Record<string, unknown>) {
    const { year } = parseOr400(EqualityQuery, query);
    const period = reportingYear(year);
    await this.readModels.caughtUp(EQUALITY_MONITORING);
    return equalityReport(await queryEqualityAnswers(this.readModels.sql, this.readModels.seal, period), period);
  }
}
