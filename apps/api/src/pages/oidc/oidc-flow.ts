import { jwtVerify, SignJWT } from 'jose';

/** The issuer of flow tokens: a flow token is never a session, nor a session a flow token (jose checks `iss`). */
const FLOW_ISSUER = 'complaints-pages-oidc-flow';
/** How long a person may take at the identity provider before the sign-in must start again. */
export const FLOW_MAX_AGE_SECONDS = 10 * 60;

/** One sign-in in flight: what the callback checks the identity provider's answer against. */
export interface OidcFlow {
  state: string;
  nonce: string;
  /** The PKCE code verifier: its S256 hash went to the identity provider with the authorisation request. */
  codeVerifier: string;
  /** Where to go once signed in: a path on this service (checked by safeReturnTo before it is kept). */
  returnTo: string | undefined;
}

/**
 * The flow as the OIDC flow cookie carries it: a short-lived JWT signed with the session key,
 * so the callback reads back exactly what /sign-in/start wrote (nothing kept on the server,
 * so any instance can take the callback), and a flow older than FLOW_MAX_AGE_SECONDS is refused.
 */
export class OidcFlowTokens {
  private readonly key: Uint8Array;

  constructor(secret: string) {
    this.key = new TextEncoder().encode(secret);
  }

  async seal(flow: OidcFlow): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({
      state: flow.state,
      nonce: flow.nonce,
      cv: flow.codeVerifier,
      ...(flow.returnTo ? { rt: flow.returnTo } : {}),
    })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(FLOW_ISSUER)
      .setIssuedAt(now)
      .setExpirationTime(now + FLOW_MAX_AGE_SECONDS)
      .sign(this.key);
  }

  /** The flow in the cookie, or undefined when there is none, it expired, or it is not one of ours. */
  async open(token: string | undefined): Promise<OidcFlow | undefined> {
    if (!token) return undefined;
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer: FLOW_ISSUER,
        algorithms: ['HS256'],
        requiredClaims: ['exp'],
      });
      const { state, nonce, cv, rt } = payload;
      if (typeof state !== 'string' || typeof nonce !== 'string' || typeof cv !== 'string') return undefined;
      return { state, nonce, codeVerifier: cv, returnTo: typeof rt === 'string' ? rt : undefined };
    } catch {
      return undefined;
    }
  }
}
