import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { InputDate } from '@complaints/contracts';
import { CASE_FILES } from '@complaints/projections';
import { anonymisedDashboard, querySlaDashboard } from '@complaints/reporting';
import { dashboardPageContext } from '@complaints/pages';
import { REPORT_READERS } from '../auth/role-policy';
import { Roles } from '../auth/roles.decorator';
import { ComplaintQueries } from '../complaints/read/complaint-queries.service';
import { requestContext } from '../http/request-context';
import { ReadModels } from '../read-models/read-models.service';
import { PageKit } from './page-kit';

/** The SLA dashboard as a page: the same query as GET /api/v1/dashboards/sla, the same anonymising for a panel. */
@ApiExcludeController()
@Controller()
export class DashboardPageController {
  constructor(
    @Inject(PageKit) private readonly kit: PageKit,
    private readonly queries: ComplaintQueries,
    private readonly readModels: ReadModels,
  ) {}

  @Get('dashboard')
  @Roles(...REPORT_READERS)
  async dashboard(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Query('asOf') asOf: unknown,
  ): Promise<string> {
    const given = typeof asOf === 'string' && asOf !== '' ? asOf : undefined;
    const parsed = given === undefined ? undefined : InputDate.safeParse(given);
    const today = this.queries.today();
    // The dashboard counts what has happened: a date still to come would show figures nobody can know.
    const asOfError =
      parsed && !parsed.success
        ? 'Enter a real date, for example 2026-03-31'
        : parsed?.success && parsed.data > today
          ? 'The date must be today or in the past'
          : undefined;
    const day = parsed?.success && !asOfError ? parsed.data : today;
    await this.readModels.caughtUp(CASE_FILES);
    const dashboard = await querySlaDashboard(this.readModels.sql, this.queries.organisation, day);
    const panel = requestContext(req).actingRole === 'scrutiny_panel';
    const shown = panel ? anonymisedDashboard(dashboard) : dashboard;
    return this.kit.page(
      req,
      res,
      'dashboard',
      'SLA dashboard',
      dashboardPageContext(shown, { asOfInput: given ?? day, asOfError }),
      asOfError ? 400 : 200,
    );
  }
}
