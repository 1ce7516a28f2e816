import { randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import {
  createPageRenderer,
  landlordStylesheet,
  refusalPageContext,
  type PageFrame,
  type PageRenderer,
  type Stylesheet,
} from '@complaints/pages';
import type { PagesConfig } from '../config/app-config';
import { problems, type Problem } from '../http/problem';
import { requestContext } from '../http/request-context';
import { anonymousBinding, bearerBinding, CsrfTokens, sessionBinding } from './http/csrf';
import { ANONYMOUS_CSRF_COOKIE, cookiesOf, setCookie } from './session/cookies';
import { SessionTokens } from './session/session-tokens';
import { liveSessions, type EndedSessions, type SessionVerifier } from './session/ended-sessions';

/** Headers on every page: nothing but this origin's stylesheet, no script at all, never framed, never cached (pages carry personal data). */
export const PAGE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy':
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

/**
 * What every page controller shares: the renderer (libs/pages), the sessions, the CSRF tokens.
 * A page handler parses its input, calls the read side, and hands `page()` a template name and
 * its context; it gets back the HTML string to return.
 */
export class PageKit {
  readonly renderer: PageRenderer;
  readonly stylesheet: Stylesheet;
  readonly sessions: SessionTokens;
  /** The session cookies the pages accept: ours, unexpired, and not signed out. */
  readonly liveSessions: SessionVerifier;
  readonly csrf: CsrfTokens;

  constructor(
    readonly config: PagesConfig,
    sessionSecret: string,
    readonly endedSessions: EndedSessions,
  ) {
    this.stylesheet = landlordStylesheet(config.branding);
    this.renderer = createPageRenderer({ branding: config.branding, stylesheetVersion: this.stylesheet.version });
    this.sessions = new SessionTokens(sessionSecret, config.session.maxAgeSeconds);
    this.liveSessions = liveSessions(this.sessions, endedSessions);
    this.csrf = new CsrfTokens(sessionSecret);
  }

  /** The page as HTML, with the page headers set; the controller returns the string. */
  page(
    req: Request,
    res: Response,
    template: string,
    title: string,
    context: Record<string, unknown> = {},
    status = 200,
  ): string {
    res.status(status);
    for (const [name, value] of Object.entries(PAGE_SECURITY_HEADERS)) res.setHeader(name, value);
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    return this.renderer.render(template, this.frameOf(req, res, title), context);
  }

  frameOf(req: Request, res: Response, title: string): PageFrame {
    const context = requestContext(req);
    return {
      title,
      path: req.path,
      csrfToken: this.csrf.tokenFor(this.csrfBinding(req, res)),
      viewer: context.principal
        ? {
            name: context.principal.name,
            roles: context.principal.roles,
            session: context.credential?.kind === 'session',
          }
        : undefined,
    };
  }

  /**
   * What this request's forms are bound to. Before sign-in that is a random cookie, set here
   * on first sight (so a GET of the sign-in or resident page prepares its own POST).
   */
  csrfBinding(req: Request, res?: Response): string {
    const credential = requestContext(req).credential;
    if (credential?.kind === 'session') return sessionBinding(credential.sid);
    if (credential?.kind === 'bearer') return bearerBinding(credential.token);
    let anonymous = cookiesOf(req.header('cookie'))[ANONYMOUS_CSRF_COOKIE];
    if (!anonymous || !/^[A-Za-z0-9_-]{16,64}$/.test(anonymous)) {
      anonymous = randomBytes(18).toString('base64url');
      res?.append('Set-Cookie', setCookie(ANONYMOUS_CSRF_COOKIE, anonymous, this.config.session.maxAgeSeconds));
    }
    return anonymousBinding(anonymous);
  }

  /** A problem answered on a page: HTML for a person, with the same status; 401 on a GET sends them to sign in. */
  sendProblem(
    req: Request,
    res: Response,
    problem: Problem,
    correlationId: string | undefined,
    headers: Readonly<Record<string, string>>,
  ): void {
    if (res.headersSent) return;
    if (problem.status === 401 && req.method === 'GET' && req.header('authorization') === undefined) {
      const returnTo = req.originalUrl.startsWith('/') && !req.originalUrl.startsWith('//') ? req.originalUrl : '/';
      res.status(303).setHeader('Location', `/sign-in?returnTo=${encodeURIComponent(returnTo)}`);
      res.end();
      return;
    }
    for (const [name, value] of Object.entries(headers))
      if (name.toLowerCase() !== 'content-type') res.setHeader(name, value);
    const context = requestContext(req);
    if (problem.status === 403 && context.principal && context.refusedFor) {
      // Refused for the role: a page saying what the role does not see and how to sign in as another, not the API's problem.
      const refusal = refusalPageContext({
        viewerRoles: context.principal.roles,
        allowed: context.refusedFor,
        path: req.originalUrl,
        session: context.credential?.kind === 'session',
      });
      res.send(this.page(req, res, 'refused', 'You cannot see this page', { refusal, correlationId }, 403));
      return;
    }
    const { title, hint } = errorPageWords(problem);
    const errors = Array.isArray(problem['errors']) ? (problem['errors'] as { field: string; message: string }[]) : [];
    const detail = errors.length
      ? `${problem.detail} ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`
      : problem.detail;
    res.send(this.page(req, res, 'error', title, { detail, hint, correlationId }, problem.status));
  }
}

/** The problem type of a form refused by the CSRF check. */
export const FORM_EXPIRED_TYPE = '/problems/form-expired';

/** A form refused by the CSRF check (http/csrf-check.middleware.ts, and the document upload that reads its own body). */
export function formExpiredProblem(): Problem {
  return {
    ...problems.forbidden(
      'This form could not be accepted: it has expired, or it did not come from this service. Go back, reload the page and try again.',
    ),
    type: FORM_EXPIRED_TYPE,
    title: 'Form expired',
  };
}

function errorPageWords(problem: Problem): { title: string; hint?: string } {
  switch (problem.status) {
    case 400:
      return { title: 'Check what you asked for', hint: 'Go back and change it, then try again.' };
    case 401:
      return { title: 'You need to sign in', hint: 'Sign in again from the start page.' };
    case 403:
      return problem.type === FORM_EXPIRED_TYPE
        ? { title: 'This form has expired', hint: 'Go back, reload the page and send the form again.' }
        : {
            title: 'You cannot see this page',
            hint: 'Your role does not include it. If you need it, ask your manager.',
          };
    case 404:
      return { title: 'Page not found' };
    case 409:
      return { title: 'This cannot be done now' };
    case 412:
      return {
        title: 'The complaint changed while you were looking at it',
        hint: 'Open the complaint again to see what changed.',
      };
    case 429:
      return { title: 'Too many attempts', hint: 'Wait a while before trying again.' };
    case 503:
      return { title: 'Sorry, the service is unavailable', hint: 'Try again in a few minutes.' };
    default:
      return problem.status >= 500
        ? { title: 'Sorry, there is a problem with the service', hint: 'Try again later.' }
        : { title: problem.title };
  }
}
