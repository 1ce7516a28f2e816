import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app';

/** The form's CSRF token on a page. */
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
const cookiesFrom = (setCookie: string[] | string | undefined) =>
  [setCookie ?? []]
    .flat()
    .map((c) => c.split(';')[0]!)
    .join('; ');

describe('pages: sign-in, sessions and CSRF', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  it('serves the start page to anyone, as HTML with a strict content security policy', async () => {
    const response = await t.http.get('/');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.headers['content-security-policy']).toContain("default-src 'none'");
    expect(response.text).toContain('Sign in');
  });

  it('sends a person without a session to sign in, and back to the page they asked for', async () => {
    const response = await t.http.get('/dashboard?asOf=2026-03-31');
    expect(response.status).toBe(303);
    expect(response.headers['location']).toBe('/sign-in?returnTo=%2Fdashboard%3FasOf%3D2026-03-31');
  });

  it('signs in with a development session cookie (HttpOnly, Secure, SameSite=Lax) that the pages accept and the API does not', async () => {
    const signInPage = await t.http.get('/sign-in');
    const anonymous = cookiesFrom(signInPage.headers['set-cookie']);
    const signIn = await t.http
      .post('/sign-in')
      .set('Cookie', anonymous)
      .type('form')
      .send({ _csrf: csrfOf(signInPage.text), role: 'scrutiny_panel', returnTo: '/dashboard' });
    expect(signIn.status).toBe(303);
    expect(signIn.headers['location']).toBe('/dashboard');
    const session = [signIn.headers['set-cookie']].flat().find((c) => c?.startsWith('complaints_session='))!;
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/Secure/);
    expect(session).toMatch(/SameSite=Lax/);

    const cookie = session.split(';')[0]!;
    const dashboard = await t.http.get('/dashboard').set('Cookie', cookie);
    expect(dashboard.status).toBe(200);
    expect(dashboard.text).toContain('SLA dashboard');
    expect(dashboard.text).not.toContain('By handler');
    const api = await t.http.get('/api/v1/dashboards/sla').set('Cookie', cookie);
    expect(api.status).toBe(401);
  });

  it('refuses to sign in over plain HTTP from another host, saying why (the Secure cookie would be dropped)', async () => {
    const signInPage = await t.http.get('/sign-in').set('Host', 'complaints.example.org');
    const response = await t.http
      .post('/sign-in')
      .set('Host', 'complaints.example.org')
      .set('Cookie', cookiesFrom(signInPage.headers['set-cookie']))
      .type('form')
      .send({ _csrf: csrfOf(signInPage.text), role: 'auditor' });
    expect(response.status).toBe(400);
    expect(response.text).toContain('Signing in needs HTTPS');
    expect(response.headers['set-cookie']?.toString() ?? '').not.toContain('complaints_session=');
  });

  it('ends the session at sign-out: a copy of the cookie kept from before no longer opens a page', async () => {
    const signInPage = await t.http.get('/sign-in');
    const anonymous = cookiesFrom(signInPage.headers['set-cookie']);
    const signIn = await t.http
      .post('/sign-in')
      .set('Cookie', anonymous)
      .type('form')
      .send({ _csrf: csrfOf(signInPage.text), role: 'complaints_manager' });
    const cookie = [signIn.headers['set-cookie']]
      .flat()
      .find((c) => c?.startsWith('complaints_session='))!
      .split(';')[0]!;
    const before = await t.http.get('/dashboard').set('Cookie', cookie);
    expect(before.status).toBe(200);
    const signOut = await t.http
      .post('/sign-out')
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: csrfOf(before.text) });
    expect(signOut.status).toBe(303);
    expect([signOut.headers['set-cookie']].flat().join(';')).toMatch(/complaints_session=;.*Max-Age=0/);
    const after = await t.http.get('/dashboard').set('Cookie', cookie);
    expect(after.status).toBe(303);
    expect(after.headers['location']).toMatch(/^\/sign-in/);
  });

  it('says a refused form has expired, not that the page is forbidden', async () => {
    const response = await t.http.post('/sign-in').type('form').send({ role: 'admin', _csrf: 'not-the-token' });
    expect(response.status).toBe(403);
    expect(response.text).toContain('This form has expired');
  });

  it('refuses a form without its CSRF token, changing nothing', async () => {
    const response = await t.http.post('/sign-in').type('form').send({ role: 'admin' });
    expect(response.status).toBe(403);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.headers['set-cookie']?.toString() ?? '').not.toContain('complaints_session=');
  });

  it('takes a bearer token as the API does, with the same role rules', async () => {
    const officer = await t.token('complaints_officer');
    expect((await t.http.get('/dashboard').auth(officer, { type: 'bearer' })).status).toBe(200);
    const integration = await t.token('integration');
    const refused = await t.http.get('/dashboard').auth(integration, { type: 'bearer' });
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('You cannot see this page');
  });

  it('refuses a dashboard as of a date still to come, saying why', async () => {
    const officer = await t.token('complaints_officer');
    const response = await t.http.get('/dashboard?asOf=2099-01-01').auth(officer, { type: 'bearer' });
    expect(response.status).toBe(400);
    expect(response.text).toContain('The date must be today or in the past');
  });

  it('serves the stylesheet without the GDS Transport font', async () => {
    const page = await t.http.get('/');
    const href = /href="(\/assets\/pages-[0-9a-f]+\.css)"/.exec(page.text)![1]!;
    const css = await t.http.get(href);
    expect(css.status).toBe(200);
    expect(css.headers['content-type']).toMatch(/^text\/css/);
    expect(css.text).not.toContain('GDS Transport');
  });
});
