import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signDevToken } from '../src/auth/dev-tokens';
import { startTestApp, TEST_SECRET, type TestApp } from './support/test-app';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ AUTH_MAX_TOKEN_LIFETIME: '2h' });
});
afterAll(() => t?.close());

const key = new TextEncoder().encode(TEST_SECRET);

describe('bearer tokens must expire, within AUTH_MAX_TOKEN_LIFETIME', () => {
  it('refuses a token without exp, and one that lives longer than the maximum, with a 401 naming why', async () => {
    const forever = await new SignJWT({ roles: ['auditor'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('crm')
      .setIssuedAt()
      .sign(key);
    const tooLong = await signDevToken({ secret: TEST_SECRET, role: 'auditor', expiresIn: '30d' });
    const noIatTooFar = await new SignJWT({ roles: ['auditor'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('crm')
      .setExpirationTime(Math.floor(Date.now() / 1000) + 5 * 3600)
      .sign(key);
    for (const [token, why] of [
      [forever, 'no exp (expiry) claim'],
      [tooLong, 'longer than the maximum of 2h'],
      [noIatTooFar, 'expires more than 2h from now'],
    ] as const) {
      const res = await t.http.get('/api/v1/complaints').auth(token, { type: 'bearer' });
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.headers['www-authenticate']).toContain('invalid_token');
      expect(res.body.detail).toContain(why);
    }
  });

  it('accepts a token within the maximum', async () => {
    const token = await signDevToken({ secret: TEST_SECRET, role: 'auditor', expiresIn: '2h' });
    expect((await t.http.get('/api/v1/complaints').auth(token, { type: 'bearer' })).status).toBe(200);
  });
});
