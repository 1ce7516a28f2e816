import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app';
import { browserMissing, expectAccessible, launchBrowser, localUrl, screenshot, signIn } from './browser';

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
    const context = await browser.newContext();
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
    expect(cookies.find((c) => c.name === 'complaints_session')).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax' });
    await context.close();
  });
});
