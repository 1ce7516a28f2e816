import { Roles as KNOWN_ROLES, type Role } from '@complaints/contracts';

/** Roles a person may sign in to the pages with: integrations use the API, never a browser. */
export const PERSON_ROLES: readonly Role[] = KNOWN_ROLES.filter((role) => role !== 'integration');

/**
 * The roles in the identity provider's claim (OIDC_ROLES_CLAIM): an array of names, or one
 * string of names separated by spaces or commas (as some providers send groups). Only this
 * service's role names count; anything else the provider sends (its own groups) is ignored.
 */
export function rolesFromClaim(value: unknown): Role[] {
  const names = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[\s,]+/) : [];
  const roles = names.filter(
    (name): name is Role => typeof name === 'string' && (PERSON_ROLES as readonly string[]).includes(name),
  );
  return [...new Set(roles)];
}

/** The name a person is shown as (and recorded by): the provider's display name, else a username, else the subject. */
export function displayNameFrom(claims: Record<string, unknown>, subject: string): string {
  for (const claim of ['name', 'preferred_username', 'email']) {
    const value = claims[claim];
    if (typeof value === 'string' && value.trim() !== '') return value.trim().slice(0, 200);
  }
  return subject;
}
