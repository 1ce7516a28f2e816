import { describe, expect, it } from 'vitest';
import { DEFAULT_BRANDING } from '../branding';
import { landlordStylesheet } from '../assets/stylesheet';
import { createPageRenderer, londonDateTime } from './page-renderer';

describe('the page renderer', () => {
  const branding = { ...DEFAULT_BRANDING, landlordName: 'Northbridge <Homes>' };
  const pages = createPageRenderer({ branding, stylesheetVersion: 'abc' });

  it('renders the start page in the frame, escaping what it shows, with no crown and no script', () => {
    const html = pages.render('start', { title: 'Start', csrfToken: 't', path: '/' });
    expect(html).toContain('Northbridge &lt;Homes&gt; complaints');
    expect(html).toContain('href="/assets/pages-abc.css"');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/crown|govuk-logo|GOV\.UK/i);
  });

  it('shows only the pages the viewer may open: a panel member gets no work queue or case list', () => {
    const html = pages.render('start', {
      title: 'Start',
      csrfToken: 't',
      path: '/',
      viewer: { name: 'P', roles: ['scrutiny_panel'], session: true },
    });
    expect(html).toContain('href="/panel"');
    expect(html).not.toContain('href="/attention"');
    expect(html).not.toContain('href="/complaints"');
    expect(html).toContain('name="_csrf" value="t"');
  });
});

describe('times for people', () => {
  it('are London wall-clock times in GOV.UK style, across GMT and BST, whatever the machine’s zone', () => {
    expect(londonDateTime('2026-12-03T14:05:00Z')).toBe('3 December 2026, 2:05pm');
    expect(londonDateTime('2026-03-02T09:15:00Z')).toBe('2 March 2026, 9:15am');
    // British Summer Time: an hour ahead of UTC, so the London day can be the next one.
    expect(londonDateTime('2026-07-01T11:00:00Z')).toBe('1 July 2026, midday');
    expect(londonDateTime('2026-06-30T23:30:00Z')).toBe('1 July 2026, 12:30am');
    expect(londonDateTime('2026-01-01T00:00:00Z')).toBe('1 January 2026, midnight');
    expect(londonDateTime('not a time')).toBe('not a time');
  });
});

describe('the landlord stylesheet', () => {
  it('keeps GOV.UK Frontend but never its font or crest, and carries the brand colour', () => {
    const { css, version } = landlordStylesheet({ ...DEFAULT_BRANDING, brandColour: '#7a1f5c' });
    expect(css).toContain('.govuk-button');
    expect(css).not.toMatch(/GDS Transport/);
    expect(css).not.toMatch(/govuk-crest|\/assets\/fonts\//);
    expect(css).toContain('--govuk-brand-colour:#7a1f5c');
    expect(version).toMatch(/^[0-9a-f]{16}$/);
  });
});
