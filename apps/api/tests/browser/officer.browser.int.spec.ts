import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { complaintBody, startTestApp, type TestApp } from '../support/test-app';
import { browserMissing, expectAccessible, launchBrowser, localUrl, screenshot, signIn, ukContext } from './browser';

/**
 * An officer works a case through the pages alone, in Chromium: receives it, acknowledges it
 * (after a refusal shown on the form), responds with a decision per head and a remedy, records
 * a lesson and closes it. Each step's form lands on the case (`/complaints/{id}?done=…`), whose
 * page the case pages serve; the next step is opened from its own URL.
 */
describe.skipIf(browserMissing)('in Chromium: an officer takes a case from receipt to closure', () => {
  let t: TestApp;
  let browser: Browser;
  let officerApi: string;
  beforeAll(async () => {
    [t, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    officerApi = `Bearer ${await t.token('complaints_officer')}`;
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const stateOf = async (id: string) =>
    (await t.http.get(`/api/v1/complaints/${id}`).set('Authorization', officerApi)).body as Record<string, unknown>;

  /** Submits the step form and checks it landed on the case, marked done. */
  async function send(page: Page, id: string, step: string, button: string): Promise<void> {
    await page.getByRole('button', { name: button }).click();
    await page.waitForLoadState('load');
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe(`/complaints/${id}?done=${step}`);
  }

  /** From the case page, the step's link under "What you can do now", as an officer would go. */
  async function follow(page: Page, link: string): Promise<void> {
    await page.locator('.landlord-case-actions').getByRole('link', { name: link, exact: true }).click();
    await page.waitForLoadState('load');
  }

  async function receiveThroughForm(page: Page, name: string): Promise<string> {
    await page.goto(localUrl(t.baseUrl, '/attention'));
    await page.getByRole('link', { name: 'Receive a complaint' }).click();
    await page.getByLabel('Full name').fill(name);
    await page.getByLabel('Email address').fill('ruth@example.org');
    await page.getByLabel('How the complaint was made').selectOption('phone');
    await page.getByLabel('Service area').fill('repairs');
    await page.getByLabel('What the complaint is about').fill('The kitchen ceiling leaks whenever it rains.');
    await page.getByLabel('Low cost rental').check();
    await page.getByRole('button', { name: 'Receive the complaint' }).click();
    await page.waitForLoadState('load');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Complaint received');
    const href = await page.getByRole('link', { name: 'Go to the complaint' }).getAttribute('href');
    return href!.split('/').at(-1)!;
  }

  it('receives, acknowledges, responds, records a lesson and closes, every form passing axe', async () => {
    const context = await ukContext(browser);
    const page = await signIn(context, t.baseUrl, 'Complaints officer');
    expect(new URL(page.url()).pathname).toBe('/attention');
    await expectAccessible(page);
    await screenshot(page, 'officer-work-queue');

    await page.goto(localUrl(t.baseUrl, '/complaints/new'));
    await expectAccessible(page);
    await screenshot(page, 'officer-receive-form');
    const id = await receiveThroughForm(page, 'Ruth Resident');
    await expectAccessible(page);
    await screenshot(page, 'officer-received');
    // From the confirmation to the case, and from the case to each step through its own links.
    await page.getByRole('link', { name: 'Go to the complaint' }).click();
    await page.waitForLoadState('load');
    await expectAccessible(page);
    await screenshot(page, 'officer-case-received');

    // Acknowledge without heads of complaint: the error summary names the field and links to it.
    await follow(page, 'Acknowledge the complaint');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Acknowledge' }).click();
    await page.waitForLoadState('load');
    const summary = page.locator('.govuk-error-summary');
    expect(await summary.textContent()).toContain('Enter at least one head of complaint');
    await expectAccessible(page);
    await screenshot(page, 'officer-acknowledge-error');
    await summary.getByRole('link', { name: /head of complaint/ }).click();
    await page.getByLabel('Heads of complaint').fill('The ceiling still leaks\nNobody came to the second appointment');
    await send(page, id, 'acknowledge', 'Acknowledge');

    expect(await page.locator('.govuk-notification-banner').textContent()).toContain(
      'Recorded: Acknowledge the complaint',
    );
    await follow(page, 'Issue the stage response');
    await expectAccessible(page);
    await page.getByRole('group', { name: 'Decision on head 1' }).getByLabel('Upheld', { exact: true }).check();
    await page.getByLabel('Reasons for the decision on head 1').fill('The roof repair did not fix the cause.');
    await page.getByRole('group', { name: 'Decision on head 2' }).getByLabel('Partially upheld').check();
    await page
      .getByLabel('Reasons for the decision on head 2')
      .fill('The appointment was moved without telling the resident.');
    await page.getByRole('group', { name: 'Was an apology given?' }).getByLabel('Yes').check();
    await page.getByLabel('Action 1: what will be done').fill('Replace the flashing over the kitchen');
    await page
      .getByLabel('Action 1: to be done by')
      .fill(new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10));
    await page.getByLabel('Compensation offered, in pounds').fill('100');
    await screenshot(page, 'officer-respond-form');
    await send(page, id, 'respond', 'Issue the response');

    await follow(page, 'Record a lesson learned');
    await page.getByLabel('What was learned').fill('Check the cause of a leak before patching the ceiling.');
    await send(page, id, 'lesson', 'Record the lesson');

    await follow(page, 'Close the complaint');
    await expectAccessible(page);
    await page.getByLabel('Outcome').fill('Roof repaired; compensation offered');
    await send(page, id, 'close', 'Close the complaint');

    // The queue with work in it: a complaint received three weeks ago and never acknowledged.
    await t.http
      .post('/api/v1/complaints')
      .set('Authorization', officerApi)
      .send(complaintBody({ receivedAt: new Date(Date.now() - 21 * 86_400_000).toISOString() }));
    await page.goto(localUrl(t.baseUrl, '/attention?view=all'));
    expect(await page.getByRole('table').textContent()).toContain('Acknowledgement overdue');
    await expectAccessible(page);
    await screenshot(page, 'officer-work-queue-all');

    const closed = await stateOf(id);
    expect(closed['status']).toBe('closed');
    expect(closed['lessons']).toHaveLength(1);
    expect((closed['compensation'] as { offeredPence: number }).offeredPence).toBe(10_000);
    await context.close();
  });

  it('logs a contact with the keyboard alone: Tab through the form, Space to choose, Enter to send', async () => {
    const context = await ukContext(browser);
    const page = await signIn(context, t.baseUrl, 'Complaints officer');
    const id = await receiveThroughForm(page, 'Kim Keyboard');
    await page.goto(localUrl(t.baseUrl, `/complaints/${id}/steps/contact`));

    // Evaluated in the page (a string: this project's TypeScript has no DOM types).
    const focused = () =>
      page.evaluate<{ id: string; tag: string; text: string }>(
        "({ id: document.activeElement?.id ?? '', tag: document.activeElement?.tagName ?? '', text: document.activeElement?.textContent?.trim() ?? '' })",
      );
    /** Presses Tab until the element with this id (or the submit button) has focus; fails if it never does. */
    async function tabTo(want: (f: { id: string; tag: string; text: string }) => boolean): Promise<void> {
      for (let presses = 0; presses < 40; presses++) {
        await page.keyboard.press('Tab');
        if (want(await focused())) return;
      }
      throw new Error(`Tab never reached the element; focus is on ${JSON.stringify(await focused())}`);
    }
    await tabTo((f) => f.id === 'direction');
    await page.keyboard.press('Space');
    await tabTo((f) => f.id === 'channel');
    await tabTo((f) => f.id === 'reached');
    await page.keyboard.press('Space');
    await tabTo((f) => f.id === 'summary');
    await page.keyboard.type('Called to explain the next steps.');
    await tabTo((f) => f.tag === 'BUTTON' && f.text === 'Log the contact');
    await screenshot(page, 'officer-keyboard-contact');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\?done=contact$/);

    const contacts = (await stateOf(id))['contacts'] as { direction: string; reached: boolean; summary: string }[];
    expect(contacts).toEqual([
      expect.objectContaining({ direction: 'outbound', reached: true, summary: 'Called to explain the next steps.' }),
    ]);
    await context.close();
  });
});
