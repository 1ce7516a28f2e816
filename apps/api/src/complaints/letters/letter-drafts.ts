import { Inject, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import type { LetterName } from '@complaints/contracts';
import {
  letterHtml,
  letterPdf,
  letterText,
  letterTitle,
  type LetterBlock,
  type LetterPresentation,
  type LetterTemplates,
} from '@complaints/documents';
import { complaintRules, letterReadiness, presentationOf, representativeAuthorityOf } from '@complaints/domain';
import type { Clock } from '@complaints/event-store';
import { APP_CONFIG, CLOCK, LETTER_TEMPLATES } from '../../app/tokens';
import type { AppConfig } from '../../config/app-config';
import { ProblemException, problems } from '../../http/problem';
import { caseStateOf } from '../read/current-case-state';
import { ComplaintQueries } from '../read/complaint-queries.service';
import type { LetterType } from './letter-request';

/**
 * One way to draft a letter, for the API and the case page alike: one read of the stream, the
 * domain's letterReadiness (409 letter-not-ready naming what is missing, as RecordLetterSent
 * refuses), then the view through the landlord's templates (docs/letters.md).
 */
@Injectable()
export class LetterDrafts {
  constructor(
    private readonly queries: ComplaintQueries,
    @Inject(LETTER_TEMPLATES) private readonly templates: LetterTemplates,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private async draft(
    complaintId: string,
    letter: LetterName,
  ): Promise<{ blocks: LetterBlock[]; reference: string; recorded: LetterPresentation }> {
    const envelopes = await this.queries.stream(complaintId);
    const state = caseStateOf(complaintId, envelopes).complaint;
    const readiness = letterReadiness(letter, state);
    if (!readiness.ready) {
      const rule = complaintRules.letterNotReady;
      throw new ProblemException(problems.ruleViolation(rule.id, `${rule.message} Missing: ${readiness.missing}.`));
    }
    const view = this.queries.complaintFrom(complaintId, envelopes);
    const setting = {
      landlord: this.config.letters.landlord,
      date: this.queries.today(),
      reviewRequestWindowDays: this.config.org.reviewRequestWindowDays,
    };
    // The resident's reasonable adjustments in place (large print, plain text for a screen reader).
    const { largePrint, plainText } = presentationOf(state);
    // The representative's authority as it stands now (the view lists every grant).
    const letterCase = {
      ...view,
      representativeAuthority: representativeAuthorityOf(state, this.clock.now().toISOString()),
    };
    return {
      blocks: this.templates.draft(letter, letterCase, setting),
      reference: view.reference,
      recorded: { largePrint, plainText },
    };
  }

  /**
   * Drafts the letter and answers with it in the type `chooseType` picks for the presentation:
   * what the caller asked for, and whatever the resident's recorded adjustments require (a
   * large print adjustment gives large print whoever downloads the letter).
   */
  async send(
    res: Response,
    complaintId: string,
    letter: LetterName,
    asked: LetterPresentation,
    chooseType: (presentation: LetterPresentation) => LetterType,
  ): Promise<void> {
    const { blocks, reference, recorded } = await this.draft(complaintId, letter);
    const presentation = {
      largePrint: asked.largePrint || recorded.largePrint,
      plainText: asked.plainText || recorded.plainText,
    };
    const type = chooseType(presentation);
    res.setHeader('Cache-Control', 'no-store');
    const filename = `${letter}-${reference}`;
    if (type === 'application/pdf') {
      const pdf = await letterPdf(blocks, presentation, {
        createdAt: this.clock.now(),
        subject: `${letterTitle(blocks)} (${reference})`,
      });
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
