import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { reportingYear } from '@complaints/domain';
import { FEEDBACK_ITEMS } from '@complaints/projections';
import { feedbackFigures, screenedFeedbackFigures } from '@complaints/reporting';
import { REPORT_READERS } from '../auth/role-policy';
import { Roles } from '../auth/roles.decorator';
import { parseOr400 } from '../http/validation';
import { ProblemResponses, ZodQuery, ZodResponse } from '../openapi/zod-openapi';
import { ReadModels } from '../read-models/read-models.service';
import { ReportingYear } from '../reports/reporting-year-query';
import { FeedbackPanelSchema } from '../openapi/report-schemas';

const PanelFeedbackQuery = z.object({ year: ReportingYear });

/** Feedback for residents' scrutiny panels: counts only, small numbers suppressed (docs/feedback.md, "Figures"). */
@ApiTags('panel views')
@Controller('api/v1/panel')
export class FeedbackPanelController {
  constructor(private readonly readModels: ReadModels) {}

  @Get('feedback')
  @Roles(...REPORT_READERS)
  @ApiOperation({
    operationId: 'getPanelFeedback',
    summary: 'Feedback received in a reporting year, by kind and service area (counts only)',
    description:
      'Compliments, comments, concerns resolved at first contact and service requests received in the reporting year (April to March, by London date), overall and per service area. A count below 5 reads "fewer than 5", and a total or next-smallest count that would give it back reads "withheld". No item, no personal data.',
  })
  @ZodQuery(PanelFeedbackQuery, { year: { example: 2025 } })
  @ZodResponse(200, '{ period, byKind, byServiceArea[] }', FeedbackPanelSchema)
  @ProblemResponses(400, 401, 403)
  async feedback(@Query() query: Record<string, unknown>) {
    const { year } = parseOr400(PanelFeedbackQuery, query);
    const { from, to } = reportingYear(year);
    await this.readModels.caughtUp(FEEDBACK_ITEMS);
    return { year, ...screenedFeedbackFigures(await feedbackFigures(this.readModels.sql, { from, to })) };
  }
}
