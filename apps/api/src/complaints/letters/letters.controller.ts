import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { LetterNames } from '@complaints/contracts';
import { letterHtml, letterPdf, letterText, letterTitle, type LetterTemplates } from '@complaints/documents';
import { complaintRules, letterReadiness } from '@complaints/domain';
import { APP_CONFIG, CLOCK, LETTER_TEMPLATES } from '../../app/tokens';
import { AUDIT_READERS } from '../../auth/role-policy';
import { Roles } from '../../auth/roles.decorator';
import type { AppConfig } from '../../config/app-config';
import type { Clock } from '@complaints/event-store';
import { ProblemException, problems } from '../../http/problem';
import { parseOr400 } from '../../http/validation';
import { ProblemResponses } from '../../openapi/zod-openapi';
import { caseStateOf } from '../../pages/current-case-state';
import { complaintIdOrNotFound } from '../complaint-id';
import { ComplaintQueries } from '../read/complaint-queries.service';
import { LetterPath, LetterQuery, presentationOf, typesInOrder, LETTER_TYPES } from './letter-request';

/**
 * GET /complaints/{id}/letters/{letter}: a letter drafted from the complaint's record with the
 * landlord's templates (docs/letters.md). The complaints team and auditors, as for the
 * chronology (it names the resident); never panels. A letter whose step is not recorded yet is
 * the domain's letter-not-ready, 409, naming what is missing: the same rule that refuses
 * recording it as sent.
 */
@ApiTags('complaints: letters')
@Controller('api/v1/complaints')
export class LettersController {
  constructor(
    private readonly queries: ComplaintQueries,
    @Inject(LETTER_TEMPLATES) private readonly templates: LetterTemplates,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get(':id/letters/:letter')
  @Roles(...AUDIT_READERS)
  @ApiOperation({
    summary: 'A letter drafted from the record',
    description:
      'The acknowledgement, extension, stage 1 or 2 response or refusal letter, with every part the Code requires, addressed to the resident (or their representative), on the landlord\'s letterhead (ORG_NAME, ORG_ADDRESS). Accept: application/pdf (A4, embedded Unicode font), text/html (a printable page) or text/plain (for screen readers). largePrint=true sets it at 16pt or more; plainText=true answers text/plain when Accept states no preference. 409 letter-not-ready names what is missing when the step the letter reports is not recorded yet.',
  })
  @ApiParam({ name: 'letter', enum: LetterNames })
  @ApiQuery({ name: 'largePrint', required: false, enum: ['true', 'false'] })
  @ApiQuery({ name: 'plainText', required: false, enum: ['true', 'false'] })
  @ApiProduces(...LETTER_TYPES)
  @ApiResponse({ status: 200, description: 'The letter, as application/pdf, text/html or text/plain' })
  @ProblemResponses(400, 401, 403, 404, 406, 409)
  async letter(@Param('id') id: string, @Param('letter') letterParam: string, @Query() query: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const complaintId = complaintIdOrNotFound(id);
    const { letter } = parseOr400(LetterPath, { letter: letterParam });
    const presentation = presentationOf(parseOr400(LetterQuery, query));
    const type = req.accepts(typesInOrder(presentation));
    if (!type) throw new ProblemException(problems.notAcceptable(`A letter is available as ${LETTER_TYPES.join(', ')}.`));

    const envelopes = await this.queries.stream(complaintId);
    const readiness = letterReadiness(letter, caseStateOf(complaintId, envelopes).complaint);
    if (!readiness.ready) {
      const rule = complaintRules.letterNotReady;
      throw new ProblemException(problems.ruleViolation(rule.id, `${rule.message} Missing: ${readiness.missing}.`));
    }
    const view = this.queries.complaintFrom(complaintId, envelopes);
    const { landlord } = this.config.letters;
    const blocks = this.templates.draft(letter, view, { landlord, date: this.queries.today(), reviewRequestWindowDays: this.config.org.reviewRequestWindowDays });

    res.setHeader('Vary', 'Accept');
    res.setHeader('Cache-Control', 'no-store');
    const filename = `${letter}-${view.reference}`;
    if (type === 'application/pdf') {
      const pdf = await letterPdf(blocks, presentation, { createdAt: this.clock.now(), subject: `${letterTitle(blocks)} (${view.reference})` });
      res.type('application/pdf').setHeader('Content-Disposition', `inline; filename="${filename}.pdf"`);
      res.send(pdf);
    } else if (type === 'text/html') {
      // The page's own inline styles and nothing else: no script, no request to anywhere.
      res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
      res.type('text/html; charset=utf-8').send(letterHtml(blocks, presentation));
    } else {
      res.type('text/plain; charset=utf-8').setHeader('Content-Disposition', `inline; filename="${filename}.txt"`);
      res.send(letterText(blocks));
    }
  }
}
