import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LocalIdentityProvider } from '../support/local-identity-provider';
import { startTestApp, type TestApp } from '../support/test-app';

const CLIENT = { clientId: 'complaints-pages', clientSecret: 'local-client-secret-0123456789' };
/** The service's public address as configured: the provider redirects there; the test replays that URL's path on the test app. */
const REDIRECT_URL = 'https://complaints.example.org/sign-in/callback';

const cookieNamed = (setCookie: string[] | string | undefined, name: string) =>
  [setCookie ?? []].flat().find((c) => c.startsWith(`${name}=`));
const valueOf = (setCookie: string | undefined) => setCookie?.split(';')[0] ?? '';
/**
 * `name=value` with one character of the value changed, in its middle: every bit of a middle
 * base64url character is data (the last one's low bits may be padding, which an A/B swap there
 * leaves decoding to the same bytes).
 */
function alteredInTheMiddle(cookie: string): string {
  const start = cookie.indexOf('=') + 1;
  let i = start + Math.floor((cookie.length - start) / 2);
  while (!/[A-Za-z0-9]/.test(cookie[i] ?? '')) i++;
  const c = cookie[i]!;
  return `${cookie.slice(0, i)}${c === 'A' ? 'B' : 'A'}${cookie.slice(i + 1)}`;
}

