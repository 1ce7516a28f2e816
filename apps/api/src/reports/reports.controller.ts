import { Controller, Get, Query, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { z } from 'zod';
import { InputDate, InputShortText } from '@complaints/contracts';
import { REPORT_READERS } from '../auth/role-policy';
import { Roles } from '../auth/roles.decorator';
import { reportingYear as reportingYearBounds } from '@complaints/domain';
import { ComplaintQueries } from '../complaints/read/complaint-queries.service';
import { CASE_FILES, queryLessons, queryPanelLessons } from '@complaints/projections';
import { CaseHistories } from '../read-models/case-histories';
import { ReadModels } from '../read-models/read-models.service';
import { ReportingYear } from './reporting-year-query';
import { requestContext } from '../http/request-context';
import { parseOr400 } from '../http/validation';
import { TsmSchema } from '../openapi/response-schemas';
import { ProblemResponses, ZodQuery, ZodResponse } from '../openapi/zod-openapi';
import { lessonsRegister, panelLessonsRegister, tsmReportFromFacts } from '@complaints/reporting';
import { panelCases } from '@complaints/reporting';
import { anonymisedDashboard, querySlaDashboard } from '@complaints/reporting';
import { SlaDashboardSchema } from '../openapi/read-schemas';
import { LessonsSchema, PanelCasesSchema } from '../openapi/report-schemas';

const TsmQuery = z.object({ year: ReportingYear });
const DashboardQuery = z.object({ asOf: InputDate.optional() });
const LessonsQuery = z.object({
  from: InputDate.optional(),
  to: InputDate.optional(),
  serviceArea: InputShortText.optional(),
});
const PanelQuery = z.object({ year: ReportingYear.optional() });

/** Aggregates and anonymised views: what scrutiny panels may see, alongside the complaints team and auditors. */
@ApiTags('reports and dashboards')
@Controller('api/v1')
export class ReportsController {
  constructor(
    private readonly queries: ComplaintQueries,
    private readonly cases: CaseHistories,
    private readonly readModels: ReadModels,
  ) {}

  @Get('reports/tsm')
  @Roles(...REPORT_READERS)
  @ApiOperation({
    operationId: 'getTsmReport',
    summary: 'Tenant Satisfaction Measures CH01 and CH02 for a reporting year',
    description:
      'year=2025 is 1 April 2025 to 31 March 2026. CH01 per 1,000 homes needs ORG_HOMES (or ORG_HOMES_LCRA/LCHO); CH02 uses the 2024 Code timescales.',
  })
  @ZodQuery(TsmQuery, { year: { example: 2025 } })
  @ZodResponse(200, 'CH01 and CH02', TsmSchema)
  @ProblemResponses(400, 401, 403)
  async tsm(@Query() query: Record<string, unknown>) {
    const { year } = parseOr400(TsmQuery, query);
    // From the measures the case files keep, once they hold every write made so far.
    await this.readModels.caughtUp(CASE_FILES);
    return tsmReportFromFacts(this.readModels.sql, { year, homes: this.queries.organisation.homes });
  }

  @Get('dashboards/sla')
  @Roles(...REPORT_READERS)
  @ApiOperation({
    operationId: 'getSlaDashboard',
    summary: 'SLA dashboard as of a date',
    description:
      "Open complaints by stage; acknowledgements and responses overdue and due within 2 working days against the Code target (an extension beyond the Code's limit or agreed after the target does not move it), with complaintsOverdue and the responses against the organisation's own target (organisationTarget) beside them; extensions used, counted towards the Code, beyond the limit, with a good reason, agreed after the target; by service area and by handler (with the list of overdue cases). Scrutiny panels get the counts only.",
  })
  @ZodQuery(DashboardQuery, { asOf: 'YYYY-MM-DD (London); default today' })
  @ZodResponse(200, 'The dashboard', SlaDashboardSchema)
  @ProblemResponses(400, 401, 403)
  async slaDashboard(@Query() query: Record<string, unknown>, @Req() req: Request) {
    const { asOf } = parseOr400(DashboardQuery, query);
    const day = asOf ?? this.queries.today();
    // Counted in SQL over the complaints as they stood on the day (case_fact_versions), once the case files (whose table set holds it) have caught up.
    await this.readModels.caughtUp(CASE_FILES);
    const dashboard = await querySlaDashboard(this.readModels.sql, this.queries.organisation, day);
    return isPanel(req) ? anonymisedDashboard(dashboard) : dashboard;
  }

  @Get('lessons')
  @Roles(...REPORT_READERS)
  @ApiOperation({
    operationId: 'listLessons',
    summary: 'Lessons register',
    description:
      'Every lesson learned, newest first, with its improvement action planned vs made: owner, due date, status on today (planned, overdue, made; null without an action), made on, what changed and the evidence. Scrutiny panels do not see complaint references or owners, and read the text screened: the complaint’s own names and contact details and any email, UK phone number or postcode are [redacted], and the text is [withheld: personal data erased] once the complaint’s personal data is erased; they read what changed screened too, and no evidence.',
  })
  @ZodQuery(LessonsQuery, { from: 'YYYY-MM-DD', to: 'YYYY-MM-DD' })
  @ZodResponse(200, '{ lessons[] }', LessonsSchema)
  @ProblemResponses(400, 401, 403)
  async lessons(@Query() query: Record<string, unknown>, @Req() req: Request) {
    const filter = parseOr400(LessonsQuery, query);
    // From the lessons read model, once it has caught up with the writes made so far.
    await this.readModels.caughtUp();
    const lessonQuery = {
      ...(filter.from !== undefined ? { from: filter.from } : {}),
      ...(filter.to !== undefined ? { to: filter.to } : {}),
      ...(filter.serviceArea !== undefined ? { serviceArea: filter.serviceArea } : {}),
    };
    // Panels get the screened text only: the query they go through selects no other.
    const today = this.queries.today();
    if (isPanel(req))
      return panelLessonsRegister(
        await queryPanelLessons(this.readModels.sql, this.readModels.seal, lessonQuery),
        today,
      );
    return lessonsRegister(await queryLessons(this.readModels.sql, this.readModels.seal, lessonQuery), today);
  }

  @Get('panel/cases')
  @Roles(...REPORT_READERS)
  @ApiOperation({
    operationId: 'listPanelCases',
    summary: 'Anonymised case summaries for scrutiny panels',
    description:
      'Only non-personal fields: service area, category, tenure, month received, stages, timeliness, decision outcomes, amounts. Never a name, contact detail, address, reference or free text.',
  })
  @ZodQuery(PanelQuery, { year: 'Reporting year (by its starting year); default all' })
  @ZodResponse(200, '{ year, count, cases[] }', PanelCasesSchema)
  @ProblemResponses(400, 401, 403)
  async panelCases(@Query() query: Record<string, unknown>) {
    const { year } = parseOr400(PanelQuery, query);
    const period = year === undefined ? undefined : reportingYearBounds(year);
    const histories = await this.cases.list(period ? { receivedOnOrBefore: period.to } : {});
    return panelCases(
      histories.map((h) => h.events),
      this.queries.organisation.calendar,
      year,
      this.queries.today(),
    );
  }
}

function isPanel(req: Request): boolean {
  return requestContext(req).actingRole === 'scrutiny_panel';
}
