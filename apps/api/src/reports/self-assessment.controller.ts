import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { QueryInteger, RecordSelfAssessmentStatement, type SelfAssessmentCommand } from '@complaints/contracts';
import { selfAssessmentDecider, selfAssessmentRecordId, toLondonDate } from '@complaints/domain';
import { handleCommand, type Clock } from '@complaints/event-store';
import { CASE_FILES } from '@complaints/projections';
import {
  decodeSelfAssessmentCursor,
  DRILL_DOWN_PROVISIONS,
  drillDownHasMet,
  yearSelfAssessment,
  annualReportRecord,
  selfAssessmentComplaintsFromFacts,
  type SelfAssessmentAudience,
} from '@complaints/reporting';
import { APP_CONFIG, CLOCK, INFRASTRUCTURE } from '../app/tokens';
import type { AppConfig } from '../config/app-config';
import { CASE_REPORT_READERS, REPORT_READERS, SELF_ASSESSMENT_WRITERS } from '../auth/role-policy';
import { Roles } from '../auth/roles.decorator';
import { requestContext } from '../http/request-context';
import { parseOr400 } from '../http/validation';
import type { Infrastructure } from '../infrastructure/open-infrastructure';
import { MediaResponse, mediaTypesOf, ProblemResponses, ZodBody, ZodQuery, ZodResponse } from '../openapi/zod-openapi';
import { ReadModels } from '../read-models/read-models.service';
import { etagOf, writeContextOf } from '../complaints/write/write-context';
import { ReportingYear } from './reporting-year-query';
import {
  SELF_ASSESSMENT_FORMATS,
  SELF_ASSESSMENT_TYPES,
  selfAssessmentTypeOf,
  sendSelfAssessment,
} from './send-self-assessment';
import {
  SelfAssessmentComplaintsSchema,
  SelfAssessmentSchema,
  SelfAssessmentStatementResultSchema,
} from '../openapi/report-schemas';

const FORMATS = SELF_ASSESSMENT_FORMATS;
const ReadQuery = z.object({ year: ReportingYear, format: z.enum(FORMATS).optional() });
const YearParam = z.object({ year: ReportingYear });
const ComplaintsQuery = z
  .object({
    year: ReportingYear,
    provision: z.enum(DRILL_DOWN_PROVISIONS),
    met: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
    after: z
      .string()
      .max(1000)
      .transform((text, ctx) => {
        const cursor = decodeSelfAssessmentCursor(text);
        if (cursor === null) {
          ctx.addIssue({ code: 'custom', message: 'must be the `next` of an earlier page' });
          return z.NEVER;
        }
        return cursor;
      })
      .optional(),
    limit: QueryInteger(1, 1000).default(100),
  })
  .refine((q) => q.met === undefined || drillDownHasMet(q.provision), {
    path: ['met'],
    message: 'does not apply to this provision (every complaint listed is counted alike)',
  });

/**
 * The self-assessment against the Complaint Handling Code (docs/complaint-handling-code.md):
 * managers record the landlord's statements, one provision at a time, on the year's governance
 * stream; everyone who reads reports reads the form, with the evidence computed from the year's
 * complaints; the complaints behind a figure are for the complaints team and auditors.
 */
