import type { Role } from '@complaints/contracts';

export interface NavigationItem {
  href: string;
  text: string;
  active: boolean;
}

/**
 * The service navigation a viewer gets: only the pages their roles may open (the same lists as
 * the API's role policy), so a panel member is never shown a link to a page with personal data.
 */
const PAGES: { href: string; text: string; roles: readonly Role[] }[] = [
  { href: '/attention', text: 'Work queue', roles: ['complaints_officer', 'complaints_manager', 'auditor'] },
  {
    href: '/complaints',
    text: 'Find a complaint',
    roles: ['complaints_officer', 'complaints_manager', 'auditor', 'admin'],
  },
  {
    href: '/dashboard',
    text: 'SLA dashboard',
    roles: ['complaints_officer', 'complaints_manager', 'auditor', 'scrutiny_panel'],
  },
  {
    href: '/panel',
    text: 'Scrutiny panel',
    roles: ['complaints_officer', 'complaints_manager', 'auditor', 'scrutiny_panel'],
  },
];

export function navigationFor(roles: readonly Role[], path: string): NavigationItem[] {
  return PAGES.filter((page) => page.roles.some((role) => roles.includes(role))).map((page) => ({
    href: page.href,
    text: page.text,
    active: path === page.href || path.startsWith(`${page.href}/`),
  }));
}
