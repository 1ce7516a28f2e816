import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { InputDate, InputText, isYearInRange, QueryInteger, QueryMonth } from '@complaints/contracts';
import { monthlyReportPdf } from '@complaints/documents';
import { reportingYearOf } from '@complaints/domain';
import { CASE_FILES, queryPanelLessons } from '@complaints/projections';
import {
  anonymisedDashboard,
  annualReportFromFacts,
  caseloadAt,
  monthBounds,
  PANEL_PERIOD,
  panelLessonsRegister,
  panelPeriod,
  panelSample,
  queryMonthlyPanelReport,
  querySlaDashboard,
  tsmReportFromFacts,
  type MonthlyPanelReport,
} from '@complaints/reporting';
import {
  addMonths,
  endedMonths,
  lastCompleteMonth,
  monthName,
  panelHomeContext,
  panelLessonsContext,
  panelMonthlyContext,
  panelSampleContext,
  type PanelSample,
} from '@complaints/pages';
import { REPORT_READERS, WRITERS } from '../auth/role-policy';
import { Roles } from '../auth/roles.decorator';
import { ComplaintQueries } from '../complaints/read/complaint-queries.service';
import { problems, ProblemException } from '../http/problem';
import { requestContext } from '../http/request-context';
import { MAX_SAMPLE_SIZE } from '../panel/panel.controller';
import { CaseHistories } from '../read-models/case-histories';
import { ReadModels } from '../read-models/read-models.service';
import { ReportingYear } from '../reports/reporting-year-query';
import { PageKit } from './page-kit';

/** The words a person reads when a field is wrong: what to enter, with an example. */
const MESSAGES = {
  year: 'Enter the year the reporting year starts in, for example 2025 for April 2025 to March 2026',
  date: 'Enter a real date, for example 2026-03-31',
  range: '“Recorded from” must be on or before “Recorded up to”',
  month: 'Enter a month, for example 2026-03',
  futureMonth: 'The month must be this month or an earlier one: a month still to come has no figures',
  period: 'Enter a month (2026-02), a reporting year (2025) or a quarter of it (2025-Q4)',
  size: `Enter a number of cases from 1 to ${MAX_SAMPLE_SIZE}`,
  seed: 'Enter a seed of up to 100 letters, numbers or spaces, or leave it empty',
} as const;

const given = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
const PanelPeriod = z
  .string()
  .regex(PANEL_PERIOD)
  .refine((period) => isYearInRange(Number(period.slice(0, 4))));
const SampleSize = QueryInteger(1, MAX_SAMPLE_SIZE);
const Seed = InputText(100);

/**
 * The scrutiny panel's pages: the same reporting functions as the API's panel and report routes
 * (querySlaDashboard + anonymisedDashboard, caseloadAt, tsmReportFromFacts, annualReportFromFacts,
 * panelLessonsRegister over queryPanelLessons, panelSample, queryMonthlyPanelReport), read by the
 * same roles (REPORT_READERS). Nothing here can show a name, contact detail, address or the
 * free text of a case: the lessons are the panel's screened copy for every reader.
 */
@ApiExcludeController()
@Controller('panel')
export class PanelPagesController {
  constructor(
    @Inject(PageKit) private readonly kit: PageKit,
    private readonly queries: ComplaintQueries,
    private readonly cases: CaseHistories,
    private readonly readModels: ReadModels,
  ) {}

  @Get()
  @Roles(...REPORT_READERS)
  async home(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Query('year') yearQuery: unknown,
  ): Promise<string> {
    const today = this.queries.today();
    const yearInput = given(yearQuery);
    const parsed = yearInput === undefined ? undefined : ReportingYear.safeParse(yearInput);
    const yearError = parsed && !parsed.success ? MESSAGES.year : undefined;
    const year = parsed?.success ? parsed.data : reportingYearOf(today);
    await this.readModels.caughtUp(CASE_FILES);
    const { sql } = this.readModels;
    const homes = this.queries.organisation.homes;
    const months = endedMonths(today, 12);
    const [dashboard, caseloads, current, previous, annual] = await Promise.all([
      querySlaDashboard(sql, this.queries.organisation, today),
      // Each month end as the monthly report counts it (openAtMonthEnd, overdueAtMonthEnd).
      Promise.all(months.map(async (m) => ({ ...m, caseload: await caseloadAt(sql, m.end) }))),
      tsmReportFromFacts(sql, { year, homes }),
      tsmReportFromFacts(sql, { year: year - 1, homes }),
      annualReportFromFacts(sql, year),
    ]);
    const context = panelHomeContext({
      now: anonymisedDashboard(dashboard),
      months: caseloads,
      year,
      tsm: { current, previous },
      areas: annual.byServiceArea,
      yearInput: yearInput ?? String(year),
      yearError,
    });
    return this.kit.page(req, res, 'panel', 'Scrutiny panel', context, yearError ? 400 : 200);
  }

