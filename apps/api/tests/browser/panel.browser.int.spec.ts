import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { complaintBody, startTestApp, uniqueServiceArea, type TestApp } from '../support/test-app';
import { browserMissing, expectAccessible, launchBrowser, localUrl, screenshot, signIn, ukContext } from './browser';

/** A few February 2026 complaints, so each panel page has something to show. */
async function seed(t: TestApp): Promise<void> {
  const officer = await t.token('complaints_officer');
  const post = async (path: string, body: Record<string, unknown>) => {
    const res = await t.http.post(path).auth(officer, { type: 'bearer' }).send(body);
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
    return res.body as { id: string };
  };
  const handler = { id: 'u-3', name: 'Sam Handler' };
  for (const [i, area] of [
    uniqueServiceArea('repairs'),
    uniqueServiceArea('estates'),
    uniqueServiceArea('repairs'),
  ].entries()) {
    const day = String(2 + i).padStart(2, '0');
    const c = await post(
      '/api/v1/complaints',
      complaintBody({ serviceArea: area, receivedAt: `2026-02-${day}T09:00:00Z` }),
    );
    await post(`/api/v1/complaints/${c.id}/acknowledgements`, {
      acknowledgedAt: `2026-02-${String(4 + i).padStart(2, '0')}T09:00:00Z`,
      handler,
      headsOfComplaint: ['Repair'],
    });
    if (i === 1)
      await post(`/api/v1/complaints/${c.id}/extensions`, {
        agreedAt: '2026-02-09T09:00:00Z',
        additionalWorkingDays: 5,
        reason: 'Survey',
        residentInformed: true,
        ombudsmanDetailsGiven: true,
      });
    await post(`/api/v1/complaints/${c.id}/responses`, {
      respondedAt: `2026-02-${String(12 + i * 4).padStart(2, '0')}T09:00:00Z`,
      decisions: [
        {
          head: 'Repair',
          outcome: i === 0 ? 'upheld' : i === 1 ? 'partially_upheld' : 'not_upheld',
          reasons: 'Looked into it',
        },
      ],
      remedies: {
        apology: i < 2,
        actions: [],
        compensation: i === 0 ? [{ amountPence: 5000, kind: 'time_and_trouble' }] : [],
      },
    });
    await post(`/api/v1/complaints/${c.id}/lessons`, {
      recordedAt: '2026-02-24T09:00:00Z',
      lesson: `Lesson ${i + 1}: book the follow-up visit before leaving`,
      improvementAction: 'Add a follow-up step to the job sheet',
      dueBy: '2026-05-29',
    });
    await post(`/api/v1/complaints/${c.id}/closure`, { closedAt: '2026-02-26T09:00:00Z', outcome: 'Done' });
  }
  // Open ones received over the last few months, some never acknowledged: the chart has bars to draw.
  for (const daysAgo of [20, 50, 80, 110, 140]) {
    const receivedAt = new Date(Date.now() - daysAgo * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z');
    const c = await post('/api/v1/complaints', complaintBody({ serviceArea: 'repairs', receivedAt }));
    if (daysAgo % 60 === 20)
      await post(`/api/v1/complaints/${c.id}/acknowledgements`, {
        acknowledgedAt: receivedAt,
        handler,
        headsOfComplaint: ['Repair'],
      });
  }
}

describe.skipIf(browserMissing)('in Chromium: the scrutiny panel’s pages', () => {
  let t: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    [t, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    await seed(t);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('a panel member reads the home page, the lessons, a sample and the monthly report; each passes axe', async () => {
    const context = await ukContext(browser);
    const page = await signIn(context, t.baseUrl, 'Scrutiny panel');
    await page.goto(localUrl(t.baseUrl, '/panel?year=2025'));
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Scrutiny panel');
    expect(await page.getByRole('img', { name: /Open complaints at the end of each month/ }).count()).toBe(1);
    await expectAccessible(page);
    await screenshot(page, 'panel-home');

    await page.getByRole('link', { name: 'Lessons learned and improvement actions' }).click();
    await page.getByLabel('Recorded from').fill('2026-02-01');
    await page.getByLabel('Recorded up to').fill('2026-02-28');
    await page.getByRole('button', { name: 'Show lessons' }).click();
    // At least this suite's three: on a PostgreSQL database shared with other suites, theirs may show too.
    expect(await page.getByText('Completion not recorded (the due date has passed)').count()).toBeGreaterThanOrEqual(3);
    await expectAccessible(page);
    await screenshot(page, 'panel-lessons');

    await page.goto(localUrl(t.baseUrl, '/panel/sample'));
    await page.getByLabel('Period the cases closed in').fill('2026-02');
    await page.getByLabel('Number of cases').fill('3');
    await page.getByRole('button', { name: 'Show the sample' }).click();
    expect(await page.getByRole('heading', { level: 3, name: /^Case [0-9a-f]{16}$/ }).count()).toBe(3);
    await expectAccessible(page);
    await screenshot(page, 'panel-sample');

    // A mistake comes back as an error summary that links to the field.
    await page.getByLabel('Number of cases').fill('500');
    await page.getByRole('button', { name: 'Show the sample' }).click();
    await page.getByRole('link', { name: /Enter a number of cases from 1 to 100/ }).click();
    expect(
      await page.evaluate(
        () => (globalThis as unknown as { document: { activeElement: { id: string } } }).document.activeElement.id,
      ),
    ).toBe('size');
    await expectAccessible(page);
    await screenshot(page, 'panel-sample-error');

    await page.goto(localUrl(t.baseUrl, '/panel/monthly?month=2026-02'));
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('February 2026');
    await expectAccessible(page);
    await screenshot(page, 'panel-monthly');
    // On paper: no menus, no forms, no back link; the landlord's name above the title.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.govuk-service-navigation').isVisible()).toBe(false);
    expect(await page.locator('form[action="/panel/monthly"]').isVisible()).toBe(false);
    expect(await page.locator('.landlord-print-only').isVisible()).toBe(true);
    await screenshot(page, 'panel-monthly-print');
    await context.close();
  });
});
