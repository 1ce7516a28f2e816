import { SignJWT } from 'jose';
import type { Role } from '@complaints/contracts';
import { DEFAULT_MAX_TOKEN_LIFETIME_SECONDS } from './token-lifetime';

export interface DevTokenOptions {
  secret: string;
  role: Role;
  sub?: string;
  name?: string;
  issuer?: string | undefined;
  audience?: string | undefined;
  /** jose duration, e.g. '12h', '90m'; the default maximum lifetime when absent (longer would be refused). */
  expiresIn?: string;
}

const DISPLAY_NAMES: Record<Role, string> = {
  complaints_officer: 'Dev Complaints Officer',
  complaints_manager: 'Dev Complaints Manager',
  auditor: 'Dev Auditor',
  scrutiny_panel: 'Dev Scrutiny Panel',
  integration: 'Dev Integration',
  admin: 'Dev Admin',
};

/** Who a development sign-in (token or page session) is, for a role. */
export function devPrincipal(role: Role): { id: string; name: string; roles: Role[] } {
  return { id: `dev-${role.replace(/_/g, '-')}`, name: DISPLAY_NAMES[role], roles: [role] };
}

/** A development bearer token for one role, signed with the HS256 secret. */
export async function signDevToken(options: DevTokenOptions): Promise<string> {
  let jwt = new SignJWT({ name: options.name ?? DISPLAY_NAMES[options.role], roles: [options.role] })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(options.sub ?? `dev-${options.role.replace(/_/g, '-')}`)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? `${DEFAULT_MAX_TOKEN_LIFETIME_SECONDS}s`);
  if (options.issuer) jwt = jwt.setIssuer(options.issuer);
  if (options.audience) jwt = jwt.setAudience(options.audience);
  return jwt.sign(new TextEncoder().encode(options.secret));
}
