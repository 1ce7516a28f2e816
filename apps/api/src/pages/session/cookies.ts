import { parseCookie, stringifySetCookie } from 'cookie';

/** The session cookie: HttpOnly (no script reads it), Secure (HTTPS or localhost only), SameSite=Lax (no cross-site POST carries it). */
export const SESSION_COOKIE = 'complaints_session';
/** Before sign-in, what a form's CSRF token is bound to (the sign-in and resident forms). */
export const ANONYMOUS_CSRF_COOKIE = 'complaints_csrf';
/** The OIDC sign-in in flight: state, nonce and the PKCE verifier, for the callback to check. */
export const OIDC_FLOW_COOKIE = 'complaints_oidc';

export function cookiesOf(header: string | undefined): Record<string, string | undefined> {
  return header ? parseCookie(header) : {};
}

/** A Set-Cookie value with this product's flags; `maxAgeSeconds: 0` clears it. */
export function setCookie(name: string, value: string, maxAgeSeconds: number): string {
  return stringifySetCookie({
    name,
    value,
    httpOnly: true,
    secure: true,
    sameSite: 'lax',
    path: '/',
    maxAge: maxAgeSeconds,
  });
}

export const clearCookie = (name: string) => setCookie(name, '', 0);
