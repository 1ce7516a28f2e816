import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { PublishAnnualReport, RecordGoverningBodyResponse } from '@complaints/contracts';
import {
  annualReportDocument,
  annualReportHtml,
  annualReportInputOf,
  annualReportPdf,
  memberResponsibleHtml,
  memberResponsiblePdf,
  type AnnualReportInput,
} from '@complaints/documents';
import { annualReportContents, memberResponsibleReport } from '@complaints/reporting';
import { toLondonDate } from '@complaints/domain';
import type { Clock } from '@complaints/event-store';
import { APP_CONFIG, CLOCK } from '../app/tokens';
import type { AppConfig } from '../config/app-config';
import { GOVERNANCE_RECORDERS, REPORT_READERS } from '../auth/role-policy';
import { Roles } from '../auth/roles.decorator';
import { ProblemException, problems } from '../http/problem';
import { parseOr400 } from '../http/validation';
import {
  BINARY,
  MediaResponse,
  mediaTypesOf,
  ProblemResponses,
  TEXT,
  ZodBody,
  ZodQuery,
  ZodResponse,
} from '../openapi/zod-openapi';
import { ReadModels } from '../read-models/read-models.service';
import { ReportingQuarter, ReportingYear } from '../reports/reporting-year-query';
import { writeContextOf } from '../complaints/write/write-context';
import { AnnualReportRecords } from './annual-report-records';
import {
  AnnualReportDocumentSchema,
  GovernanceWriteResultSchema,
  MemberResponsibleReportSchema,
} from '../openapi/report-schemas';

const YearParam = z.object({ year: ReportingYear });
const DOCUMENT_TYPES = ['application/pdf', 'text/html', 'application/json'] as const;
type DocumentType = (typeof DOCUMENT_TYPES)[number];
const FORMATS = { pdf: 'application/pdf', html: 'text/html', json: 'application/json' } as const satisfies Record<
  string,
  DocumentType
>;
const Format = z.enum(['pdf', 'html', 'json']).optional();
const DocumentQuery = z.object({ year: ReportingYear, format: Format });
const QuarterQuery = z.object({
  quarter: ReportingQuarter,
  format: Format,
});

/** The type asked for: ?format= first, else the Accept header among the types given (the first when it states no preference). */
export function documentTypeOf(
  req: Request,
  format: keyof typeof FORMATS | undefined,
  types: readonly DocumentType[],
): DocumentType {
  const type = format ? FORMATS[format] : req.accepts([...types]);
  if (!type || !types.includes(type as DocumentType))
    throw new ProblemException(problems.notAcceptable(`Available as ${types.join(', ')}.`));
  return type as DocumentType;
}

/**
 * The Code's governance outputs (sections 8 and 9): the annual complaints performance and
 * service-improvement report as a document, the governing body's response and publication, and
 * the periodic report to the Member Responsible for Complaints. Aggregates and screened lessons only.
 */