@ApiTags('reports and dashboards')
@Controller('api/v1/reports/self-assessment')
export class SelfAssessmentController {
  constructor(
    private readonly readModels: ReadModels,
    @Inject(INFRASTRUCTURE) private readonly infrastructure: Infrastructure,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get governance() {
    return this.infrastructure.complaints.inCategory('governance');
  }

  @Post(':year/statements')
  @HttpCode(200)
  @Roles(...SELF_ASSESSMENT_WRITERS)
  @ApiOperation({
    operationId: 'recordSelfAssessmentStatement',
    summary: "Record the landlord's statement against one Code provision (managers)",
    description:
      "SelfAssessmentStatementRecorded on the year's governance stream (self-assessment-<year>). A newer statement for the same provision supersedes the older (version + 1); the older stay in the history. compliance: compliant, partly_compliant, not_compliant or not_applicable; actionsPlanned is required unless compliant or not applicable (409 self-assessment-actions-planned-required). 409 self-assessment-unknown-provision for a number the Code does not have, self-assessment-year-out-of-range for a year before 2024 or not yet begun. The same words again append nothing.",
  })
  @ApiParam({ name: 'year', example: 2025 })
  @ZodBody('RecordSelfAssessmentStatementRequest', RecordSelfAssessmentStatement, {
    provision: '6.2',
    compliance: 'partly_compliant',
    statement:
      'Complaints policy 4.1 sets five working days; the product records the acknowledgement date of every complaint.',
    commentary: 'Late acknowledgements in the summer while the team was short-staffed.',
    actionsPlanned: 'Daily check of unacknowledged complaints from May 2026.',
  })
  @ZodResponse(
    200,
    '{ id, year, provision, version, revision, events }, ETag: the stream revision',
    SelfAssessmentStatementResultSchema,
  )
  @ProblemResponses(400, 401, 403, 409, 412)
  async record(
    @Param('year') yearText: string,
    @Body() body: unknown,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { year } = parseOr400(YearParam, { year: yearText });
    const data = parseOr400(RecordSelfAssessmentStatement, body ?? {});
    const context = writeContextOf(req);
    const now = this.clock.now().toISOString();
    // Published with the year's annual report, the self-assessment is the published record (Code 8.2).
    const { publishedAt } = await annualReportRecord(this.governance, year);
    const command: SelfAssessmentCommand = {
      type: 'RecordSelfAssessmentStatement',
      data,
      year,
      now,
      actor: context.actor,
      publishedAt,
    };
    const id = selfAssessmentRecordId(year);
    const handled = await handleCommand({ events: this.governance, decider: selfAssessmentDecider }, id, command, {
      ...(context.ifMatch !== undefined ? { ifMatch: context.ifMatch } : {}),
      actor: context.actor,
      correlationId: context.correlationId,
      // The landlord's statements about itself: no data subject, nothing to encrypt.
      dataSubjectId: () => undefined,
    });
    res.setHeader('ETag', etagOf(handled.revision));
    return {
      id,
      year,
      provision: data.provision,
      version: handled.state.latest[data.provision]?.version ?? null,
      revision: handled.revision,
      events: handled.newEvents.map((e) => e.type),
    };
  }

  @Get()
  @Roles(...REPORT_READERS)
  @ApiOperation({
    operationId: 'getSelfAssessment',
    summary: 'The self-assessment against the Complaint Handling Code for a reporting year',
    description:
      'One entry per Code provision, keyed by its number ("5.6", "6.2"…): provision, section, requirement, the landlord\'s latest statement (or null) with the ones it superseded, and the evidence the product computes from the year\'s complaints where it can (6.2 acknowledgements within five working days, 5.6 complaint definitions, 6.3/6.14 responses within the Code\'s timescales, 6.4/6.15 extensions beyond the limit and with a good reason, 2.x refusals, 7.1 apologies where upheld, 9.1 lessons), each with `complaints`, the list of the complaints behind it (officers, managers, auditors). Scrutiny panels get the statements screened, without staff names or lists. Accept: text/csv or application/pdf (or ?format=) for the Ombudsman\'s form.',
  })
  @ZodQuery(ReadQuery, { year: { example: 2025 } })
  @MediaResponse(
    200,
    '{ year, code, provisions: { "6.2": { provision, section, sectionTitle, requirement, statement, superseded, evidence } … }, summary }',
    mediaTypesOf(SELF_ASSESSMENT_TYPES, SelfAssessmentSchema),
  )
  @ProblemResponses(400, 401, 403, 406)
  async read(@Query() query: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const { year, format } = parseOr400(ReadQuery, query);
    const type = selfAssessmentTypeOf(req, format);
    const audience: SelfAssessmentAudience = requestContext(req).actingRole === 'scrutiny_panel' ? 'panel' : 'staff';
    await this.readModels.caughtUp(CASE_FILES);
    const assessment = await yearSelfAssessment(this.readModels.sql, this.governance, year, audience);
    await sendSelfAssessment(res, type, assessment, {
      landlordName: this.config.letters.landlord.name,
      generatedOn: toLondonDate(this.clock.now()),
    });
  }

  @Get(':year/complaints')
  @Roles(...CASE_REPORT_READERS)
  @ApiOperation({
    operationId: 'listSelfAssessmentComplaints',
    summary: "The complaints behind a provision's computed evidence",
    description:
      'The steps counted in the evidence of one provision of GET /reports/self-assessment for the same year (same rows, so `count` without `met` is the figure): acknowledgements (5.6, 6.2, 6.11), responses (6.3, 6.14, 7.1: those upholding in whole or part), extensions (6.4, 6.15) or refusals (2.4), in the order received, each with `met`. met=false lists those that did not meet the provision. At most `limit` a page; `next` is the `after` of the next page (null on the last).',
  })
  @ApiParam({ name: 'year', example: 2025 })
  @ZodQuery(ComplaintsQuery, { after: 'The `next` of the previous page', limit: '1-1000, default 100' }, ['year'])
  @ZodResponse(
    200,
    '{ year, provision, met, count, complaints: [{ complaintId, reference, receivedOn, stage, on, met, workingDays, … }], next }',
    SelfAssessmentComplaintsSchema,
  )
  @ProblemResponses(400, 401, 403)
  async complaints(@Param('year') year: string, @Query() query: Record<string, unknown>) {
    const q = parseOr400(ComplaintsQuery, { ...query, year });
    await this.readModels.caughtUp(CASE_FILES);
    const page = await selfAssessmentComplaintsFromFacts(
      this.readModels.sql,
      q.year,
      { provision: q.provision, ...(q.met !== undefined ? { met: q.met } : {}) },
      { limit: q.limit, ...(q.after ? { after: q.after } : {}) },
    );
    return {
      year: q.year,
      provision: q.provision,
      met: q.met ?? null,
      count: page.count,
      complaints: page.complaints,
      next: page.next,
    };
  }
}
