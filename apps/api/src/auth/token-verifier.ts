import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload, type JWTVerifyOptions } from 'jose';
import { z } from 'zod';
import { InputShortText, Roles as KNOWN_ROLES, type Role } from '@complaints/contracts';
import type { Principal } from '../http/request-context';
import { DEFAULT_MAX_TOKEN_LIFETIME_SECONDS, describeDuration } from './token-lifetime';
import { VerifiedTokens } from './verified-tokens';

/** Verification settings once the secret (if any) is known. */
export type VerifierSettings =
  | { mode: 'hs256'; secret: string; issuer?: string | undefined; audience?: string | undefined }
  | { mode: 'jwks'; jwksUrl: string; issuer: string; audience: string };

export interface TokenVerifier {
  /** The principal named by a valid token; throws InvalidTokenError otherwise. */
  verify(token: string): Promise<Principal>;
}

/** The reason is for the 401's detail: what is wrong with the token, never the key or the token itself. */
export class InvalidTokenError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'InvalidTokenError';
  }
}

// sub and name become the actor recorded on every event: the same plain-text rule as any field
// (no NUL, control characters or lone surrogates; not blank).
const Claims = z.object({
  sub: InputShortText,
  name: InputShortText.optional(),
  roles: z.array(z.string()).max(50).default([]),
});

const knownRoles = new Set<string>(KNOWN_ROLES);
/** How long the identity provider's key set is used before it is fetched again. */
export const JWKS_CACHE_MAX_AGE_MS = 60_000;
/** Seconds of clock difference between the issuer and this API that are forgiven. */
const CLOCK_TOLERANCE_SECONDS = 30;

export interface TokenPolicy {
  /** AUTH_MAX_TOKEN_LIFETIME: the longest exp − iat accepted (see token-lifetime.ts for why). */
  maxLifetimeSeconds: number;
  /** Verifications already made (verified-tokens.ts); a new, empty one by default. */
  verified?: VerifiedTokens;
}

export function createTokenVerifier(
  settings: VerifierSettings,
  policy: TokenPolicy = { maxLifetimeSeconds: DEFAULT_MAX_TOKEN_LIFETIME_SECONDS },
): TokenVerifier {
  const options: JWTVerifyOptions = {
    ...(settings.issuer ? { issuer: settings.issuer } : {}),
    ...(settings.audience ? { audience: settings.audience } : {}),
    // jose checks exp only when it is present: requiring it is what refuses a token that never expires.
    requiredClaims: ['exp'],
    clockTolerance: CLOCK_TOLERANCE_SECONDS,
  };
  const verifyWithKey: (token: string) => Promise<JWTPayload> =
    settings.mode === 'hs256'
      ? (() => {
          const key = new TextEncoder().encode(settings.secret);
          // Pinning the algorithm list is what stops "alg: none" and RS/HS confusion attacks.
          return async (token: string) => (await jwtVerify(token, key, { ...options, algorithms: ['HS256'] })).payload;
        })()
      : (() => {
          // Fetched again after a minute (jose's default keeps a key set ten): a signing key the
          // identity provider withdraws stops verifying within that, plus VerifiedTokens' minute.
          const keySet = createRemoteJWKSet(new URL(settings.jwksUrl), { cacheMaxAge: JWKS_CACHE_MAX_AGE_MS });
          return async (token: string) =>
            (await jwtVerify(token, keySet, { ...options, algorithms: ['RS256', 'ES256'] })).payload;
        })();

  const verified = policy.verified ?? new VerifiedTokens();
  return {
    async verify(token) {
      const known = verified.get(token);
      if (known) return known;
      let payload: JWTPayload;
      try {
        payload = await verifyWithKey(token);
      } catch (error) {
        throw new InvalidTokenError(describeJoseError(error));
      }
      checkLifetime(payload, policy.maxLifetimeSeconds);
      const claims = Claims.safeParse(payload);
      if (!claims.success)
        throw new InvalidTokenError(
          `the token's ${claims.error.issues[0]?.path.join('.') || 'claims'} claim is not valid (${claims.error.issues[0]?.message ?? 'invalid'})`,
        );
      const principal: Principal = {
        id: claims.data.sub,
        name: claims.data.name ?? claims.data.sub,
        // Roles this API does not know are ignored rather than refused: an identity provider
        // often issues roles for other applications in the same token.
        roles: claims.data.roles.filter((r): r is Role => knownRoles.has(r)),
      };
      // exp is required and was checked: the token is good until then (with the same tolerance).
      verified.remember(token, { principal, acceptUntilMs: ((payload.exp ?? 0) + CLOCK_TOLERANCE_SECONDS) * 1000 });
      return principal;
    },
  };
}

/**
 * exp is present and in the future here (jose checked both); what is left is how far away it is.
 * iat is the issuer's word, so it is trusted only as far as it is plausible: a token issued in
 * the future (`iat = exp = 1e300`) is refused, and whatever iat says, the token may never still
 * be accepted longer than the maximum from now.
 */
function checkLifetime(payload: JWTPayload, maxSeconds: number): void {
  const exp = payload.exp ?? 0;
  const now = Date.now() / 1000;
  const limit = describeDuration(maxSeconds);
  if (typeof payload.iat === 'number') {
    if (payload.iat > now + CLOCK_TOLERANCE_SECONDS)
      throw new InvalidTokenError('the token was issued in the future (iat)');
    if (exp - payload.iat > maxSeconds)
      throw new InvalidTokenError(
        `the token's lifetime (exp − iat) is longer than the maximum of ${limit} (AUTH_MAX_TOKEN_LIFETIME)`,
      );
  }
  if (exp - now > maxSeconds + CLOCK_TOLERANCE_SECONDS) {
    throw new InvalidTokenError(
      `the token expires more than ${limit} from now, the maximum lifetime (AUTH_MAX_TOKEN_LIFETIME)`,
    );
  }
}

function describeJoseError(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'the token has expired';
  if (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === 'exp' && error.reason === 'missing') {
    return 'the token has no exp (expiry) claim: tokens must expire';
  }
  if (error instanceof joseErrors.JWTClaimValidationFailed) return `the token's ${error.claim} claim is not accepted`;
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'the token signature is not valid';
  if (error instanceof joseErrors.JOSEAlgNotAllowed)
    return 'the token is signed with an algorithm this API does not accept';
  if (error instanceof joseErrors.JWKSNoMatchingKey) return 'no key of the identity provider matches the token';
  if (error instanceof joseErrors.JWKSTimeout) return 'the identity provider did not answer in time';
  return 'the token is malformed or not valid';
}
