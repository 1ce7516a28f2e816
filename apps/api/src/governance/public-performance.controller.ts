import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { toLondonDate } from '@complaints/domain';
import type { Clock } from '@complaints/event-store';
import {
  annualReportContents,
  annualReportRecord,
  publishedPerformance,
  yearSelfAssessment,
} from '@complaints/reporting';
import { annualReportInputOf } from '@complaints/documents';
import { CASE_FILES } from '@complaints/projections';
import { APP_CONFIG, CLOCK } from '../app/tokens';
import type { AppConfig } from '../config/app-config';
import { Public } from '../auth/roles.decorator';
import { ComplaintQueries } from '../complaints/read/complaint-queries.service';
import { ProblemException, problems } from '../http/problem';
import { parseOr400 } from '../http/validation';
import {
  BINARY,
  MediaResponse,
  mediaTypesOf,
  ProblemResponses,
  TEXT,
  ZodQuery,
  ZodResponse,
} from '../openapi/zod-openapi';
import { ReadModels } from '../read-models/read-models.service';
import { ReportingYear } from '../reports/reporting-year-query';
import {
  SELF_ASSESSMENT_FORMATS,
  SELF_ASSESSMENT_TYPES,
  selfAssessmentTypeOf,
  sendSelfAssessment,
} from '../reports/send-self-assessment';
import { AnnualReportRecords } from './annual-report-records';
import { documentTypeOf, sendAnnualReport } from './governance-reports.controller';
import { PublicPerformanceSchema, SelfAssessmentSchema } from '../openapi/report-schemas';

const YearQuery = z.object({ year: ReportingYear });
const PublicDocumentQuery = z.object({ year: ReportingYear, format: z.enum(['pdf', 'html']).optional() });
export const PUBLIC_ANNUAL_REPORT_PATH = '/api/v1/public/annual-report';
export const PUBLIC_SELF_ASSESSMENT_PATH = '/api/v1/public/self-assessment';
const PublicSelfAssessmentQuery = z.object({ year: ReportingYear, format: z.enum(SELF_ASSESSMENT_FORMATS).optional() });
/** Aggregates change only as complaints are recorded: a shared cache may keep them a few minutes. */
const PUBLIC_CACHE = 'public, max-age=300';

/**
 * Published complaints performance (Code 8.2), for anyone: no token, nothing personal. Under
 * /api/v1/public/, so the authentication middleware lets it through without a token, and @Public
 * so the roles guard does too. There is nothing to guess here (no reference, no code), so no
 * lookup budget as on the resident's route; answers are cacheable aggregates.
 */
@ApiTags('published performance')
@Controller('api/v1/public')
export class PublicPerformanceController {
  constructor(
    private readonly records: AnnualReportRecords,
    private readonly readModels: ReadModels,
    private readonly queries: ComplaintQueries,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('performance')
  @Public()
  @ApiOperation({
    operationId: 'getPublicPerformance',
    summary: "The landlord's published complaints performance for a reporting year (no token)",
    description:
      'TSM CH01 (complaints per 1,000 homes, stage 1 and 2) and CH02 (share answered within the Code\'s timescales); complaints received by service area, with counts under 5 shown as "fewer than 5" (and one more withheld where it would give one away by subtraction); once the annual report is published, what changed because of complaints (the improvement actions made in the year with their lesson and what changed, screened as the panel reads them: no reference, no owner, no names); links to the published annual report. Aggregates only.',
  })
  @ZodQuery(YearQuery, { year: { example: 2025 } })
  @ZodResponse(
    200,
    '{ year, period, tsm, complaintsByServiceArea, whatChanged[], annualReport, selfAssessment }',
    PublicPerformanceSchema,
  )
  @ProblemResponses(400)
  async performance(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response) {
    const { year } = parseOr400(YearQuery, query);
    await this.readModels.caughtUp();
    res.setHeader('Cache-Control', PUBLIC_CACHE);
    return publishedPerformance(this.readModels.sql, this.readModels.seal, this.records.governance, {
      year,
      homes: this.queries.organisation.homes,
      links: {
        annualReport: (y) => `${PUBLIC_ANNUAL_REPORT_PATH}?year=${y}`,
        selfAssessment: (y) => `${PUBLIC_SELF_ASSESSMENT_PATH}?year=${y}`,
      },
    });
  }

  @Get('annual-report')
  @Public()
  @ApiOperation({
    operationId: 'getPublicAnnualReport',
    summary: "A year's published annual complaints report, with the governing body's response (no token)",
    description:
      'The document of GET /reports/annual/document as published. 404 until it is published. Accept: application/pdf or text/html (or ?format=pdf|html); PDF when no preference is stated.',
  })
  @ZodQuery(PublicDocumentQuery, { year: { example: 2025 } })
  @MediaResponse(200, 'The published report', { 'application/pdf': BINARY, 'text/html': TEXT })
  @ProblemResponses(400, 404, 406)
  async annualReport(
    @Query() query: Record<string, unknown>,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const { year, format } = parseOr400(PublicDocumentQuery, query);
    const type = documentTypeOf(req, format, ['application/pdf', 'text/html']);
    await this.readModels.caughtUp();
    const today = toLondonDate(this.clock.now());
    const contents = await annualReportContents(
      this.readModels.sql,
      this.readModels.seal,
      this.records.governance,
      year,
      today,
    );
    if (contents.record.publishedAt === null) {
      throw new ProblemException(
        problems.notFound(`The annual complaints report for ${year} to ${year + 1} has not been published yet.`),
      );
    }
    res.setHeader('Cache-Control', PUBLIC_CACHE);
    const input = annualReportInputOf(contents, this.config.letters.landlord.name, today);
    await sendAnnualReport(res, type, input, `annual-complaints-report-${year}`);
  }

  @Get('self-assessment')
  @Public()
  @ApiOperation({
    operationId: 'getPublicSelfAssessment',
    summary: "A year's published self-assessment against the Complaint Handling Code (no token)",
    description:
      "The self-assessment of GET /reports/self-assessment as a scrutiny panel reads it (statements screened, no staff names, no lists of complaints), published with the annual report (Code 8.2): 404 until the year's report is published. JSON by default; Accept: text/csv or application/pdf (or ?format=json|csv|pdf) for the Ombudsman's form.",
  })
  @ZodQuery(PublicSelfAssessmentQuery, { year: { example: 2025 } })
  @MediaResponse(
    200,
    '{ year, code, provisions: { "6.2": { … } }, summary }, as a panel reads it',
    mediaTypesOf(SELF_ASSESSMENT_TYPES, SelfAssessmentSchema),
  )
  @ProblemResponses(400, 404, 406)
  async selfAssessment(
    @Query() query: Record<string, unknown>,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const { year, format } = parseOr400(PublicSelfAssessmentQuery, query);
    const type = selfAssessmentTypeOf(req, format);
    const record = await annualReportRecord(this.records.governance, year);
    if (record.publishedAt === null) {
      throw new ProblemException(
        problems.notFound(
          `The self-assessment for ${year} to ${year + 1} is published with that year's annual complaints report, which has not been published yet.`,
        ),
      );
    }
    await this.readModels.caughtUp(CASE_FILES);
    const assessment = await yearSelfAssessment(this.readModels.sql, this.records.governance, year, 'panel');
    res.setHeader('Cache-Control', PUBLIC_CACHE);
    await sendSelfAssessment(res, type, assessment, {
      landlordName: this.config.letters.landlord.name,
      generatedOn: toLondonDate(this.clock.now()),
    });
  }
}
