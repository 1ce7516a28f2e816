import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { Role } from '@complaints/contracts';
import { ProblemException, problems } from '../http/problem';
import { requestContext } from '../http/request-context';
import { WWW_AUTHENTICATE } from './authenticate.middleware';
import { PUBLIC_KEY, ROLES_KEY } from './roles.decorator';

/**
 * Authorisation for every route (registered globally): 401 without a verified principal, 403
 * when none of the principal's roles is allowed. A route that declares no roles is refused to
 * everyone, so forgetting `@Roles` can never open a route.
 */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    const request = context.switchToHttp().getRequest<Request>();
    const ctx = requestContext(request);
    if (!ctx.principal) {
      throw new ProblemException(
        problems.unauthorized('A bearer token is required: send Authorization: Bearer <JWT>.'),
        {
          'WWW-Authenticate': WWW_AUTHENTICATE,
        },
      );
    }
    const allowed = this.reflector.getAllAndOverride<readonly Role[] | undefined>(ROLES_KEY, targets) ?? [];
    if (allowed.length === 0) {
      throw new ProblemException(problems.forbidden('This route is not open to any role.'));
    }
    const acting = ctx.principal.roles.find((role) => allowed.includes(role));
    if (!acting) {
      ctx.refusedFor = allowed;
      throw new ProblemException(
        problems.forbidden(
          `This needs one of the roles ${allowed.join(', ')}; the token has ${ctx.principal.roles.length ? ctx.principal.roles.join(', ') : 'no known role'}.`,
        ),
      );
    }
    ctx.actingRole = acting;
    return true;
  }
}
