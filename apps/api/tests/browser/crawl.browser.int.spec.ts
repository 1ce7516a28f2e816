import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { complaintBody, startTestApp, type TestApp } from '../support/test-app';
import { browserMissing, launchBrowser, localUrl, seriousAccessibilityViolations, signIn, ukContext } from './browser';

/**
 * Every page a person can reach, per role, found the way they find it: from the page sign-in
 * lands on (and the start page), following every same-origin link, GET only. Nothing here lists
 * the pages, so a page added later is crawled as soon as something links to it. On every page
 * reached axe runs (serious and critical fail); every link must lead somewhere; and a scrutiny
 * panel member, on complaints seeded with a unique marker in every personal or free-text field,
 * never reaches a case page or a page (or download) carrying any of the markers.
 */

/** Bounds: a crawl stops at this many pages, and visits at most a few of the same shape (a list's pages, many cases). */
const MAX_PAGES = 150;
const PER_SHAPE = 3;

const ROLES = [
  { label: 'Complaints officer', role: 'complaints_officer' },
  { label: 'Complaints manager', role: 'complaints_manager' },
  { label: 'Auditor', role: 'auditor' },
  { label: 'Admin', role: 'admin' },
  { label: 'Scrutiny panel', role: 'scrutiny_panel' },
] as const;

interface Visit {
  url: string;
  /** The page that linked here (the start of the crawl for the first pages). */
  from: string;
  status: number;
  contentType: string;
  body: string;
  /** axe's serious and critical violations (HTML pages only). */
  violations: string[];
}

/** The same page shape: ids (anything with a digit in it, or long) become `:id`, query values are dropped. */
function shapeOf(url: URL): string {
  const path = url.pathname
    .split('/')
    .map((segment) => (/\d/.test(segment) || segment.length > 24 ? ':id' : segment))
    .join('/');
  return `${path}?${[...url.searchParams.keys()].sort().join('&')}`;
}

/** Pages for people only: the JSON API, health and metrics are not linked for browsing, and sign-out is a form. */
function isCrawlable(url: URL, origin: string): boolean {
  if (url.origin !== origin) return false;
  const path = url.pathname;
  return !(
    path === '/api' ||
    path.startsWith('/api/') ||
    path.startsWith('/health') ||
    path === '/metrics' ||
    path.startsWith('/assets/') ||
    path === '/sign-out'
  );
}

