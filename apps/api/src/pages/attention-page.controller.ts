import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { InputDate, InputShortText } from '@complaints/contracts';
import { attentionPageContext, QUEUE_VIEWS, type QueueView } from '@complaints/pages';
import { ATTENTION_REASONS, queryAttentionQueue, type AttentionReason } from '@complaints/reporting';
import { APP_CONFIG } from '../app/tokens';
import { CASE_REPORT_READERS } from '../auth/role-policy';
import { Roles } from '../auth/roles.decorator';
import { ComplaintQueries } from '../complaints/read/complaint-queries.service';
import type { AppConfig } from '../config/app-config';
import { requestContext } from '../http/request-context';
import { ReadModels } from '../read-models/read-models.service';
import { PageKit } from './page-kit';
import { WRITERS } from '../auth/role-policy';

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/**
 * The work queue as a page: the same query and parameters as GET /api/v1/attention (asOf,
 * handlerId, serviceArea, reason), chosen by a filter form. "Mine" is the viewer's own cases
 * (handlerId), "my team" a service area's, "all" no filter; officers start at theirs.
 */
@ApiExcludeController()
@Controller()
export class AttentionPageController {
  constructor(
    @Inject(PageKit) private readonly kit: PageKit,
    private readonly queries: ComplaintQueries,
    private readonly readModels: ReadModels,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('attention')
  @Roles(...CASE_REPORT_READERS)
  async attention(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Query() query: Record<string, unknown>,
  ): Promise<string> {
    const context = requestContext(req);
    const errors: { field: string; message: string }[] = [];
    const given = text(query['view']);
    const view: QueueView = (QUEUE_VIEWS as readonly string[]).includes(given)
      ? (given as QueueView)
      : context.actingRole === 'complaints_officer'
        ? 'mine'
        : 'all';
    const serviceArea = text(query['serviceArea']);
    if (serviceArea !== '' && !InputShortText.safeParse(serviceArea).success)
      errors.push({ field: 'serviceArea', message: 'Enter a service area of up to 200 characters, in plain text' });
    if (view === 'team' && serviceArea === '')
      errors.push({ field: 'serviceArea', message: 'Enter your team’s service area, or choose all cases' });
    const reasonText = text(query['reason']);
    const reason = (ATTENTION_REASONS as readonly string[]).includes(reasonText)
      ? (reasonText as AttentionReason)
      : undefined;
    const asOfText = text(query['asOf']);
    const asOfParsed = asOfText === '' ? undefined : InputDate.safeParse(asOfText);
    if (asOfParsed && !asOfParsed.success)
      errors.push({ field: 'asOf', message: 'Enter a real date, for example 2026-03-31' });
    const asOf = asOfParsed?.success ? asOfParsed.data : this.queries.today();

    const filter = {
      ...(view === 'mine' && context.principal ? { handlerId: context.principal.id } : {}),
      ...(serviceArea !== '' && errors.length === 0 ? { serviceArea } : {}),
      ...(reason ? { reason } : {}),
    };
    await this.readModels.caughtUp();
    const queue = await queryAttentionQueue(this.readModels.sql, {
      calendar: this.queries.organisation.calendar,
      asOf,
      inactivityWorkingDays: this.config.reports.attentionInactivityWorkingDays,
      filter,
    });
    const page = attentionPageContext(queue, {
      view,
      serviceArea,
      reason: reason ?? '',
      asOfInput: asOfText || asOf,
      errors,
    });
    // The layout puts "Error: " before the title of a page with an error summary (GOV.UK's pattern).
    const canReceive = (WRITERS as readonly string[]).includes(requestContext(req).actingRole ?? '');
    return this.kit.page(req, res, 'attention', 'Work queue', { ...page, canReceive }, errors.length ? 400 : 200);
  }
}
