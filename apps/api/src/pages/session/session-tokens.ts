import { randomBytes } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import { Roles as KNOWN_ROLES, type Role } from '@complaints/contracts';
import type { Principal } from '../../http/request-context';

/** The issuer of session tokens: never accepted as a bearer token by the API (different key, different issuer). */
export const SESSION_ISSUER = 'complaints-pages-session';

export interface Session {
  principal: Principal;
  /** A random id per sign-in: what the session's CSRF tokens are bound to. */
  sid: string;
  /** When it ends (seconds since the epoch). */
  expiresAt: number;
  /** How the person signed in: the development sign-in or the identity provider. */
  via: 'development' | 'oidc';
}

/**
 * A sign-in to the pages, carried in the session cookie as a JWT signed with the session key
 * (HS256). Whichever way the person signed in, the cookie holds the same thing: who they are,
 * their roles, and a session id for CSRF; the roles meet the same guard as a bearer token's.
 */
export class SessionTokens {
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    readonly maxAgeSeconds: number,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  async issue(principal: Principal, via: Session['via']): Promise<{ token: string; session: Session }> {
    const sid = randomBytes(18).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ name: principal.name, roles: principal.roles, sid, via })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(SESSION_ISSUER)
      .setSubject(principal.id)
      .setIssuedAt(now)
      .setExpirationTime(now + this.maxAgeSeconds)
      .sign(this.key);
    return { token, session: { principal, sid, expiresAt: now + this.maxAgeSeconds, via } };
  }

  /** The session in a cookie, or undefined when it is not one of ours, expired or malformed. */
  async verify(token: string): Promise<Session | undefined> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer: SESSION_ISSUER,
        algorithms: ['HS256'],
        requiredClaims: ['exp', 'sub', 'sid'],
      });
      const roles = Array.isArray(payload['roles'])
        ? payload['roles'].filter((r): r is Role => (KNOWN_ROLES as readonly string[]).includes(r as string))
        : [];
      const { sub, exp, sid } = payload;
      if (typeof sub !== 'string' || typeof exp !== 'number' || typeof sid !== 'string' || roles.length === 0)
        return undefined;
      const name = typeof payload['name'] === 'string' ? payload['name'] : sub;
      return {
        principal: { id: sub, name, roles },
        sid,
        expiresAt: exp,
        via: payload['via'] === 'oidc' ? 'oidc' : 'development',
      };
    } catch {
      return undefined;
    }
  }
}
