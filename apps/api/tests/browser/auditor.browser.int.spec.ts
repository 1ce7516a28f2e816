import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { complaintBody, startTestApp, type TestApp } from '../support/test-app';
import { browserMissing, expectAccessible, launchBrowser, localUrl, screenshot, signIn, ukContext } from './browser';

describe.skipIf(browserMissing)('in Chromium: an auditor reads a case', () => {
  let t: TestApp;
  let browser: Browser;
  let id: string;
  let reference: string;
  // The service's clock, moved on between the steps so they are recorded on different days.
  let now = new Date('2026-03-02T10:00:00Z');
  beforeAll(async () => {
    [t, browser] = await Promise.all([startTestApp({}, { clock: { now: () => now } }), launchBrowser()]);
    const officer = await t.token('complaints_officer');
    const received = await t.http.post('/api/v1/complaints').auth(officer, { type: 'bearer' }).send(complaintBody());
    ({ id, reference } = received.body as { id: string; reference: string });
    now = new Date('2026-03-04T11:00:00Z');
    await t.http
      .post(`/api/v1/complaints/${id}/acknowledgements`)
      .auth(officer, { type: 'bearer' })
      .set('If-Match', '"1"')
      .send({
        acknowledgedAt: '2026-03-04T10:00:00Z',
        handler: { id: 'u-017', name: 'Sam Officer' },
        method: 'email',
        headsOfComplaint: ['Repeated mould'],
        outcomesSought: ['Permanent fix'],
      });
    now = new Date('2026-03-20T12:00:00Z');
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('finds the case by reference, checks its integrity, downloads its chronology and views it as it stood on a past date', async () => {
    const context = await ukContext(browser);
    const page = await signIn(context, t.baseUrl, 'Auditor');

    await page.goto(localUrl(t.baseUrl, '/complaints'));
    await page.getByLabel('Find a complaint by its reference').fill(reference.toLowerCase());
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForLoadState('load');
    expect(await page.getByRole('heading', { level: 2, name: /1 complaint match/ }).count()).toBe(1);
    await expectAccessible(page);
    await screenshot(page, 'complaints-list');

    await page.getByRole('link', { name: reference }).first().click();
    await page.waitForLoadState('load');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(reference);
    expect(await page.locator('#integrity + .landlord-integrity').textContent()).toContain('Verified');
    expect(await page.locator('.landlord-timeline__item').count()).toBe(2);
    await expectAccessible(page);
    await screenshot(page, 'case');

    const csvHref = await page.getByRole('link', { name: 'Chronology (CSV spreadsheet)' }).getAttribute('href');
    const csv = await context.request.get(localUrl(t.baseUrl, csvHref!));
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toContain('Sam Officer');

    // 3 March: received, not yet acknowledged (that was recorded on the 4th).
    await page.getByLabel('See the case as it stood at the end of a date').fill('2026-03-03');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForLoadState('load');
    expect(new URL(page.url()).pathname).toBe(`/complaints/${id}/as-at`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(
      'As it stood at the end of 3 March 2026',
    );
    expect(await page.locator('.govuk-inset-text').textContent()).toContain('1 of the 2 steps recorded so far');
    expect(await page.locator('.landlord-timeline__item').count()).toBe(1);
    expect(await page.getByText('Sam Officer').count()).toBe(0);
    await expectAccessible(page);
    await screenshot(page, 'case-as-at');

    await page.getByLabel('See the case as it stood at the end of a date').fill('2026-03-01');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForLoadState('load');
    expect(await page.locator('.govuk-inset-text').textContent()).toContain(
      'had not been recorded by the end of 1 March 2026',
    );
    await expectAccessible(page);

    await page.goto(localUrl(t.baseUrl, `/complaints/${id}/as-at?date=2999-01-01`));
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('no later than today');
    await expectAccessible(page);
    await screenshot(page, 'case-as-at-error');
    await context.close();
  });
});
