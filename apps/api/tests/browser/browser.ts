import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * Debian's Chromium (apt-get install chromium), driven by playwright-core: never a downloaded
 * browser. Where it is missing the browser suites are skipped with the reason, except in CI
 * (CI=true) or with BROWSER_REQUIRED=true, where a missing browser fails the run.
 */
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
export const browserRequired = process.env['CI'] === 'true' || process.env['BROWSER_REQUIRED'] === 'true';
export const browserMissing = existsSync(CHROMIUM_PATH)
  ? undefined
  : `no Chromium at ${CHROMIUM_PATH} (apt-get install chromium)`;
if (browserMissing) {
  if (browserRequired) throw new Error(`Browser suites are required here, but ${browserMissing}.`);
  console.warn(`[browser] skipped: ${browserMissing}`);
}

/** The flags that work on these machines: no sandbox as root, and nothing that reaches for the network. */
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchBrowser(): Promise<Browser> {
  // Chromium on Linux takes its own controls' locale from LANG, not from --lang or the context's locale: British English, so a date input reads dd/mm/yyyy.
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: FLAGS,
    env: { ...process.env, LANG: 'en_GB.UTF-8', LANGUAGE: 'en_GB:en' },
  });
}

/**
 * A browser context as the service's people have it: British English and London's clock, so
 * what the page shows (dates, the date input's format) is what a person in England sees, on any
 * machine (Debian's chromium-l10n carries the en-GB locale data).
 */
export async function ukContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/London' });
}

/**
 * Where the run's screenshots go (README, "Screenshots"): SCREENSHOTS_DIR, or
 * test-output/screenshots at the repository root; CI keeps the folder as its artefacts.
 */
export const SCREENSHOTS_DIR = resolve(
  process.env['SCREENSHOTS_DIR'] ?? join(__dirname, '..', '..', '..', '..', 'test-output', 'screenshots'),
);

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  const path = join(SCREENSHOTS_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** A page at `localhost` (a secure context, so the Secure session cookie is kept over plain http). */
export const localUrl = (baseUrl: string, path: string) => `${baseUrl.replace('127.0.0.1', 'localhost')}${path}`;

/** Signs in through the development sign-in form, as a person would. */
export async function signIn(context: BrowserContext, baseUrl: string, roleLabel: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(localUrl(baseUrl, '/sign-in'));
  await page.getByLabel(roleLabel, { exact: true }).check();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForLoadState('load');
  return page;
}

const AXE_SOURCE = () => readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * axe-core in the page, WCAG 2.x A and AA rules (2.2 included): the serious and critical
 * violations, which a test expects to be none. The page has a strict CSP (no script), so axe
 * is added through the DevTools protocol's page context, not a <script> tag.
 */
export async function seriousAccessibilityViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE());
  const result = (await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: { run: (context: unknown, options: unknown) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    return axe.run((globalThis as unknown as { document: unknown }).document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
  })) as { violations: AxeViolation[] };
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export async function expectAccessible(page: Page): Promise<void> {
  const violations = await seriousAccessibilityViolations(page);
  expect(
    violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    `axe on ${page.url()}`,
  ).toEqual([]);
}
