import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadOrCreateDevSecret } from './dev-secret';
import { signDevToken } from './dev-tokens';
import { createTokenVerifier, InvalidTokenError } from './token-verifier';

const SECRET = 'a-development-secret-of-at-least-32-bytes';
const key = new TextEncoder().encode(SECRET);

describe('HS256 verification', () => {
  const verifier = createTokenVerifier({ mode: 'hs256', secret: SECRET });

  it('reads sub, name and the known roles of a valid token (unknown roles are ignored)', async () => {
    const token = await new SignJWT({ name: 'Ann Officer', roles: ['complaints_officer', 'crm_user'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u-1')
      .setExpirationTime('1h')
      .sign(key);
    await expect(verifier.verify(token)).resolves.toEqual({
      id: 'u-1',
      name: 'Ann Officer',
      roles: ['complaints_officer'],
    });
  });

  describe('verifications remembered (VerifiedTokens)', () => {
    afterEach(() => vi.useRealTimers());

    it('a token verified once is still refused once it has expired', async () => {
      vi.useFakeTimers({ now: Date.parse('2026-12-04T10:00:00Z'), toFake: ['Date'] });
      const remembering = createTokenVerifier({ mode: 'hs256', secret: SECRET });
      const token = await new SignJWT({ roles: ['auditor'] })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('u-2')
        .setExpirationTime('1h')
        .sign(key);
      await expect(remembering.verify(token)).resolves.toMatchObject({ id: 'u-2', roles: ['auditor'] });
      await expect(remembering.verify(token)).resolves.toMatchObject({ id: 'u-2', roles: ['auditor'] });

      vi.setSystemTime(Date.parse('2026-12-04T11:01:00Z')); // past exp and the 30 s tolerance
      await expect(remembering.verify(token)).rejects.toThrow(/expired/);
    });

    it('a refused token is refused every time, with its reason', async () => {
      const wrongKey = await new SignJWT({ roles: ['admin'] })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('u')
        .setExpirationTime('1h')
        .sign(new TextEncoder().encode('y'.repeat(40)));
      await expect(verifier.verify(wrongKey)).rejects.toThrow(/signature/);
      await expect(verifier.verify(wrongKey)).rejects.toThrow(/signature/);
    });
  });

  it('refuses a wrong signature, an expired token, alg none, and a token without sub', async () => {
    const wrongKey = await new SignJWT({ roles: [] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u')
      .sign(new TextEncoder().encode('x'.repeat(40)));
    const expired = await new SignJWT({ roles: [] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u')
      .setExpirationTime(Math.floor(Date.parse('2020-01-01') / 1000))
      .sign(key);
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"u","roles":["admin"]}').toString('base64url')}.`;
    const noSub = await new SignJWT({ roles: ['admin'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime('1h')
      .sign(key);
    await expect(verifier.verify(wrongKey)).rejects.toThrow(/signature/);
    await expect(verifier.verify(expired)).rejects.toThrow(/expired/);
    await expect(verifier.verify(unsigned)).rejects.toBeInstanceOf(InvalidTokenError);
    await expect(verifier.verify(noSub)).rejects.toThrow(/sub/);
  });

  it('refuses a sub or name that could not be recorded as the actor of an event (NUL, control characters, blank), naming the claim', async () => {
    const sign = (sub: string, name?: string) =>
      new SignJWT({ roles: ['complaints_officer'], ...(name === undefined ? {} : { name }) })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(sub)
        .setExpirationTime('1h')
        .sign(key);
    await expect(verifier.verify(await sign('u-\u0000-1'))).rejects.toThrow(
      /sub claim is not valid \(must not contain control characters/,
    );
    await expect(verifier.verify(await sign('   '))).rejects.toThrow(/sub claim is not valid/);
    await expect(verifier.verify(await sign('u-1', 'Ann\u0007'))).rejects.toThrow(/name claim is not valid/);
    await expect(verifier.verify(await sign('u-1', 'Ann\ud800'))).rejects.toThrow(/name claim is not valid/);
    await expect(verifier.verify(await sign('u-1', 'Ann Officer'))).resolves.toMatchObject({
      id: 'u-1',
      name: 'Ann Officer',
    });
  });

  it('refuses a token without exp, naming the missing claim', async () => {
    const forever = await new SignJWT({ roles: ['admin'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u')
      .setIssuedAt()
      .sign(key);
    await expect(verifier.verify(forever)).rejects.toThrow(/no exp \(expiry\) claim/);
  });

  it('refuses a token that lives longer than the maximum (24h by default), with or without iat', async () => {
    const now = Math.floor(Date.now() / 1000);
    const thirtyDays = await signDevToken({ secret: SECRET, role: 'auditor', expiresIn: '30d' });
    const oneDay = await signDevToken({ secret: SECRET, role: 'auditor', expiresIn: '24h' });
    const noIatFar = await new SignJWT({ roles: ['auditor'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u')
      .setExpirationTime(now + 3 * 86_400)
      .sign(key);
    const noIatNear = await new SignJWT({ roles: ['auditor'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u')
      .setExpirationTime(now + 3600)
      .sign(key);
    // Issued long ago, expiring soon: the lifetime counts, not what is left of it.
    const backdated = await new SignJWT({ roles: ['auditor'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u')
      .setIssuedAt(now - 40 * 86_400)
      .setExpirationTime(now + 60)
      .sign(key);
    await expect(verifier.verify(thirtyDays)).rejects.toThrow(
      /lifetime \(exp − iat\) is longer than the maximum of 24h/,
    );
    await expect(verifier.verify(backdated)).rejects.toThrow(/lifetime/);
    await expect(verifier.verify(noIatFar)).rejects.toThrow(/expires more than 24h from now/);
    await expect(verifier.verify(oneDay)).resolves.toMatchObject({ id: 'dev-auditor' });
    await expect(verifier.verify(noIatNear)).resolves.toMatchObject({ id: 'u' });
    // The development tokens' default lifetime is within the default maximum.
    await expect(verifier.verify(await signDevToken({ secret: SECRET, role: 'admin' }))).resolves.toMatchObject({
      roles: ['admin'],
    });
  });

  it('does not let iat vouch for a far-away exp: a token issued in the future, or one a year away whose iat is a day before its exp, is refused', async () => {
    const now = Math.floor(Date.now() / 1000);
    const sign = (iat: number, exp: number) =>
      new SignJWT({ roles: ['auditor'] })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('u')
        .setIssuedAt(iat)
        .setExpirationTime(exp)
        .sign(key);
    await expect(verifier.verify(await sign(1e300, 1e300))).rejects.toThrow(/issued in the future/);
    await expect(verifier.verify(await sign(now + 364 * 86_400, now + 365 * 86_400))).rejects.toThrow(
      /issued in the future/,
    );
    // Within the clock tolerance, a token from an issuer whose clock runs a little fast is fine.
    await expect(verifier.verify(await sign(now + 5, now + 3600))).resolves.toMatchObject({ id: 'u' });
  });

  it('takes the maximum lifetime from its policy (AUTH_MAX_TOKEN_LIFETIME)', async () => {
    const strict = createTokenVerifier({ mode: 'hs256', secret: SECRET }, { maxLifetimeSeconds: 15 * 60 });
    await expect(
      strict.verify(await signDevToken({ secret: SECRET, role: 'auditor', expiresIn: '15m' })),
    ).resolves.toMatchObject({ roles: ['auditor'] });
    await expect(
      strict.verify(await signDevToken({ secret: SECRET, role: 'auditor', expiresIn: '1h' })),
    ).rejects.toThrow(/maximum of 15m/);
  });

  it('checks issuer and audience when configured', async () => {
    const strict = createTokenVerifier({
      mode: 'hs256',
      secret: SECRET,
      issuer: 'complaints-dev',
      audience: 'complaints-api',
    });
    const good = await signDevToken({
      secret: SECRET,
      role: 'auditor',
      issuer: 'complaints-dev',
      audience: 'complaints-api',
    });
    const otherAudience = await signDevToken({
      secret: SECRET,
      role: 'auditor',
      issuer: 'complaints-dev',
      audience: 'elsewhere',
    });
    await expect(strict.verify(good)).resolves.toMatchObject({ id: 'dev-auditor', roles: ['auditor'] });
    await expect(strict.verify(otherAudience)).rejects.toThrow(/aud/);
  });
});

describe('JWKS verification (RS256/ES256 from the identity provider)', () => {
  let server: Server;
  let jwksUrl: string;
  let sign: (claims: Record<string, unknown>, alg: 'ES256' | 'RS256') => Promise<string>;

  beforeAll(async () => {
    const es = await generateKeyPair('ES256');
    const rs = await generateKeyPair('RS256');
    const keys = [
      { ...(await exportJWK(es.publicKey)), kid: 'es', alg: 'ES256', use: 'sig' },
      { ...(await exportJWK(rs.publicKey)), kid: 'rs', alg: 'RS256', use: 'sig' },
    ];
    server = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`;
    sign = (claims, alg) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg, kid: alg === 'ES256' ? 'es' : 'rs' })
        .setSubject('oidc-user')
        .setIssuer('https://idp.example')
        .setAudience('complaints')
        .setExpirationTime('5m')
        .sign(alg === 'ES256' ? es.privateKey : rs.privateKey);
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('accepts ES256 and RS256 tokens from the key set, for the configured issuer and audience only', async () => {
    const verifier = createTokenVerifier({
      mode: 'jwks',
      jwksUrl,
      issuer: 'https://idp.example',
      audience: 'complaints',
    });
    await expect(verifier.verify(await sign({ name: 'Olu', roles: ['auditor'] }, 'ES256'))).resolves.toEqual({
      id: 'oidc-user',
      name: 'Olu',
      roles: ['auditor'],
    });
    await expect(verifier.verify(await sign({ roles: ['admin'] }, 'RS256'))).resolves.toEqual({
      id: 'oidc-user',
      name: 'oidc-user',
      roles: ['admin'],
    });
    const otherIssuer = createTokenVerifier({ mode: 'jwks', jwksUrl, issuer: 'https://other', audience: 'complaints' });
    await expect(otherIssuer.verify(await sign({ roles: ['admin'] }, 'ES256'))).rejects.toThrow(/iss/);
  });

  it('refuses an HS256 token even when signed with something the attacker knows', async () => {
    const verifier = createTokenVerifier({
      mode: 'jwks',
      jwksUrl,
      issuer: 'https://idp.example',
      audience: 'complaints',
    });
    const hs = await new SignJWT({ roles: ['admin'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('x')
      .setIssuer('https://idp.example')
      .setAudience('complaints')
      .sign(key);
    await expect(verifier.verify(hs)).rejects.toBeInstanceOf(InvalidTokenError);
  });
});

describe('the development secret', () => {
  it('is generated once, kept owner-only in DATA_DIR, and reused', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'api-secret-')), 'nested');
    const first = loadOrCreateDevSecret(dir);
    const second = loadOrCreateDevSecret(dir);
    expect(first.created).toBe(true);
    expect(second).toEqual({ secret: first.secret, created: false });
    expect(Buffer.byteLength(first.secret)).toBeGreaterThanOrEqual(32);
    expect(statSync(join(dir, 'dev-jwt-secret')).mode & 0o777).toBe(0o600);
  });
});
