import * as client from 'openid-client';
import type { Role } from '@complaints/contracts';
import type { OidcConfig } from '../../config/app-config';
import type { Principal } from '../../http/request-context';
import { type OidcFlow, OidcFlowTokens } from './oidc-flow';
import { displayNameFrom, rolesFromClaim } from './oidc-roles';

/** Nest's token for the OIDC sign-in: an OidcSignIn, or null when no identity provider is configured. */
export const OIDC_SIGN_IN = Symbol('OIDC_SIGN_IN');

/** What the identity provider's answer came to. */
export type OidcOutcome =
  | { kind: 'signed-in'; principal: Principal; returnTo: string | undefined }
  /** A real user of the provider, but with none of this service's roles in the roles claim. */
  | { kind: 'no-role'; name: string }
  /** No sign-in in flight in this browser (no flow cookie, or it expired): start again. */
  | { kind: 'no-flow' }
  /** The provider said no (the person cancelled, or is not allowed to use this client). */
  | { kind: 'refused-by-provider'; error: string }
  /** The answer failed a check: state, PKCE, nonce, issuer, audience, signature, expiry. */
  | { kind: 'invalid'; reason: string };

/**
 * Sign-in with the landlord's identity provider (OIDC authorization code flow with PKCE, state
 * and nonce), through openid-client: discovery, the authorisation URL, the code exchange and
 * the ID token's checks (signature by the provider's JWKS, issuer, audience, expiry, nonce) are
 * the library's, not ours. Ours: what the flow cookie carries, and how claims become a principal.
 */
export class OidcSignIn {
  private discovered: Promise<client.Configuration> | undefined;
  private readonly flows: OidcFlowTokens;

  constructor(
    private readonly config: OidcConfig,
    flowKey: string,
  ) {
    this.flows = new OidcFlowTokens(flowKey);
  }

  /** Where to send the browser, and the flow cookie's value to set before it goes. */
  async start(returnTo: string | undefined): Promise<{ authorizationUrl: URL; flowCookie: string }> {
    const configuration = await this.configuration();
    const flow: OidcFlow = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      codeVerifier: client.randomPKCECodeVerifier(),
      returnTo,
    };
    const authorizationUrl = client.buildAuthorizationUrl(configuration, {
      redirect_uri: this.config.redirectUrl,
      scope: this.config.scope,
      code_challenge: await client.calculatePKCECodeChallenge(flow.codeVerifier),
      code_challenge_method: 'S256',
      state: flow.state,
      nonce: flow.nonce,
    });
    return { authorizationUrl, flowCookie: await this.flows.seal(flow) };
  }

  /**
   * The provider's redirect back (its query string) checked against the flow this browser
   * started: openid-client compares the state, sends the PKCE verifier with the code, and checks
   * the ID token (nonce included). Any failure is an outcome, never a thrown stack trace.
   */
  async finish(callbackQuery: string, flowCookie: string | undefined): Promise<OidcOutcome> {
    const flow = await this.flows.open(flowCookie);
    if (!flow) return { kind: 'no-flow' };
    const configuration = await this.configuration();
    // The callback URL as configured, not as the request's Host header says: the redirect_uri
    // sent with the code must be the one the authorisation request named.
    const callbackUrl = new URL(this.config.redirectUrl);
    callbackUrl.search = callbackQuery;
    let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
    try {
      tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
        pkceCodeVerifier: flow.codeVerifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
    } catch (error) {
      if (error instanceof client.AuthorizationResponseError)
        return { kind: 'refused-by-provider', error: error.error };
      if (error instanceof client.ResponseBodyError)
        return { kind: 'invalid', reason: `the identity provider refused the code: ${error.error}` };
      return { kind: 'invalid', reason: error instanceof Error ? error.message : String(error) };
    }
    const claims = tokens.claims();
    if (!claims) return { kind: 'invalid', reason: 'the identity provider sent no ID token' };
    const roles: Role[] = rolesFromClaim(claims[this.config.rolesClaim]);
    const name = displayNameFrom(claims, claims.sub);
    if (roles.length === 0) return { kind: 'no-role', name };
    return { kind: 'signed-in', principal: { id: claims.sub, name, roles }, returnTo: flow.returnTo };
  }

  /** The provider's metadata, read once (again after a failure, so a provider that was down is tried anew). */
  private configuration(): Promise<client.Configuration> {
    this.discovered ??= this.discover().catch((error: unknown) => {
      this.discovered = undefined;
      throw error;
    });
    return this.discovered;
  }

  private discover(): Promise<client.Configuration> {
    const issuer = new URL(this.config.issuer);
    // Plain HTTP only to a provider on this machine (a local test or development provider): anywhere else it is refused by openid-client.
    const loopback = issuer.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(issuer.hostname);
    return client.discovery(
      issuer,
      this.config.clientId,
      this.config.clientSecret,
      this.config.clientSecret === undefined ? client.None() : undefined,
      loopback ? { execute: [client.allowInsecureRequests] } : undefined,
    );
  }
}