async function crawl(context: BrowserContext, starts: readonly string[]): Promise<Visit[]> {
  const origin = new URL(starts[0]!).origin;
  const page = await context.newPage();
  const visits: Visit[] = [];
  const seen = new Set<string>();
  const shapes = new Map<string, number>();
  const queue = starts.map((url) => ({ url, from: '(start)' }));
  while (queue.length > 0 && visits.length < MAX_PAGES) {
    const { url, from } = queue.shift()!;
    const target = new URL(url);
    target.hash = '';
    const key = target.toString();
    if (seen.has(key)) continue;
    seen.add(key);
    const shape = shapeOf(target);
    if ((shapes.get(shape) ?? 0) >= PER_SHAPE) continue;
    shapes.set(shape, (shapes.get(shape) ?? 0) + 1);

    // Fetched with the context's cookies first: the status, the type, and the bytes of downloads (CSV, PDF) too.
    const response = await context.request.get(key, { failOnStatusCode: false });
    const contentType = response.headers()['content-type'] ?? '';
    const visit: Visit = {
      url: key,
      from,
      status: response.status(),
      contentType,
      body: (await response.body()).toString('latin1'),
      violations: [],
    };
    visits.push(visit);
    if (!contentType.startsWith('text/html')) continue;

    // Then in the browser, as a person sees it: axe, and the links on the page.
    await page.goto(key);
    visit.violations = (await seriousAccessibilityViolations(page)).map(
      (v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
    const hrefs = await page.$$eval('a[href]', (links) => links.map((a) => (a as unknown as { href: string }).href));
    for (const href of hrefs) {
      const next = new URL(href, page.url());
      if (isCrawlable(next, origin)) queue.push({ url: next.toString(), from: key });
    }
  }
  await page.close();
  return visits;
}

/** A word no page could contain by chance: letters only, so the panel's screening treats it as a name or street would be. */
const marker = (label: string) =>
  `${label}${randomBytes(6)
    .toString('hex')
    .replace(/\d/g, (d) => 'ghijklmnop'[Number(d)]!)}`;

/** Every personal or free-text field of a complaint's life, each a unique marker (the lesson's text is screened, so it names the complainant). */
function plantedComplaint() {
  const first = marker('Fi');
  const last = marker('La');
  const street = marker('St');
  const m = {
    first,
    last,
    street,
    email: `${marker('em')}@example.org`,
    phone: '07700 913 472',
    address: `17 ${street} Road, Leeds LS9 7QX`,
    representative: `${marker('Rp')} ${marker('Rq')}`,
    relationship: marker('Rel'),
    description: marker('Description'),
    outcomeSought: marker('Sought'),
    categoryDetail: marker('Category'),
    head: marker('Head'),
    outcomesSought: marker('Outcomes'),
    handler: `${marker('Ha')} ${marker('Hb')}`,
    extensionReason: marker('Extension'),
    contactSummary: marker('Contact'),
    reasons: marker('Reasons'),
    remedy: marker('Remedy'),
    owner: marker('Owner'),
    outcome: marker('Outcome'),
  };
  return {
    markers: m,
    /** What must never be on a panel's page: every marker, and the complainant's details however the lesson wrote them. */
    secrets: Object.values(m).flatMap((value) => [
      value,
      ...value.split(/[\s,]+/).filter((part) => /^[A-Za-z]{10,}$/.test(part)),
    ]),
  };
}

type Planted = ReturnType<typeof plantedComplaint>;

/** A moment `days` after the seeded complaint's receipt, which is 40 days ago: inside the panel's recent months and periods. */
const RECEIVED = Date.now() - 40 * 86_400_000;
const day = (days: number) => new Date(RECEIVED + days * 86_400_000).toISOString();

async function seed(t: TestApp, officer: string, planted: Planted, closed: boolean): Promise<string> {
  const m = planted.markers;
  const post = async (path: string, body: Record<string, unknown>) => {
    const res = await t.http.post(path).auth(officer, { type: 'bearer' }).send(body);
    expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
    return res.body as { id: string };
  };
  const { id } = await post(
    '/api/v1/complaints',
    complaintBody({
      receivedAt: day(0),
      complainant: { name: `${m.first} ${m.last}`, email: m.email, phone: m.phone, address: m.address },
      representative: { name: m.representative, relationship: m.relationship, authorityConfirmed: true },
      description: `${m.description}: mould in the back bedroom`,
      outcomeSought: m.outcomeSought,
      category: m.categoryDetail,
    }),
  );
  const step = (path: string, body: Record<string, unknown>) => post(`/api/v1/complaints/${id}/${path}`, body);
  await step('acknowledgements', {
    acknowledgedAt: day(1),
    handler: { id: 'u-crawl', name: m.handler },
    headsOfComplaint: [m.head],
    outcomesSought: [m.outcomesSought],
  });
  await step('contacts', { direction: 'outbound', channel: 'phone', reached: true, summary: m.contactSummary });
  if (!closed) return id;
  await step('extensions', {
    agreedAt: day(3),
    additionalWorkingDays: 5,
    reason: m.extensionReason,
    residentInformed: true,
    ombudsmanDetailsGiven: true,
  });
  await step('responses', {
    respondedAt: day(8),
    decisions: [{ head: m.head, outcome: 'upheld', reasons: m.reasons }],
    remedies: { apology: true, actions: [{ description: m.remedy, dueBy: day(30).slice(0, 10) }], compensation: [] },
  });
  await step('lessons', {
    recordedAt: day(10),
    lesson: `Mr ${m.first} ${m.last} of 17 ${m.street} Road waited too long; ring ${m.phone} or write to ${m.email}`,
    rootCause: `${m.last} was not called back`,
    improvementAction: `Repairs team to call ${m.first} and every resident within 2 working days`,
    owner: m.owner,
  });
  await step('closure', { closedAt: day(11), outcome: `${m.outcome} with ${m.first} ${m.last}` });
  return id;
}

const described = (visits: readonly Visit[]) =>
  visits.map((v) => `${v.status} ${new URL(v.url).pathname}${new URL(v.url).search}`).join('\n');

describe.skipIf(browserMissing)('in Chromium: every page each role can reach (crawled)', () => {
  let t: TestApp;
  let browser: Browser;
  const planted = [plantedComplaint(), plantedComplaint()];
  const complaintIds: string[] = [];
  const crawls = new Map<string, Visit[]>();

  beforeAll(async () => {
    [t, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    const officer = await t.token('complaints_officer');
    complaintIds.push(await seed(t, officer, planted[0]!, true), await seed(t, officer, planted[1]!, false));
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** Each role's crawl once, shared by the tests that read it. */
  async function crawlAs(label: string): Promise<Visit[]> {
    const done = crawls.get(label);
    if (done) return done;
    const context = await ukContext(browser);
    try {
      const landed = await signIn(context, t.baseUrl, label);
      const home = landed.url();
      await landed.close();
      const visits = await crawl(context, [home, localUrl(t.baseUrl, '/')]);
      crawls.set(label, visits);
      return visits;
    } finally {
      await context.close();
    }
  }

  it('the seeded complaints hold every marker where the complaints team reads them (so their absence below means something)', async () => {
    const officer = await t.token('complaints_officer');
    const res = await t.http.get(`/api/v1/complaints/${complaintIds[0]}`).auth(officer, { type: 'bearer' });
    for (const value of [planted[0]!.markers.first, planted[0]!.markers.description, planted[0]!.markers.head])
      expect(res.text).toContain(value);
  });

  it.each(ROLES)(
    '$label: every page reached passes axe (no serious or critical violation)',
    { timeout: 240_000 },
    async ({ label }) => {
      const visits = await crawlAs(label);
      const html = visits.filter((v) => v.contentType.startsWith('text/html'));
      expect(html.length, described(visits)).toBeGreaterThanOrEqual(2);
      expect(
        html.filter((v) => v.violations.length > 0).map((v) => ({ url: v.url, violations: v.violations })),
      ).toEqual([]);
      expect(
        visits.filter((v) => v.status >= 500).map((v) => `${v.status} ${v.url}`),
        'no page fails',
      ).toEqual([]);
    },
  );

  it.each(ROLES)(
    '$label: every link on every page leads to a page the role may open',
    { timeout: 240_000 },
    async ({ label }) => {
      const visits = await crawlAs(label);
      expect(visits.filter((v) => v.status >= 400).map((v) => `${v.status} ${v.url} (linked from ${v.from})`)).toEqual(
        [],
      );
    },
  );

  it(
    'a scrutiny panel member reaches no case page and nothing carrying a name, contact detail, address or free text about a person',
    { timeout: 240_000 },
    async () => {
      const visits = await crawlAs('Scrutiny panel');
      const reached = visits.filter((v) => v.status < 400);
      // Not vacuous: the crawl got past sign-in to the panel's pages (the SLA dashboard is one of them).
      expect(
        reached.map((v) => new URL(v.url).pathname),
        described(visits),
      ).toContain('/dashboard');
      expect(
        reached.map((v) => new URL(v.url).pathname),
        'pages for the complaints team only',
      ).not.toContainEqual(expect.stringMatching(/^\/(complaints|attention)(\/|$)/));
      const secrets = planted.flatMap((p) => p.secrets).map((s) => s.toLowerCase());
      // Not vacuous either: the seeded lesson reached a page the panel read, with the complainant's details screened out of it.
      expect(
        visits.some((v) => v.body.includes('waited too long')),
        'the seeded lesson is on a panel page',
      ).toBe(true);
      const leaks = visits.flatMap((v) =>
        secrets.filter((s) => v.body.toLowerCase().includes(s)).map((s) => `${v.url} shows "${s}"`),
      );
      expect(leaks).toEqual([]);
      // Not only unlinked: a case page asked for directly is refused too.
      const context = await ukContext(browser);
      try {
        await signIn(context, t.baseUrl, 'Scrutiny panel');
        for (const id of complaintIds) {
          const direct = await context.request.get(localUrl(t.baseUrl, `/complaints/${id}`), {
            failOnStatusCode: false,
          });
          expect(direct.status(), `/complaints/${id} as a panel member`).not.toBe(200);
          const body = (await direct.text()).toLowerCase();
          expect(secrets.filter((s) => body.includes(s))).toEqual([]);
        }
      } finally {
        await context.close();
      }
    },
  );
});
