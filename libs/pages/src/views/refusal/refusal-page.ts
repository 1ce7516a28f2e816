import type { Role } from '@complaints/contracts';

/** What each role is called on a page, as a person would say it. */
const ROLE_NAMES: Readonly<Record<Role, string>> = {
  complaints_officer: 'a complaints officer',
  complaints_manager: 'a complaints manager',
  auditor: 'an auditor',
  scrutiny_panel: 'a member of the scrutiny panel',
  integration: 'an integration',
  admin: 'an administrator',
};

/**
 * What each role does not see, and why (the role lists in apps/api/src/auth/role-policy.ts and
 * docs/pages.md, "Roles"): said plainly, so a refused person knows it is the rule, not a fault.
 */
const ROLE_LIMITS: Readonly<Record<Role, string>> = {
  scrutiny_panel:
    'A scrutiny panel member sees figures and anonymised cases only: never a complaint’s own page, a work queue, or anything naming a resident or a member of staff.',
  auditor:
    'An auditor reads every case, its history and the reports, but records nothing: forms that change a complaint are for the complaints team.',
  admin:
    'An administrator looks after personal data (erasure, retention, subject access) and may open a case to check it, but does not handle complaints or read the audit trail and reports.',
  complaints_officer:
    'A complaints officer handles cases, but some steps and records are kept for managers, auditors or administrators.',
  complaints_manager:
    'A complaints manager handles and oversees cases, but some records are kept for auditors or administrators.',
  integration: 'An integration reads the event feed through the API, not these pages.',
};

export interface RefusalPageInput {
  /** The roles the viewer holds. */
  viewerRoles: readonly Role[];
  /** The roles the page is open to. */
  allowed: readonly Role[];
  /** The page asked for (a path on this service): where signing in again comes back to. */
  path: string;
  /** Signed in on a page (a session cookie), rather than with a bearer token. */
  session: boolean;
}

export interface RefusalPageContext {
  youAre: string;
  limits: string[];
  allowedNames: string[];
  /** Sign in as another role, and come back here: present when the viewer signed in on a page. */
  signInHref?: string;
  /** With a bearer token there is no sign-in to change: the token is the one to replace. */
  tokenAdvice?: string;
}

const sentence = (names: readonly string[]) =>
  names.length <= 1 ? (names[0] ?? 'nobody') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;

/**
 * The page a person is refused because of their role (403): which role they are signed in
 * with, what that role does not see, who may open the page, and how to sign in as another.
 */
export function refusalPageContext(input: RefusalPageInput): RefusalPageContext {
  const known = input.viewerRoles.filter((role) => role in ROLE_NAMES);
  const youAre = known.length
    ? `You are signed in as ${sentence(known.map((role) => ROLE_NAMES[role]))}.`
    : 'You are signed in with no role this service knows.';
  const allowedNames = input.allowed
    .filter((role) => role in ROLE_NAMES)
    .map((role) => ROLE_NAMES[role].replace(/^(a|an) /, ''));
  const returnTo = input.path.startsWith('/') && !input.path.startsWith('//') ? input.path : '/';
  return {
    youAre,
    limits: known.map((role) => ROLE_LIMITS[role]),
    allowedNames: allowedNames.map((name) => name.charAt(0).toUpperCase() + name.slice(1)),
    ...(input.session
      ? { signInHref: `/sign-in?returnTo=${encodeURIComponent(returnTo)}` }
      : {
          tokenAdvice:
            'This request was made with a bearer token: ask for a token for one of these roles, or sign in on the start page.',
        }),
  };
}