  @Get('lessons')
  @Roles(...REPORT_READERS)
  async lessons(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Query('from') fromQuery: unknown,
    @Query('to') toQuery: unknown,
  ): Promise<string> {
    const today = this.queries.today();
    const defaults = { from: `${addMonths(today.slice(0, 7), -11)}-01`, to: today };
    const errors: { field: 'from' | 'to'; text: string }[] = [];
    const dateOf = (field: 'from' | 'to', value: unknown) => {
      const text = given(value);
      if (text === undefined) return defaults[field];
      const parsed = InputDate.safeParse(text);
      if (parsed.success) return parsed.data;
      errors.push({ field, text: MESSAGES.date });
      return defaults[field];
    };
    let from = dateOf('from', fromQuery);
    let to = dateOf('to', toQuery);
    if (errors.length === 0 && from > to) {
      errors.push({ field: 'from', text: MESSAGES.range });
      ({ from, to } = defaults);
    }
    await this.readModels.caughtUp();
    // The panel's screened copy for every reader of this page: it is the panel's register.
    const { lessons } = panelLessonsRegister(
      await queryPanelLessons(this.readModels.sql, this.readModels.seal, { from, to }),
      today,
    );
    const context = panelLessonsContext({
      lessons,
      today,
      from,
      to,
      fromInput: given(fromQuery) ?? from,
      toInput: given(toQuery) ?? to,
      errors,
    });
    return this.kit.page(req, res, 'panel-lessons', 'Lessons learned', context, errors.length ? 400 : 200);
  }

  @Get('sample')
  @Roles(...REPORT_READERS)
  async sample(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Query() query: Record<string, unknown>,
  ): Promise<string> {
    const periodInput = given(query['period']) ?? lastCompleteMonth(this.queries.today());
    const sizeInput = given(query['size']) ?? '10';
    const seedInput = given(query['seed']) ?? '';
    const period = PanelPeriod.safeParse(periodInput);
    const size = SampleSize.safeParse(sizeInput);
    const seed = seedInput === '' ? undefined : Seed.safeParse(seedInput);
    const errors: { field: 'period' | 'size' | 'seed'; text: string }[] = [
      ...(period.success ? [] : [{ field: 'period' as const, text: MESSAGES.period }]),
      ...(size.success ? [] : [{ field: 'size' as const, text: MESSAGES.size }]),
      ...(seed && !seed.success ? [{ field: 'seed' as const, text: MESSAGES.seed }] : []),
    ];
    let sample: PanelSample | null = null;
    if (errors.length === 0 && period.success && size.success) {
      const { from, to } = panelPeriod(period.data);
      const histories = await this.cases.list({ receivedOnOrBefore: to, activeOnOrAfter: from });
      sample = panelSample(
        histories.map((h) => h.events),
        this.queries.organisation.calendar,
        {
          period: period.data,
          size: size.data,
          ...(seed?.success ? { seed: seed.data } : {}),
          // As the API: officers and managers also get the reference, to find the case a panel asks about.
          identify: (WRITERS as readonly string[]).includes(requestContext(req).actingRole ?? ''),
          asOf: this.queries.today(),
        },
      );
    }
    const context = panelSampleContext({ sample, periodInput, sizeInput, seedInput, errors });
    return this.kit.page(req, res, 'panel-sample', 'A sample of closed cases', context, errors.length ? 400 : 200);
  }

  @Get('monthly')
  @Roles(...REPORT_READERS)
  async monthly(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Query('month') monthQuery: unknown,
  ): Promise<string> {
    const latestMonth = lastCompleteMonth(this.queries.today());
    const monthInput = given(monthQuery) ?? latestMonth;
    const monthError = monthProblem(monthInput, this.queries.today());
    const report = monthError === undefined ? await this.monthlyReport(monthInput) : null;
    const context = panelMonthlyContext({ report, monthInput, monthError, latestMonth });
    const title = report ? `Complaints monthly report, ${monthName(report.month)}` : 'Complaints monthly report';
    return this.kit.page(req, res, 'panel-monthly', title, context, monthError === undefined ? 200 : 400);
  }

  @Get('monthly.pdf')
  @Roles(...REPORT_READERS)
  async monthlyPdf(@Res() res: Response, @Query('month') monthQuery: unknown): Promise<void> {
    const today = this.queries.today();
    const month = given(monthQuery) ?? lastCompleteMonth(today);
    const monthError = monthProblem(month, today);
    if (monthError !== undefined)
      throw new ProblemException(problems.validation([{ field: 'month', message: monthError }]));
    const report = await this.monthlyReport(month);
    const pdf = await monthlyReportPdf(report, {
      landlordName: this.kit.config.branding.landlordName,
      monthName: monthName(report.month),
      generatedOn: today,
    });
    res
      .status(200)
      .type('application/pdf')
      .setHeader('Content-Disposition', `inline; filename="complaints-monthly-report-${report.month}.pdf"`);
    res.setHeader('Cache-Control', 'no-store');
    res.send(pdf);
  }

  /** The API's monthly report (GET /api/v1/panel/reports/monthly), called the same way. */
  private async monthlyReport(month: string): Promise<MonthlyPanelReport> {
    const { from, to } = monthBounds(month);
    await this.readModels.caughtUp();
    return queryMonthlyPanelReport(
      this.readModels.sql,
      month,
      queryPanelLessons(this.readModels.sql, this.readModels.seal, { from, to }),
    );
  }
}

/** Why a month cannot be reported (not a month, or one still to come), or undefined. */
function monthProblem(month: string, today: string): string | undefined {
  if (!QueryMonth.safeParse(month).success) return MESSAGES.month;
  return month > today.slice(0, 7) ? MESSAGES.futureMonth : undefined;
}
