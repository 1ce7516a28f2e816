import { Controller, Get, Header, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Roles as ALL_ROLES, type Role } from '@complaints/contracts';
import { humanise } from '@complaints/pages';
import { devPrincipal } from '../auth/dev-tokens';
import { Public } from '../auth/roles.decorator';
import { ProblemException, problems } from '../http/problem';
import { requestContext } from '../http/request-context';
import { PageKit } from './page-kit';
import { clearCookie, SESSION_COOKIE, setCookie } from './session/cookies';

/** Roles a person signs in as on a page: integrations use the API, never a browser. */
const PERSON_ROLES = ALL_ROLES.filter((role) => role !== 'integration');

/** Where to go after sign-in: a path on this service only (never `//elsewhere` or a full URL). */
export function safeReturnTo(value: unknown): string | undefined {
  return typeof value === 'string' && /^\/(?![/\\])[^\s]*$/.test(value) && value.length <= 2000 ? value : undefined;
}

/**
 * The session cookie is Secure: a browser keeps it only over HTTPS, or from localhost. Signing in
 * over plain HTTP from anywhere else would loop back to the sign-in page, so it is refused with
 * the reason. (Behind a TLS-terminating proxy, TRUST_PROXY lets `req.secure` see the HTTPS.)
 */
export function refuseInsecureSignIn(req: Request): void {
  const loopback = ['localhost', '127.0.0.1', '[::1]', '::1'].includes(req.hostname);
  if (!req.secure && !loopback) {
    throw new ProblemException({
      ...problems.validation(
        [],
        'Signing in needs HTTPS: the sign-in is kept in a Secure cookie, which browsers keep only over HTTPS (or on this computer, at localhost).',
      ),
      errors: [],
    });
  }
}

/** The first page for a role once signed in. */
export function homeOf(roles: readonly Role[]): string {
  if (roles.includes('complaints_officer') || roles.includes('complaints_manager')) return '/attention';
  if (roles.includes('auditor') || roles.includes('admin')) return '/complaints';
  if (roles.includes('scrutiny_panel')) return '/panel';
  return '/';
}

/** The start page, sign-in and sign-out, and the stylesheet. */
@ApiExcludeController()
@Controller()
export class StartPagesController {
  constructor(@Inject(PageKit) private readonly kit: PageKit) {}

  @Get()
  @Public()
  start(@Req() req: Request, @Res({ passthrough: true }) res: Response): string {
    return this.kit.page(req, res, 'start', 'Start');
  }

  @Get('assets/:file')
  @Public()
  @Header('Cache-Control', 'public, max-age=31536000, immutable')
  stylesheet(@Param('file') file: string, @Res({ passthrough: true }) res: Response): string {
    if (file !== `pages-${this.kit.stylesheet.version}.css`)
      throw new ProblemException(problems.notFound(`There is no asset ${file}.`));
    res.setHeader('Content-Type', 'text/css; charset=utf-8');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    return this.kit.stylesheet.css;
  }

  @Get('sign-in')
  @Public()
  signInPage(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Query('returnTo') returnTo: unknown,
  ): string {
    return this.renderSignIn(req, res, safeReturnTo(returnTo) ?? '', undefined, 200);
  }

  @Post('sign-in')
  @Public()
  async signIn(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<string | void> {
    if (!this.kit.config.devSignIn)
      throw new ProblemException(problems.notFound('Development sign-in is not offered by this service.'));
    refuseInsecureSignIn(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const role = PERSON_ROLES.find((r) => r === body['role']);
    const returnTo = safeReturnTo(body['returnTo']);
    if (!role) return this.renderSignIn(req, res, returnTo ?? '', 'Select the role you are signing in as', 400);
    const { token } = await this.kit.sessions.issue(devPrincipal(role), 'development');
    res.append('Set-Cookie', setCookie(SESSION_COOKIE, token, this.kit.sessions.maxAgeSeconds));
    res.redirect(303, returnTo ?? homeOf([role]));
  }

  @Post('sign-out')
  @Public()
  async signOut(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    // The cookie is cleared, and the session itself ended: a copy of the cookie no longer works either.
    const credential = requestContext(req).credential;
    if (credential?.kind === 'session')
      await this.kit.endedSessions.end(credential.sid, new Date(Date.now() + this.kit.sessions.maxAgeSeconds * 1000));
    res.append('Set-Cookie', clearCookie(SESSION_COOKIE));
    res.redirect(303, '/');
  }

  private renderSignIn(
    req: Request,
    res: Response,
    returnTo: string,
    roleError: string | undefined,
    status: number,
  ): string {
    const signedIn = requestContext(req).principal;
    return this.kit.page(
      req,
      res,
      'sign-in',
      'Sign in',
      {
        devSignIn: this.kit.config.devSignIn,
        oidc: this.kit.config.oidc !== undefined,
        returnTo,
        returnToQuery: returnTo ? `?returnTo=${encodeURIComponent(returnTo)}` : '',
        roleError,
        errorSummary: roleError ? [{ text: roleError, href: '#role' }] : [],
        signedIn,
        roles: PERSON_ROLES.map((role) => ({ value: role, text: humanise(role) })),
      },
      status,
    );
  }
}
