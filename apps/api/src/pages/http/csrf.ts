import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * CSRF tokens for every form: an HMAC (session key) of what the request is bound to — the
 * session id when signed in with the cookie, the bearer token when one is sent (tests,
 * embedding), or the anonymous CSRF cookie before sign-in. A form posted from another site has
 * none of these to bind to, and SameSite=Lax keeps the cookie off its POST besides.
 */
export class CsrfTokens {
  constructor(private readonly secret: string) {}

  tokenFor(binding: string): string {
    return createHmac('sha256', this.secret).update(`csrf:${binding}`).digest('base64url');
  }

  matches(binding: string, offered: unknown): boolean {
    if (typeof offered !== 'string' || offered.length === 0 || offered.length > 100) return false;
    const expected = Buffer.from(this.tokenFor(binding));
    const given = Buffer.from(offered);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}

export const bearerBinding = (token: string) => `bearer:${createHash('sha256').update(token).digest('base64url')}`;
export const sessionBinding = (sid: string) => `session:${sid}`;
export const anonymousBinding = (value: string) => `anonymous:${value}`;
