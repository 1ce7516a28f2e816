import { RecentEntries } from '@complaints/event-store';
import type { Principal } from '../http/request-context';

/** How many distinct tokens are remembered: a busy API sees a few hundred users' tokens, each for an hour or so. */
export const VERIFIED_TOKENS_CAPACITY = 5_000;
/**
 * How long a verification is trusted without doing it again, at most (besides the token's own
 * expiry): a key withdrawn from the identity provider's JWKS stops a token it signed within this
 * plus the key set's own cache (JWKS_CACHE_MAX_AGE_MS, another minute).
 */
export const VERIFIED_TOKENS_TTL_MS = 60_000;

interface Verified {
  principal: Principal;
  /** The token's exp, plus the clock tolerance, in ms: never answered after this. */
  acceptUntilMs: number;
}

/**
 * Tokens this process verified, by the token's exact text, with the principal they named. Every
 * request carries its token, and the same token comes back for its whole life: checking the
 * signature again (an HMAC or an RSA/ECDSA verification, through WebCrypto) and parsing the
 * claims again was the largest single cost of an authenticated read. A token is only ever
 * remembered after a full verification; an entry answers only before the token's exp (with the
 * verifier's clock tolerance) and for at most VERIFIED_TOKENS_TTL_MS; a refused token is never
 * remembered, so it is refused with its reason every time. Least recently used go first when full.
 */
export class VerifiedTokens {
  private readonly entries: RecentEntries<Verified>;

  constructor(
    private readonly now: () => number = Date.now,
    capacity = VERIFIED_TOKENS_CAPACITY,
    ttlMs = VERIFIED_TOKENS_TTL_MS,
  ) {
    this.entries = new RecentEntries(capacity, ttlMs, now);
  }

  get(token: string): Principal | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (this.now() > entry.acceptUntilMs) {
      this.entries.delete(token);
      return undefined;
    }
    // A copy: the remembered principal stays as verified whatever a request does with its own.
    return { ...entry.principal, roles: [...entry.principal.roles] };
  }

  remember(token: string, verified: Verified): void {
    this.entries.set(token, verified);
  }
}
