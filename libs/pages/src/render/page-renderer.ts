import { join } from 'node:path';
import nunjucks from 'nunjucks';
import type { Role } from '@complaints/contracts';
import { longUkDate, longUkDateWithDay } from '@complaints/reporting';
import type { Branding } from '../branding';
import { navigationFor, type NavigationItem } from '../layout/navigation';
import { govukFrontendDir } from './govuk-frontend';

/** The templates of this library: `layout/` (the frame of every page) and `pages/` (one per page). */
export const TEMPLATES_DIR = join(__dirname, '..', '..', 'templates');

/** Who is looking, as far as the frame of the page needs to know (the header's sign-out, the navigation). */
export interface Viewer {
  name: string;
  roles: readonly Role[];
  /** Signed in with a session cookie (so a sign-out button makes sense); false for a bearer token. */
  session: boolean;
}

/** What every page's frame gets besides the page's own context. */
export interface PageFrame {
  /** The page's `<title>` (before " – landlord – service"); also its h1 unless the page writes its own. */
  title: string;
  viewer?: Viewer | undefined;
  /** The CSRF token every form on the page carries (hidden field `_csrf`). */
  csrfToken: string;
  /** The current path, to mark the navigation item the page belongs to. */
  path: string;
}

export interface PageRenderer {
  /** Renders `pages/<name>.njk` inside the layout, to a string the app sends. */
  render(name: string, frame: PageFrame, context?: Record<string, unknown>): string;
  readonly stylesheetHref: string;
}

/**
 * One Nunjucks environment for every page, over this library's templates and GOV.UK Frontend's
 * macros (`govuk/components/<name>/macro.njk`). Autoescaping is on: every value a page shows is
 * escaped unless a template says `| safe` (only for markup this library built, such as a chart).
 */
export function createPageRenderer(options: { branding: Branding; stylesheetVersion: string }): PageRenderer {
  const env = new nunjucks.Environment(
    new nunjucks.FileSystemLoader([TEMPLATES_DIR, govukFrontendDir()], { noCache: false }),
    {
      autoescape: true,
      throwOnUndefined: false,
      trimBlocks: true,
      lstripBlocks: true,
    },
  );
  env.addFilter('ukDate', (date: unknown) =>
    typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(date) ? longUkDate(date) : (date ?? ''),
  );
  env.addFilter('ukDateWithDay', (date: unknown) =>
    typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(date) ? longUkDateWithDay(date) : (date ?? ''),
  );
  env.addFilter('ukDateTime', (instant: unknown) => (typeof instant === 'string' ? londonDateTime(instant) : ''));
  env.addFilter('number', (n: unknown) => (typeof n === 'number' ? n.toLocaleString('en-GB') : (n ?? '')));
  env.addFilter('percent', (n: unknown) =>
    typeof n === 'number' ? `${n.toLocaleString('en-GB', { maximumFractionDigits: 1 })}%` : '–',
  );
  env.addFilter('pounds', (pence: unknown) =>
    typeof pence === 'number' ? (pence / 100).toLocaleString('en-GB', { style: 'currency', currency: 'GBP' }) : '',
  );
  env.addFilter('humanise', (text: unknown) => (typeof text === 'string' ? humanise(text) : ''));

  const stylesheetHref = `/assets/pages-${options.stylesheetVersion}.css`;
  return {
    stylesheetHref,
    render(name, frame, context = {}) {
      const navigation: NavigationItem[] = navigationFor(frame.viewer?.roles ?? [], frame.path);
      return env.render(`pages/${name}.njk`, {
        ...context,
        frame,
        branding: options.branding,
        navigation,
        stylesheetHref,
      });
    },
  };
}

const londonFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  hourCycle: 'h12',
});

/**
 * An instant as London's wall clock in GOV.UK's style (12-hour clock, "am"/"pm" with no space,
 * "midday" and "midnight" for 12:00), e.g. "3 December 2026, 2:05pm" or "4 March 2026, 9am".
 */
export function londonDateTime(instant: string): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  const parts = Object.fromEntries(londonFormat.formatToParts(date).map((p) => [p.type, p.value]));
  const hour = Number(parts['hour']);
  const minute = parts['minute'] ?? '00';
  const noon = /p/i.test(parts['dayPeriod'] ?? '');
  const time =
    minute === '00' && hour === 12
      ? noon
        ? 'midday'
        : 'midnight'
      : `${hour}${minute === '00' ? '' : `:${minute}`}${noon ? 'pm' : 'am'}`;
  return `${parts['day']} ${parts['month']} ${parts['year']}, ${time}`;
}

/** `partially_upheld` → "Partially upheld", `scrutiny_panel` → "Scrutiny panel". */
export function humanise(code: string): string {
  const words = code.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
