import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { QueryInteger, Tenure } from '@complaints/contracts';
import { ReportingYear } from './reporting-year-query';
import { TSM_MEASURES } from '@complaints/domain';
import { CASE_FILES } from '@complaints/projections';
import { CASE_REPORT_READERS, REPORT_READERS } from '../auth/role-policy';
import { Roles } from '../auth/roles.decorator';
import { parseOr400 } from '../http/validation';
import { ProblemResponses, ZodQuery, ZodResponse } from '../openapi/zod-openapi';
import { ReadModels } from '../read-models/read-models.service';
import { annualReportFromFacts, decodeTsmCursor, tsmComplaintsFromFacts, type TsmCursor } from '@complaints/reporting';
import { AnnualReportSchema, TsmComplaintsSchema } from '../openapi/report-schemas';

const AnnualQuery = z.object({ year: ReportingYear });
const DrillDownQuery = z
  .object({
    year: ReportingYear,
    measure: z.enum(TSM_MEASURES),
    tenure: Tenure.optional(),
    withinTimescales: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
    after: z
      .string()
      .max(1000)
      .transform((text, ctx): TsmCursor => {
        const cursor = decodeTsmCursor(text);
        if (cursor === null) {
          ctx.addIssue({ code: 'custom', message: 'must be the `next` of an earlier page' });
          return z.NEVER;
        }
        return cursor;
      })
      .optional(),
    limit: QueryInteger(1, 1000).default(100),
  })
  .refine((q) => q.withinTimescales === undefined || q.measure.startsWith('ch02'), {
    path: ['withinTimescales'],
    message: 'applies only to the CH02 measures (ch02-stage1, ch02-stage2)',
  });

/** The annual report's data and the complaints behind each TSM figure. */
@ApiTags('reports and dashboards')
@Controller('api/v1/reports')
export class AnnualReportsController {
  constructor(private readonly readModels: ReadModels) {}

  @Get('annual')
  @Roles(...REPORT_READERS)
  @ApiOperation({
    operationId: 'getAnnualReport',
    summary: 'Annual complaints report data for a reporting year',
    description:
      'Volumes and upheld rates by service area and category, average working days to acknowledge and respond per stage, extensions, escalation rate, compensation by kind (offered and paid), refusals by ground, lessons and service changes, Ombudsman referrals, findings and orders, satisfaction; `enquiries`: enquiries from MPs, councillors and other representative bodies received and answered in the year, by kind, with the median working days from receipt to answer. Aggregates only: no personal data, no references.',
  })
  @ZodQuery(AnnualQuery, { year: { example: 2025 } })
  @ZodResponse(200, 'The figures of the reporting year', AnnualReportSchema)
  @ProblemResponses(400, 401, 403)
  async annual(@Query() query: Record<string, unknown>) {
    const { year } = parseOr400(AnnualQuery, query);
    // From the measures the case files keep, once they hold every write made so far.
    await this.readModels.caughtUp(CASE_FILES);
    return annualReportFromFacts(this.readModels.sql, year);
  }

  @Get('tsm/:year/complaints')
  @Roles(...CASE_REPORT_READERS)
  @ApiOperation({
    operationId: 'listTsmComplaints',
    summary: 'The complaints behind a TSM figure',
    description:
      'Lists the complaints counted in one figure of GET /reports/tsm for the same year (same rules, so `count` is the figure): CH01 stage 1 / stage 2, CH02 stage 1 / stage 2 (with responded on, due and within), or refused, in the order received. Optional tenure and, for CH02, withinTimescales filters. At most `limit` complaints a page; `next` is the `after` of the next page (null on the last).',
  })
  @ApiParam({ name: 'year', example: 2025 })
  @ZodQuery(DrillDownQuery, { after: 'The `next` of the previous page', limit: '1-1000, default 100' }, ['year'])
  @ZodResponse(200, '{ year, measure, tenure, withinTimescales, count, complaints[], next }', TsmComplaintsSchema)
  @ProblemResponses(400, 401, 403)
  async tsmComplaints(@Param('year') year: string, @Query() query: Record<string, unknown>) {
    const q = parseOr400(DrillDownQuery, { ...query, year });
    await this.readModels.caughtUp(CASE_FILES);
    const page = await tsmComplaintsFromFacts(
      this.readModels.sql,
      q.year,
      {
        measure: q.measure,
        ...(q.tenure ? { tenure: q.tenure } : {}),
        ...(q.withinTimescales !== undefined ? { withinTimescales: q.withinTimescales } : {}),
      },
      { limit: q.limit, ...(q.after ? { after: q.after } : {}) },
    );
    return {
      year: q.year,
      measure: q.measure,
      tenure: q.tenure ?? null,
      withinTimescales: q.withinTimescales ?? null,
      count: page.count,
      complaints: page.complaints,
      next: page.next,
    };
  }
}
