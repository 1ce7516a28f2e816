import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { LocalIdentityProvider } from '../support/local-identity-provider';
import { startTestApp, type TestApp } from '../support/test-app';
import { browserMissing, expectAccessible, launchBrowser, localUrl, screenshot, ukContext } from './browser';

const CLIENT = { clientId: 'complaints-pages', clientSecret: 'local-client-secret-0123456789' };

/**
 * The OIDC sign-in in a real browser: the flow cookie (HttpOnly, Secure, SameSite=Lax) must
 * survive the round trip through another site (the provider), which only a browser shows.
 */
describe.skipIf(browserMissing)('in Chromium: signing in with the organisation account', () => {
  let idp: LocalIdentityProvider;
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    idp = await new LocalIdentityProvider(CLIENT).start();
    [t, browser] = await Promise.all([
      startTestApp({
        PAGES_DEV_SIGN_IN: 'false',
        OIDC_ISSUER: idp.issuer,
        OIDC_CLIENT_ID: CLIENT.clientId,
        OIDC_CLIENT_SECRET: CLIENT.clientSecret,
        OIDC_REDIRECT_URL: 'https://complaints.example.org/sign-in/callback',
      }),
      launchBrowser(),
    ]);
    idp.callbackOrigin = localUrl(t.baseUrl, '');
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await idp?.close();
  });

  it('an auditor asks for a page, signs in at the provider, and lands on it', async () => {
    idp.nextUser = { sub: 'u-ada', name: 'Ada Auditor', claims: { roles: ['auditor'] } };
    const context = await ukContext(browser);
    const page = await context.newPage();
    await page.goto(localUrl(t.baseUrl, '/dashboard'));
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await expectAccessible(page);
    await screenshot(page, 'sign-in-oidc');
    await Promise.all([
      page.waitForURL(/\/dashboard$/),
      page.getByRole('button', { name: 'Sign in with your organisation account' }).click(),
    ]);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('SLA dashboard');
    expect(await page.locator('header').innerText()).toContain('Ada Auditor');
    const cookies = await context.cookies();
    expect(cookies.find((c) => c.name === 'complaints_session')).toMatchObject({
      httpOnly: true,
      secure: true,
      sameSite: 'Lax',
    });
    expect(cookies.find((c) => c.name === 'complaints_oidc')).toBeUndefined();
    await context.close();
  });

  it('a person without a role here is told so, plainly', async () => {
    idp.nextUser = { sub: 'u-terry', name: 'Terry Tenant', claims: { roles: ['tenant'] } };
    const context = await ukContext(browser);
    const page = await context.newPage();
    await page.goto(localUrl(t.baseUrl, '/sign-in'));
    await Promise.all([
      page.waitForURL(/\/sign-in\/callback/),
      page.getByRole('button', { name: 'Sign in with your organisation account' }).click(),
    ]);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(
      'You do not have access to this service',
    );
    await expectAccessible(page);
    await screenshot(page, 'sign-in-no-role');
    expect((await context.cookies()).find((c) => c.name === 'complaints_session')).toBeUndefined();
    await context.close();
  });
});
