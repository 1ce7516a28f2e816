import type { NextFunction, Request, Response } from 'express';
import { problems, sendProblem } from '../http/problem';
import { requestContext } from '../http/request-context';
import { InvalidTokenError, type TokenVerifier } from './token-verifier';
import { cookiesOf, SESSION_COOKIE } from '../pages/session/cookies';
import type { SessionVerifier } from '../pages/session/ended-sessions';
import { isPagePath } from '../pages/http/page-paths';

/** Every route under this prefix needs a token, so a request without one stops here. */
export const PROTECTED_PREFIX = '/api/v1/';
/** Except this one: residents' routes, which prove access otherwise (an access code), never with a token. */
export const PUBLIC_PREFIX = '/api/v1/public/';

export const WWW_AUTHENTICATE = 'Bearer realm="complaints"';

/**
 * Authentication runs as plain middleware BEFORE the body is parsed: an anonymous caller can
 * neither make the server parse a request body nor learn which of its fields are invalid.
 * Authorisation (which roles a route allows) is the guard's job, since only it sees the route.
 */
export function authenticate(verifier: TokenVerifier, sessions?: SessionVerifier) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const context = requestContext(req);
    const header = req.header('authorization');
    const isProtected = req.path.startsWith(PROTECTED_PREFIX) && !req.path.startsWith(PUBLIC_PREFIX);
    if (header === undefined && sessions && isPagePath(req.path)) {
      // Pages (never the API) also take the session cookie; one that is expired, signed out or not ours is
      // ignored, so the page's guard sends the person to sign in again.
      const cookie = cookiesOf(req.header('cookie'))[SESSION_COOKIE];
      const session = cookie ? await sessions.verify(cookie) : undefined;
      if (session) {
        context.principal = session.principal;
        context.credential = { kind: 'session', sid: session.sid };
      }
      next();
      return;
    }
    if (header === undefined) {
      if (isProtected) {
        sendProblem(
          res,
          problems.unauthorized('A bearer token is required: send Authorization: Bearer <JWT>.'),
          context.correlationId,
          {
            'WWW-Authenticate': WWW_AUTHENTICATE,
          },
        );
        return;
      }
      next();
      return;
    }
    const match = /^Bearer\s+([A-Za-z0-9._~+/=-]+)\s*$/i.exec(header);
    try {
      const token = match?.[1];
      if (!token) throw new InvalidTokenError('the Authorization header must be "Bearer <JWT>"');
      context.principal = await verifier.verify(token);
      context.credential = { kind: 'bearer', token };
      next();
    } catch (error) {
      if (!(error instanceof InvalidTokenError)) {
        next(error);
        return;
      }
      if (!isProtected) {
        // A public route (health, docs) works without identity; a broken token changes nothing there.
        next();
        return;
      }
      sendProblem(
        res,
        problems.unauthorized(`The bearer token was refused: ${error.message}.`),
        context.correlationId,
        {
          'WWW-Authenticate': `${WWW_AUTHENTICATE}, error="invalid_token"`,
        },
      );
    }
  };
}
