import { Controller, Get, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  hasFormErrors,
  residentLookupForm,
  residentLookupPageContext,
  residentStatusPageContext,
  type ResidentLookupForm,
} from '@complaints/pages';
import { Public } from '../auth/roles.decorator';
import { normaliseAccessCode } from '../resident/access-code';
import { ResidentLookup } from '../resident/resident-lookup';
import { PageKit } from './page-kit';

const TITLE = 'Check where your complaint is';
const EMPTY_FORM: ResidentLookupForm = { reference: '', accessCode: '', errors: {} };

/**
 * A resident's status lookup as a page: the reference and access code in a form (POST, so the
 * code never lands in a URL, a log or the browser's history), answered by the same lookup as
 * GET /api/v1/public/complaints/{reference}/status — the same access code check, the same
 * failed-lookup budgets and the same one answer for every wrong guess.
 */
@ApiExcludeController()
@Controller('resident')
export class ResidentPageController {
  constructor(
    @Inject(PageKit) private readonly kit: PageKit,
    private readonly lookup: ResidentLookup,
  ) {}

  @Get()
  @Public()
  form(@Req() req: Request, @Res({ passthrough: true }) res: Response): string {
    return this.kit.page(req, res, 'resident', TITLE, residentLookupPageContext(EMPTY_FORM));
  }

  @Post()
  @Public()
  async check(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<string> {
    const form = residentLookupForm((req.body ?? {}) as Record<string, unknown>, normaliseAccessCode);
    if (hasFormErrors(form)) return this.kit.page(req, res, 'resident', TITLE, residentLookupPageContext(form), 400);
    const result = await this.lookup.lookUp(req.ip ?? 'unknown', form.reference, form.accessCode);
    switch (result.outcome) {
      case 'found':
        return this.kit.page(
          req,
          res,
          'resident-status',
          `Complaint ${result.status.reference}`,
          residentStatusPageContext(result.status, this.kit.config.branding.landlordName),
        );
      case 'not-found':
        // One answer for an unknown reference and a wrong code, as the API gives: it tells a stranger nothing.
        return this.kit.page(
          req,
          res,
          'resident',
          TITLE,
          residentLookupPageContext(form, {
            text: 'No complaint matches this reference and access code. Check both against your letter and try again.',
            field: 'reference',
          }),
          404,
        );
      case 'too-many': {
        res.setHeader('Retry-After', String(result.retryAfterSeconds));
        const minutes = Math.max(1, Math.ceil(result.retryAfterSeconds / 60));
        const text = `There have been too many unsuccessful attempts. Try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}, or contact ${this.kit.config.branding.landlordName}.`;
        return this.kit.page(
          req,
          res,
          'resident',
          TITLE,
          residentLookupPageContext(form, { text, field: 'reference' }),
          429,
        );
      }
    }
  }
}
