import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Tenure } from '@complaints/contracts';
import { ReportingYear } from './reporting-year-query';
import { reportingYear, TSM_MEASURES, tsmComplaints } from '@complaints/domain';
import { CASE_REPORT_READERS, REPORT_READERS } from '../auth/role-policy';
import { Roles } from '../auth/roles.decorator';
import { ComplaintQueries } from '../complaints/read/complaint-queries.service';
import { parseOr400 } from '../http/validation';
import { ProblemResponses } from '../openapi/zod-openapi';
import { CaseHistories } from '../read-models/case-histories';
import { annualReport } from '@complaints/reporting';

const AnnualQuery = z.object({ year: ReportingYear });
const DrillDownQuery = z
  .object({
    year: ReportingYear,
    measure: z.enum(TSM_MEASURES),
    tenure: Tenure.optional(),
    withinTimescales: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  })
  .refine((q) => q.withinTimescales === undefined || q.measure.startsWith('ch02'), {
    path: ['withinTimescales'],
    message: 'applies only to the CH02 measures (ch02-stage1, ch02-stage2)',
  });

/** The annual report's data and the complaints behind each TSM figure. */
@ApiTags('reports and dashboards')
@Controller('api/v1/reports')
export class AnnualReportsController {
  constructor(
    private readonly queries: ComplaintQueries,
    private readonly cases: CaseHistories,
  ) {}

  @Get('annual')
  @Roles(...REPORT_READERS)
  @ApiOperation({
    summary: 'Annual complaints report data for a reporting year',
    description:
      'Volumes and upheld rates by service area and category, average working days to acknowledge and respond per stage, extensions, escalation rate, compensation by kind (offered and paid), refusals by ground, lessons and service changes, Ombudsman referrals, findings and orders, satisfaction. Aggregates only: no personal data, no references.',
  })
  @ApiQuery({ name: 'year', required: true, example: 2025 })
  @ApiResponse({ status: 200, description: 'The figures of the reporting year' })
  @ProblemResponses(400, 401, 403)
  async annual(@Query() query: Record<string, unknown>) {
    const { year } = parseOr400(AnnualQuery, query);
    const period = reportingYear(year);
    const histories = await this.cases.list({ receivedOnOrBefore: period.to, activeOnOrAfter: period.from });
    return annualReport(histories.map((h) => h.events), this.queries.organisation.calendar, year);
  }

  @Get('tsm/:year/complaints')
  @Roles(...CASE_REPORT_READERS)
  @ApiOperation({
    summary: 'The complaints behind a TSM figure',
    description:
      'Lists the complaints counted in one figure of GET /reports/tsm for the same year (same rules, so the list is as long as the figure): CH01 stage 1 / stage 2, CH02 stage 1 / stage 2 (with responded on, due and within), or refused. Optional tenure and, for CH02, withinTimescales filters.',
  })
  @ApiParam({ name: 'year', example: 2025 })
  @ApiQuery({ name: 'measure', required: true, enum: TSM_MEASURES })
  @ApiQuery({ name: 'tenure', required: false, enum: ['LCRA', 'LCHO'] })
  @ApiQuery({ name: 'withinTimescales', required: false, enum: ['true', 'false'] })
  @ApiResponse({ status: 200, description: '{ year, measure, count, complaints[] }' })
  @ProblemResponses(400, 401, 403)
  async tsmComplaints(@Param('year') year: string, @Query() query: Record<string, unknown>) {
    const q = parseOr400(DrillDownQuery, { ...query, year });
    const period = reportingYear(q.year);
    // The same selection as GET /reports/tsm, so the two cannot drift apart.
    const histories = await this.cases.list({ receivedOnOrBefore: period.to, activeOnOrAfter: period.from });
    const complaints = tsmComplaints(
      histories.map((h) => h.events),
      { year: q.year, calendar: this.queries.organisation.calendar },
      { measure: q.measure, ...(q.tenure ? { tenure: q.tenure } : {}), ...(q.withinTimescales !== undefined ? { withinTimescales: q.withinTimescales } : {}) },
    );
    return {
      year: q.year,
      measure: q.measure,
      tenure: q.tenure ?? null,
      withinTimescales: q.withinTimescales ?? null,
      count: complaints.length,
      complaints,
    };
  }
}