@ApiTags('reports and dashboards')
@Controller('api/v1/reports')
export class GovernanceReportsController {
  constructor(
    private readonly records: AnnualReportRecords,
    private readonly readModels: ReadModels,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('annual/:year/governing-body-response')
  @HttpCode(200)
  @Roles(...GOVERNANCE_RECORDERS)
  @ApiOperation({
    operationId: 'recordGoverningBodyResponse',
    summary: "Record the governing body's response to a year's annual complaints report",
    description:
      'Code 8.2: the report is published together with the governing body\'s response. Body: body (which body: "Board"), response (its words, up to 8,000 characters, paragraphs separated by a blank line), respondedAt (default now). May be recorded again until the report is published; the latest stands. 409 annual-report-already-published once published; occurred-in-future; response-before-reporting-year.',
  })
  @ApiParam({ name: 'year', example: 2025, description: 'The reporting year by the year it starts in' })
  @ZodBody('RecordGoverningBodyResponseRequest', RecordGoverningBodyResponse, {
    body: 'Board',
    response: 'The Board has considered the report and accepts it.',
    respondedAt: '2026-06-18T18:00:00+01:00',
  })
  @ZodResponse(200, '{ year, revision, position, events, published }', GovernanceWriteResultSchema)
  @ProblemResponses(400, 401, 403, 409, 412, 413, 415)
  async recordResponse(@Param() params: Record<string, unknown>, @Body() body: unknown, @Req() req: Request) {
    const { year } = parseOr400(YearParam, params);
    const data = parseOr400(RecordGoverningBodyResponse, body);
    return this.records.write(year, { type: 'RecordGoverningBodyResponse', data }, writeContextOf(req));
  }

  @Post('annual/:year/publication')
  @HttpCode(200)
  @Roles(...GOVERNANCE_RECORDERS)
  @ApiOperation({
    operationId: 'publishAnnualReport',
    summary: "Publish a year's annual complaints report with the governing body's response",
    description:
      'From then GET /api/v1/public/annual-report?year= serves it to anyone and the published performance lists what changed. Body: publishedAt (default now). 409 governing-body-response-required without a response; reporting-year-not-ended before 1 April after the year; annual-report-already-published the second time.',
  })
  @ApiParam({ name: 'year', example: 2025 })
  @ZodBody('PublishAnnualReportRequest', PublishAnnualReport, { publishedAt: '2026-06-30T09:00:00+01:00' })
  @ZodResponse(200, '{ year, revision, position, events, published }', GovernanceWriteResultSchema)
  @ProblemResponses(400, 401, 403, 409, 412, 415)
  async publish(@Param() params: Record<string, unknown>, @Body() body: unknown, @Req() req: Request) {
    const { year } = parseOr400(YearParam, params);
    const data = parseOr400(PublishAnnualReport, body ?? {});
    return this.records.write(year, { type: 'PublishAnnualReport', data }, writeContextOf(req));
  }

  @Get('annual/document')
  @Roles(...REPORT_READERS)
  @ApiOperation({
    operationId: 'getAnnualReportDocument',
    summary: 'The annual complaints performance and service-improvement report (Code 8.1) as a document',
    description:
      "The figures of GET /reports/annual in words, the Ombudsman's findings and orders, the year's lessons and service changes (screened as the panel reads them), and the governing body's response; titled Draft until published. Accept: application/pdf (A4), text/html (printable) or application/json (the document's sections), or ?format=pdf|html|json; PDF when no preference is stated.",
  })
  @ZodQuery(DocumentQuery, { year: { example: 2025 } })
  @MediaResponse(200, 'The report', mediaTypesOf(DOCUMENT_TYPES, AnnualReportDocumentSchema))
  @ProblemResponses(400, 401, 403, 406)
  async annualDocument(
    @Query() query: Record<string, unknown>,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const { year, format } = parseOr400(DocumentQuery, query);
    const type = documentTypeOf(req, format, DOCUMENT_TYPES);
    await this.readModels.caughtUp();
    const input = annualReportInputOf(
      await annualReportContents(
        this.readModels.sql,
        this.readModels.seal,
        this.records.governance,
        year,
        this.today(),
      ),
      this.organisation,
      this.today(),
    );
    await sendAnnualReport(res, type, input, `annual-complaints-report-${year}${input.publishedAt ? '' : '-draft'}`);
  }

  @Get('member-responsible')
  @Roles(...REPORT_READERS)
  @ApiOperation({
    operationId: 'getMemberResponsible',
    summary: 'The periodic report to the Member Responsible for Complaints (Code 9)',
    description:
      "A quarter of the reporting year: volumes, timeliness against the Code, extensions and escalation, outcomes, service areas, redress, refusals, the Ombudsman's referrals, determinations, findings and orders, satisfaction, enquiries, and the lessons recorded (screened). Aggregates only. JSON by default; Accept: application/pdf or text/html (or ?format=).",
  })
  @ZodQuery(QuarterQuery, {
    quarter: { description: 'YYYY-Qn of the reporting year: Q1 April-June … Q4 January-March', example: '2025-Q3' },
  })
  @MediaResponse(200, 'The quarter', {
    'application/json': MemberResponsibleReportSchema,
    'application/pdf': BINARY,
    'text/html': TEXT,
  })
  @ProblemResponses(400, 401, 403, 406)
  async memberResponsible(
    @Query() query: Record<string, unknown>,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const { quarter, format } = parseOr400(QuarterQuery, query);
    const type = documentTypeOf(req, format, ['application/json', 'application/pdf', 'text/html']);
    await this.readModels.caughtUp();
    const report = await memberResponsibleReport(this.readModels.sql, this.readModels.seal, quarter);
    res.setHeader('Vary', 'Accept');
    if (type === 'application/json') {
      res.json(report);
      return;
    }
    const input = {
      organisation: this.organisation,
      quarter,
      figures: report,
      enquiries: report.enquiries,
      lessons: report.lessonsRecorded,
      generatedOn: this.today(),
    };
    if (type === 'text/html') {
      res.type('text/html; charset=utf-8').send(memberResponsibleHtml(input));
      return;
    }
    res
      .type('application/pdf')
      .setHeader('Content-Disposition', `inline; filename="member-responsible-report-${quarter}.pdf"`);
    res.send(await memberResponsiblePdf(input));
  }

  private get organisation(): string {
    return this.config.letters.landlord.name;
  }

  private today(): string {
    return toLondonDate(this.clock.now());
  }
}

/** The annual report as the type asked for. */
export async function sendAnnualReport(
  res: Response,
  type: DocumentType,
  input: AnnualReportInput,
  filename: string,
): Promise<void> {
  res.setHeader('Vary', 'Accept');
  if (type === 'application/json') {
    res.json({ year: input.figures.year, publishedAt: input.publishedAt, ...annualReportDocument(input) });
  } else if (type === 'text/html') {
    res.type('text/html; charset=utf-8').send(annualReportHtml(input));
  } else {
    res.type('application/pdf').setHeader('Content-Disposition', `inline; filename="${filename}.pdf"`);
    res.send(await annualReportPdf(input));
  }
}
