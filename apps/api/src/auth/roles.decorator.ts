import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension } from '@nestjs/swagger';
import type { Role } from '@complaints/contracts';

export const ROLES_KEY = 'complaints:roles';
export const PUBLIC_KEY = 'complaints:public';

/**
 * The roles allowed on a route. Every non-public route must carry it: the guard refuses a
 * route without one (fail closed). The roles are also published in OpenAPI as `x-roles`.
 */
export function Roles(...roles: readonly Role[]) {
  return applyDecorators(SetMetadata(ROLES_KEY, roles), ApiBearerAuth('bearer'), ApiExtension('x-roles', [...roles]));
}

/** A route anyone may call without a token (health checks, the API documentation). */
export function Public() {
  return applyDecorators(SetMetadata(PUBLIC_KEY, true), ApiExtension('x-roles', []));
}
