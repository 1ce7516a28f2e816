import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Branding } from '../branding';
import { govukFrontendDir } from '../render/govuk-frontend';

/**
 * GOV.UK Frontend's compiled stylesheet made the landlord's own, at start (no build step):
 * - the GDS Transport font is GOV.UK's alone: its @font-face rules go, and every font stack
 *   naming it falls back to the system's sans-serif (the Design System's own advice for
 *   services off GOV.UK);
 * - the crown crest (the footer's copyright logo) is never referenced;
 * - the brand colour is a CSS custom property in GOV.UK Frontend 6, set from ORG_BRAND_COLOUR.
 * Then the product's own few rules (charts, timeline, print) from assets/pages.css.
 */
export interface Stylesheet {
  css: string;
  /** A hash of the text: the stylesheet's URL carries it, so it can be cached for ever. */
  version: string;
}

const SYSTEM_FONTS = 'system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif';

export function landlordStylesheet(branding: Branding): Stylesheet {
  const govuk = readFileSync(join(govukFrontendDir(), 'govuk', 'govuk-frontend.min.css'), 'utf8');
  const own = readFileSync(join(__dirname, 'pages.css'), 'utf8');
  const css = [
    withoutGovukIdentity(govuk),
    `:root{--govuk-brand-colour:${branding.brandColour};--landlord-brand-colour:${branding.brandColour}}`,
    own,
  ].join('\n');
  return { css, version: createHash('sha256').update(css).digest('hex').slice(0, 16) };
}

/** The GOV.UK-only parts removed: its font and its crest. Exported for the test that proves none is left. */
export function withoutGovukIdentity(css: string): string {
  return css
    .replace(/@font-face\{font-family:\s*"?GDS Transport"?[^}]*\}/g, '')
    .replace(/font-family:\s*"?GDS Transport"?,\s*arial,\s*sans-serif/g, `font-family:${SYSTEM_FONTS}`)
    .replace(/font-family:\s*"?GDS Transport"?/g, `font-family:${SYSTEM_FONTS}`)
    .replace(/(?:-webkit-)?mask-image:url\(\/assets\/images\/govuk-crest\.svg\);?/g, '')
    .replace(/background-image:url\(\/assets\/images\/govuk-crest\.svg\);?/g, '');
}
