import { afterEach, describe, expect, it, vi } from 'vitest';
import { SignJWT, UnsecuredJWT } from 'jose';
import { SESSION_ISSUER, SessionTokens } from './session-tokens';

const SECRET = 'a-session-secret-of-at-least-thirty-two-bytes';
const officer = { id: 'officer-1', name: 'Sam Officer', roles: ['complaints_officer' as const] };
const key = (secret: string) => new TextEncoder().encode(secret);

/** A token signed with the session key, with claims chosen by the test (what a forger with the key could not do without it). */
async function signed(
  claims: Record<string, unknown>,
  options: { issuer?: string; secret?: string; expiresIn?: number } = {},
) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(options.issuer ?? SESSION_ISSUER)
    .setSubject('officer-1')
    .setIssuedAt(now)
    .setExpirationTime(now + (options.expiresIn ?? 600))
    .sign(key(options.secret ?? SECRET));
}

describe('page session tokens', () => {
  afterEach(() => vi.useRealTimers());

  it('gives back who signed in, their roles, the session id and how they signed in', async () => {
    const tokens = new SessionTokens(SECRET, 3600);
    const { token, session } = await tokens.issue(officer, 'oidc');
    const verified = await tokens.verify(token);
    expect(verified).toEqual(session);
    expect(verified).toMatchObject({ principal: officer, via: 'oidc' });
    expect(verified!.sid.length).toBeGreaterThanOrEqual(20);
  });

  it('gives every sign-in its own session id, so CSRF tokens of one sign-in do not fit another', async () => {
    const tokens = new SessionTokens(SECRET, 3600);
    const [a, b] = await Promise.all([tokens.issue(officer, 'development'), tokens.issue(officer, 'development')]);
    expect(a.session.sid).not.toEqual(b.session.sid);
  });

  it('refuses a session once its time is up', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-01T09:00:00Z'));
    const tokens = new SessionTokens(SECRET, 60 * 60);
    const { token } = await tokens.issue(officer, 'development');
    vi.setSystemTime(new Date('2026-12-01T09:59:00Z'));
    expect(await tokens.verify(token)).toBeDefined();
    vi.setSystemTime(new Date('2026-12-01T10:00:01Z'));
    expect(await tokens.verify(token)).toBeUndefined();
  });

  it('refuses a session signed with another key (another deployment, or a rotated SESSION_SECRET)', async () => {
    const other = new SessionTokens('another-secret-of-at-least-thirty-two-bytes!', 3600);
    const { token } = await other.issue(officer, 'development');
    expect(await new SessionTokens(SECRET, 3600).verify(token)).toBeUndefined();
  });

  it('refuses a token with the right key but another issuer (a token that is not a page session)', async () => {
    const token = await signed({ roles: ['complaints_officer'], sid: 's1' }, { issuer: 'complaints-api' });
    expect(await new SessionTokens(SECRET, 3600).verify(token)).toBeUndefined();
  });

  it('refuses a token whose payload was changed after signing (e.g. a role added)', async () => {
    const tokens = new SessionTokens(SECRET, 3600);
    const { token } = await tokens.issue(officer, 'development');
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, roles: ['admin'] })).toString('base64url');
    expect(await tokens.verify(`${header}.${forged}.${signature}`)).toBeUndefined();
  });

  it('refuses an unsigned token (alg "none")', async () => {
    const token = new UnsecuredJWT({ roles: ['admin'], sid: 's1' })
      .setIssuer(SESSION_ISSUER)
      .setSubject('x')
      .setExpirationTime('1h')
      .encode();
    expect(await new SessionTokens(SECRET, 3600).verify(token)).toBeUndefined();
  });

  it('keeps only the roles the service knows, and refuses a session left with none', async () => {
    const tokens = new SessionTokens(SECRET, 3600);
    expect(
      (await tokens.verify(await signed({ roles: ['auditor', 'superuser'], sid: 's1' })))?.principal.roles,
    ).toEqual(['auditor']);
    expect(await tokens.verify(await signed({ roles: ['superuser'], sid: 's1' }))).toBeUndefined();
    expect(await tokens.verify(await signed({ roles: 'admin', sid: 's1' }))).toBeUndefined();
  });

  it('refuses a session without a session id (its forms would have nothing to bind to)', async () => {
    expect(await new SessionTokens(SECRET, 3600).verify(await signed({ roles: ['auditor'] }))).toBeUndefined();
  });

  it('refuses what is not a token at all', async () => {
    const tokens = new SessionTokens(SECRET, 3600);
    for (const junk of ['', 'not-a-jwt', 'a.b.c', '%%%.%%%.%%%']) expect(await tokens.verify(junk)).toBeUndefined();
  });
});