describe('sign-in with the landlord\u2019s identity provider (OIDC: authorization code, PKCE, state, nonce)', () => {
  let idp: LocalIdentityProvider;
  let t: TestApp;

  beforeAll(async () => {
    idp = await new LocalIdentityProvider(CLIENT).start();
    t = await startTestApp({
      PAGES_DEV_SIGN_IN: 'false',
      OIDC_ISSUER: idp.issuer,
      OIDC_CLIENT_ID: CLIENT.clientId,
      OIDC_CLIENT_SECRET: CLIENT.clientSecret,
      OIDC_REDIRECT_URL: REDIRECT_URL,
      OIDC_ROLES_CLAIM: 'complaints_roles',
    });
  });
  afterAll(async () => {
    await t?.close();
    await idp?.close();
  });
  beforeEach(() => {
    idp.nextUser = {
      sub: 'u-olive',
      name: 'Olive Officer',
      claims: { complaints_roles: ['complaints_officer', 'a-directory-group'] },
    };
    idp.tamper = {};
  });

  /** /sign-in/start: the flow cookie, and the provider's authorisation URL. */
  async function start(returnTo?: string) {
    const response = await t.http.get(`/sign-in/start${returnTo ? `?returnTo=${encodeURIComponent(returnTo)}` : ''}`);
    expect(response.status).toBe(303);
    return {
      flowCookie: cookieNamed(response.headers['set-cookie'], 'complaints_oidc'),
      authorizationUrl: new URL(response.headers['location'] as string),
    };
  }
  /** The browser at the provider: it signs `nextUser` in and redirects back to the configured callback. */
  async function authorize(url: URL): Promise<URL> {
    const response = await fetch(url, { redirect: 'manual' });
    expect(response.status).toBe(302);
    return new URL(response.headers.get('location')!);
  }
  /** The browser back at this service's callback, with the flow cookie it was given. */
  const callback = (back: URL, flowCookie: string | undefined) =>
    t.http.get(`${back.pathname}${back.search}`).set('Cookie', valueOf(flowCookie));

  it('offers the organisation sign-in, not the development one', async () => {
    const page = await t.http.get('/sign-in');
    expect(page.text).toContain('href="/sign-in/start"');
    expect(page.text).not.toContain('name="role"');
    expect((await t.http.post('/sign-in').type('form').send({ role: 'admin' })).status).toBeGreaterThanOrEqual(400);
  });

  it('signs a person in: code flow with PKCE S256, state and nonce; their roles from the configured claim; the session cookie; back where they were going', async () => {
    const { flowCookie, authorizationUrl } = await start('/dashboard?asOf=2026-03-31');
    expect(flowCookie).toMatch(/HttpOnly/);
    expect(flowCookie).toMatch(/Secure/);
    expect(flowCookie).toMatch(/SameSite=Lax/);
    expect(authorizationUrl.origin + authorizationUrl.pathname).toBe(`${idp.issuer}/authorize`);
    const params = authorizationUrl.searchParams;
    expect(params.get('response_type')).toBe('code');
    expect(params.get('client_id')).toBe(CLIENT.clientId);
    expect(params.get('redirect_uri')).toBe(REDIRECT_URL);
    expect(params.get('scope')?.split(' ')).toContain('openid');
    expect(params.get('code_challenge_method')).toBe('S256');
    expect(params.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(params.get('state')).toBeTruthy();
    expect(params.get('nonce')).toBeTruthy();
    // The PKCE verifier stays in this browser's HttpOnly flow cookie: only its hash goes through the front channel.
    expect(authorizationUrl.href).not.toContain('code_verifier');

    const back = await authorize(authorizationUrl);
    expect(back.origin + back.pathname).toBe(REDIRECT_URL);
    const signedIn = await callback(back, flowCookie);
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers['location']).toBe('/dashboard?asOf=2026-03-31');
    expect(idp.tokenRequests.at(-1)).toMatchObject({
      outcome: 'issued',
      codeVerifier: expect.stringMatching(/^[A-Za-z0-9_-]{43,128}$/),
    });
    const session = cookieNamed(signedIn.headers['set-cookie'], 'complaints_session');
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/Secure/);
    // The flow cookie is used once.
    expect(cookieNamed(signedIn.headers['set-cookie'], 'complaints_oidc')).toMatch(/Max-Age=0/);

    const dashboard = await t.http.get('/dashboard').set('Cookie', valueOf(session));
    expect(dashboard.status).toBe(200);
    expect(dashboard.text).toContain('Olive Officer');
    expect(dashboard.text).toContain('Complaints officer');
    // The session is for pages only: the API never takes the cookie.
    expect((await t.http.get('/api/v1/dashboards/sla').set('Cookie', valueOf(session))).status).toBe(401);
  });

  it('without a place to return to, sends the person to their role\u2019s home page', async () => {
    idp.nextUser = { sub: 'u-pat', name: 'Pat Panel', claims: { complaints_roles: 'scrutiny_panel' } };
    const { flowCookie, authorizationUrl } = await start();
    const signedIn = await callback(await authorize(authorizationUrl), flowCookie);
    expect(signedIn.headers['location']).toBe('/panel');
  });

  it('refuses a callback whose state is not the one this browser started, without redeeming the code', async () => {
    const { flowCookie, authorizationUrl } = await start();
    const back = await authorize(authorizationUrl);
    back.searchParams.set('state', 'a-state-from-somewhere-else');
    const before = idp.tokenRequests.length;
    const refused = await callback(back, flowCookie);
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('Sign-in did not work');
    expect(cookieNamed(refused.headers['set-cookie'], 'complaints_session')).toBeUndefined();
    expect(idp.tokenRequests.length).toBe(before);
    expect(t.logs.some((line) => line['msg'] === 'oidc sign-in refused' && line['outcome'] === 'invalid')).toBe(true);
  });

  it('refuses a code obtained for another sign-in (code injection): the provider checks the PKCE verifier, and no session is issued', async () => {
    // The attacker's own sign-in produced this code; the victim's browser holds its own flow.
    const attacker = await start();
    const attackersCode = (await authorize(attacker.authorizationUrl)).searchParams.get('code')!;
    const victim = await start();
    const injected = new URL(REDIRECT_URL);
    injected.searchParams.set('code', attackersCode);
    injected.searchParams.set('state', victim.authorizationUrl.searchParams.get('state')!);
    const refused = await callback(injected, victim.flowCookie);
    expect(refused.status).toBe(400);
    expect(idp.tokenRequests.at(-1)).toMatchObject({ code: attackersCode, outcome: 'pkce mismatch' });
    expect(cookieNamed(refused.headers['set-cookie'], 'complaints_session')).toBeUndefined();
  });

  it('refuses an ID token with another nonce', async () => {
    idp.tamper = { nonce: 'replayed-nonce' };
    const { flowCookie, authorizationUrl } = await start();
    const refused = await callback(await authorize(authorizationUrl), flowCookie);
    expect(refused.status).toBe(400);
    expect(idp.tokenRequests.at(-1)?.outcome).toBe('issued');
    expect(cookieNamed(refused.headers['set-cookie'], 'complaints_session')).toBeUndefined();
  });

  it('refuses an ID token issued for another client', async () => {
    idp.tamper = { aud: 'another-client' };
    const { flowCookie, authorizationUrl } = await start();
    const refused = await callback(await authorize(authorizationUrl), flowCookie);
    expect(refused.status).toBe(400);
    expect(cookieNamed(refused.headers['set-cookie'], 'complaints_session')).toBeUndefined();
  });

  it('refuses a person with none of this service\u2019s roles, saying why and what to ask for', async () => {
    idp.nextUser = { sub: 'u-tenant', name: 'Terry Tenant', claims: { complaints_roles: ['tenant', 'integration'] } };
    const { flowCookie, authorizationUrl } = await start();
    const refused = await callback(await authorize(authorizationUrl), flowCookie);
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('You do not have access to this service');
    expect(refused.text).toContain('Terry Tenant');
    expect(refused.text).toContain('complaints_roles');
    expect(refused.text).toContain('Complaints officer (complaints_officer)');
    expect(cookieNamed(refused.headers['set-cookie'], 'complaints_session')).toBeUndefined();
  });

  it('refuses a callback without the flow cookie (another browser, or too late), and a flow cookie that was altered', async () => {
    const { flowCookie, authorizationUrl } = await start();
    const back = await authorize(authorizationUrl);
    const noFlow = await callback(back, undefined);
    expect(noFlow.status).toBe(400);
    expect(noFlow.text).toContain('Your sign-in timed out');
    const altered = alteredInTheMiddle(valueOf(flowCookie));
    const tampered = await t.http.get(`${back.pathname}${back.search}`).set('Cookie', altered);
    expect(tampered.status).toBe(400);
    expect(cookieNamed(tampered.headers['set-cookie'], 'complaints_session')).toBeUndefined();
  });

  it('says so when the person cancelled at the provider', async () => {
    const { flowCookie, authorizationUrl } = await start();
    const back = new URL(REDIRECT_URL);
    back.searchParams.set('error', 'access_denied');
    back.searchParams.set('state', authorizationUrl.searchParams.get('state')!);
    const refused = await callback(back, flowCookie);
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('Sign-in was cancelled or refused');
  });

  it('keeps only a path on this service as the place to return to', async () => {
    const { flowCookie, authorizationUrl } = await start('https://evil.example/phish');
    const signedIn = await callback(await authorize(authorizationUrl), flowCookie);
    expect(signedIn.headers['location']).toBe('/attention');
  });
});

describe('without an identity provider configured', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  it('has no OIDC routes', async () => {
    expect((await t.http.get('/sign-in/start')).status).toBe(404);
    expect((await t.http.get('/sign-in/callback?code=x&state=y')).status).toBe(404);
  });
});
