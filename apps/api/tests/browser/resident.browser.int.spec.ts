import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { complaintBody, startTestApp, type TestApp } from '../support/test-app';
import { browserMissing, expectAccessible, launchBrowser, localUrl, screenshot, ukContext } from './browser';

describe.skipIf(browserMissing)('in Chromium: a resident checks their complaint', () => {
  let t: TestApp;
  let browser: Browser;
  let complaint: { id: string; reference: string; residentAccessCode: string };

  beforeAll(async () => {
    [t, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    const officer = await t.token('complaints_officer');
    const created = await t.http
      .post('/api/v1/complaints')
      .auth(officer, { type: 'bearer' })
      .send(complaintBody({ complainant: { name: 'Zebedee Quartermaine' } }));
    complaint = created.body as typeof complaint;
    await t.http
      .post(`/api/v1/complaints/${complaint.id}/acknowledgements`)
      .auth(officer, { type: 'bearer' })
      .send({
        acknowledgedAt: '2026-03-03T10:00:00Z',
        handler: { id: 'u-9', name: 'Hermione Handler' },
        headsOfComplaint: ['The mould'],
      });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('from the start page, with the keyboard alone: a mistake shown against its field, then the status in plain words', async () => {
    const context = await ukContext(browser);
    const page = await context.newPage();
    await page.goto(localUrl(t.baseUrl, '/'));
    await page.getByRole('link', { name: 'Check where your complaint is' }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Check where your complaint is');
    await expectAccessible(page);
    await screenshot(page, 'resident-form');

    // Forgets the access code: the error summary links to the field.
    await page.getByLabel('Complaint reference').fill(complaint.reference);
    await submitWith(page, 'Enter');
    expect(await page.title()).toMatch(/^Error: /);
    expect(await page.getByRole('link', { name: 'Enter your access code' }).isVisible()).toBe(true);
    await expectAccessible(page);
    await screenshot(page, 'resident-form-error');

    // Types it as read out on the phone, lower case without the dash, and submits with the keyboard.
    await page.getByLabel('Access code').focus();
    await page.keyboard.type(complaint.residentAccessCode.replace('-', '').toLowerCase());
    await page.keyboard.press('Tab');
    await submitWith(page, 'Enter');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('We are looking into your complaint');
    const text = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
    expect(text).toContain('We acknowledged it on 3 March 2026');
    expect(text).toContain('Who is handling it');
    expect(text).toContain('Housing Ombudsman Service');
    expect(text).not.toContain('Hermione');
    expect(text).not.toContain('Zebedee');
    await expectAccessible(page);
    await screenshot(page, 'resident-status');
    await context.close();
  });
});

/** Presses a key that submits the form, and waits for the page the server answers with. */
async function submitWith(page: Page, key: string): Promise<void> {
  await Promise.all([page.waitForEvent('load'), page.keyboard.press(key)]);
}
