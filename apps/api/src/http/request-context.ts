import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import type { Role } from '@complaints/contracts';

export interface Principal {
  /** The token's `sub`. */
  id: string;
  name: string;
  roles: Role[];
}

/** What the HTTP edge learns about a request before any controller runs. */
export interface RequestContext {
  correlationId: string;
  principal?: Principal;
  /** The principal's role that the route allowed: recorded as the actor's role on events. */
  actingRole?: Role;
  /**
   * How the principal was proved: a bearer token (any route) or, on pages only, the session
   * cookie. Page forms bind their CSRF tokens to it.
   */
  credential?: { kind: 'bearer'; token: string } | { kind: 'session'; sid: string };
  /** The roles a route allows, kept when it refused this principal: a page's refusal says who may open it. */
  refusedFor?: readonly Role[];
}

// A WeakMap rather than new properties on express's Request: typed, and gone with the request.
const contexts = new WeakMap<Request, RequestContext>();

/** Accept a caller's correlation id only if it is safe to log and echo; otherwise make one. */
const SAFE_CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function beginRequestContext(req: Request): RequestContext {
  const offered = req.header('x-correlation-id');
  const context: RequestContext = {
    correlationId: offered && SAFE_CORRELATION_ID.test(offered) ? offered : randomUUID(),
  };
  contexts.set(req, context);
  return context;
}

export function requestContext(req: Request): RequestContext {
  let context = contexts.get(req);
  if (!context) context = beginRequestContext(req);
  return context;
}
