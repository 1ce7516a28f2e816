import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app';
import { browserMissing, expectAccessible, launchBrowser, localUrl, screenshot, signIn, ukContext } from './browser';

describe.skipIf(browserMissing)('in Chromium: signing in', () => {
  let t: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    [t, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('a panel member signs in, lands on their pages, and every page they see passes axe', async () => {
    const context = await ukContext(browser);
    const start = await context.newPage();
    await start.goto(localUrl(t.baseUrl, '/'));
    await expectAccessible(start);
    await screenshot(start, 'start');
    const page = await signIn(context, t.baseUrl, 'Scrutiny panel');
    await page.goto(localUrl(t.baseUrl, '/dashboard'));
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('SLA dashboard');
    await expectAccessible(page);
    await screenshot(page, 'dashboard');
    const cookies = await context.cookies();
    expect(cookies.find((c) => c.name === 'complaints_session')).toMatchObject({
      httpOnly: true,
      secure: true,
      sameSite: 'Lax',
    });
    await context.close();
  });

  it('the sign-in page passes axe, and a role refused a page gets a plain page saying why (axe too) and signs in as another to come back to it', async () => {
    const context = await ukContext(browser);
    const signInPage = await context.newPage();
    await signInPage.goto(localUrl(t.baseUrl, '/sign-in'));
    expect(await signInPage.getByRole('heading', { level: 1 }).textContent()).toContain('Sign in');
    await expectAccessible(signInPage);
    // The context is a person in England: British English, London's clock.
    expect(
      await signInPage.evaluate(() => [
        (globalThis as unknown as { navigator: { language: string } }).navigator.language,
        Intl.DateTimeFormat().resolvedOptions().timeZone,
      ]),
    ).toEqual(['en-GB', 'Europe/London']);
    await signInPage.close();

    const page = await signIn(context, t.baseUrl, 'Scrutiny panel');
    const refused = await page.goto(localUrl(t.baseUrl, '/attention'));
    expect(refused?.status()).toBe(403);
    expect(refused?.headers()['content-type']).toMatch(/^text\/html/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('You cannot see this page');
    expect(await page.locator('main').textContent()).toContain('You are signed in as a member of the scrutiny panel.');
    await expectAccessible(page);
    await screenshot(page, 'refused');

    await page.getByRole('button', { name: 'Sign in as someone else' }).click();
    await page.getByLabel('Complaints officer', { exact: true }).check();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForLoadState('load');
    expect(new URL(page.url()).pathname).toBe('/attention');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Work queue');
    await context.close();
  });
});
