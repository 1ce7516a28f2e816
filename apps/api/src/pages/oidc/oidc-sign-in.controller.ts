import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { humanise } from '@complaints/pages';
import { Public } from '../../auth/roles.decorator';
import { JsonLogger } from '@complaints/runtime';
import { ProblemException, problems } from '../../http/problem';
import { PageKit } from '../page-kit';
import { clearCookie, cookiesOf, OIDC_FLOW_COOKIE, SESSION_COOKIE, setCookie } from '../session/cookies';
import { homeOf, safeReturnTo } from '../start-pages.controller';
import { FLOW_MAX_AGE_SECONDS } from './oidc-flow';
import { PERSON_ROLES } from './oidc-roles';
import { OIDC_SIGN_IN, type OidcOutcome, type OidcSignIn } from './oidc-sign-in';

/**
 * Production sign-in: /sign-in/start sends the browser to the landlord's identity provider,
 * /sign-in/callback takes it back, checks the answer and issues the same session cookie as every
 * sign-in. Offered only when OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_REDIRECT_URL are set.
 */
@ApiExcludeController()
@Controller('sign-in')
export class OidcSignInController {
  constructor(
    @Inject(PageKit) private readonly kit: PageKit,
    @Inject(OIDC_SIGN_IN) private readonly oidc: OidcSignIn | null,
    @Inject(JsonLogger) private readonly logger: JsonLogger,
  ) {}

  @Get('start')
  @Public()
  async start(@Res({ passthrough: true }) res: Response, @Query('returnTo') returnTo: unknown): Promise<void> {
    const oidc = this.offered();
    let started: Awaited<ReturnType<OidcSignIn['start']>>;
    try {
      started = await oidc.start(safeReturnTo(returnTo));
    } catch (error) {
      throw this.unreachable(error);
    }
    res.append('Set-Cookie', setCookie(OIDC_FLOW_COOKIE, started.flowCookie, FLOW_MAX_AGE_SECONDS));
    res.redirect(303, started.authorizationUrl.href);
  }

  @Get('callback')
  @Public()
  async callback(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<string | void> {
    const oidc = this.offered();
    // A flow is used once, whatever it comes to: the cookie goes with this answer.
    res.append('Set-Cookie', clearCookie(OIDC_FLOW_COOKIE));
    const query = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?')) : '';
    let outcome: OidcOutcome;
    try {
      outcome = await oidc.finish(query, cookiesOf(req.header('cookie'))[OIDC_FLOW_COOKIE]);
    } catch (error) {
      throw this.unreachable(error);
    }
    if (outcome.kind === 'signed-in') {
      const { token } = await this.kit.sessions.issue(outcome.principal, 'oidc');
      res.append('Set-Cookie', setCookie(SESSION_COOKIE, token, this.kit.sessions.maxAgeSeconds));
      res.redirect(303, outcome.returnTo ?? homeOf(outcome.principal.roles));
      return;
    }
    // Why, for whoever runs the service (a misconfigured client shows here first); never the person's name.
    this.logger.info('oidc sign-in refused', {
      outcome: outcome.kind,
      ...(outcome.kind === 'invalid' ? { reason: outcome.reason } : {}),
      ...(outcome.kind === 'refused-by-provider' ? { error: outcome.error } : {}),
    });
    return this.kit.page(
      req,
      res,
      'sign-in-refused',
      'You could not be signed in',
      refusalOf(outcome, this.kit.config.oidc?.rolesClaim ?? 'roles'),
      outcome.kind === 'no-role' ? 403 : 400,
    );
  }

  private unreachable(error: unknown): ProblemException {
    this.logger.warning('oidc provider unreachable', {
      reason: error instanceof Error ? error.message : String(error),
    });
    return new ProblemException(
      problems.unavailable("The organisation's sign-in service cannot be reached. Try again in a few minutes."),
    );
  }

  private offered(): OidcSignIn {
    if (!this.oidc)
      throw new ProblemException(
        problems.notFound("Sign-in with the organisation's identity provider is not set up on this service."),
      );
    return this.oidc;
  }
}

/** Why the sign-in did not work, in words for the person, and what to do. */
function refusalOf(outcome: Exclude<OidcOutcome, { kind: 'signed-in' }>, rolesClaim: string) {
  switch (outcome.kind) {
    case 'no-role':
      return {
        heading: 'You do not have access to this service',
        reason: `You signed in as ${outcome.name}, but your account has not been given a role in this service.`,
        action: `Ask your administrator to give your account one of these roles, in the "${rolesClaim}" claim:`,
        roles: PERSON_ROLES.map((r) => `${humanise(r)} (${r})`),
        retry: false,
      };
    case 'no-flow':
      return {
        heading: 'Your sign-in timed out',
        reason: 'The sign-in was not started in this browser, or it took longer than 10 minutes.',
        action: 'Start the sign-in again.',
        retry: true,
      };
    case 'refused-by-provider':
      return {
        heading: 'Sign-in was cancelled or refused',
        reason:
          outcome.error === 'access_denied'
            ? 'The sign-in was cancelled, or your account may not use this service.'
            : `The organisation's sign-in service answered: ${outcome.error}.`,
        action: 'Try again. If it keeps happening, contact your administrator.',
        retry: true,
      };
    case 'invalid':
      return {
        heading: 'Sign-in did not work',
        reason:
          'The answer from the organisation\u2019s sign-in service did not match the sign-in this browser started, so it was not accepted.',
        action: 'Start the sign-in again. If it keeps happening, contact your administrator.',
        retry: true,
      };
  }
}
