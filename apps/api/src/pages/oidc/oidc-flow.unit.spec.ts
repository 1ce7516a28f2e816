import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { OidcFlowTokens } from './oidc-flow';

const KEY = 'k'.repeat(48);
const flow = { state: 's1', nonce: 'n1', codeVerifier: 'v'.repeat(43), returnTo: '/panel' };

describe('the OIDC flow cookie', () => {
  it('gives back exactly the flow it sealed', async () => {
    const tokens = new OidcFlowTokens(KEY);
    expect(await tokens.open(await tokens.seal(flow))).toEqual(flow);
    expect(await tokens.open(await tokens.seal({ ...flow, returnTo: undefined }))).toEqual({
      ...flow,
      returnTo: undefined,
    });
  });

  it('refuses a flow sealed with another key, an altered one, an expired one, a session token, and none', async () => {
    const tokens = new OidcFlowTokens(KEY);
    expect(await tokens.open(await new OidcFlowTokens('o'.repeat(48)).seal(flow))).toBeUndefined();
    const sealed = await tokens.seal(flow);
    const [header, , signature] = sealed.split('.');
    const forged = Buffer.from(
      JSON.stringify({
        state: 'attacker',
        nonce: 'n1',
        cv: flow.codeVerifier,
        iss: 'complaints-pages-oidc-flow',
        exp: 9999999999,
      }),
    ).toString('base64url');
    expect(await tokens.open(`${header}.${forged}.${signature}`)).toBeUndefined();
    const key = new TextEncoder().encode(KEY);
    const expired = await new SignJWT({ state: 's', nonce: 'n', cv: 'v' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('complaints-pages-oidc-flow')
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(key);
    expect(await tokens.open(expired)).toBeUndefined();
    const session = await new SignJWT({ state: 's', nonce: 'n', cv: 'v' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('complaints-pages-session')
      .setExpirationTime('1h')
      .sign(key);
    expect(await tokens.open(session)).toBeUndefined();
    expect(await tokens.open(undefined)).toBeUndefined();
  });
});
