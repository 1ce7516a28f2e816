import type { Request } from 'express';
import type { Actor } from '@complaints/contracts';
import { ProblemException, problems } from '../../http/problem';
import { requestContext } from '../../http/request-context';

/** Who is writing, under which correlation id, and which revision they saw. */
export interface WriteContext {
  actor: Actor;
  correlationId: string;
  /** From If-Match: the command applies only if the complaint is still at this revision. */
  ifMatch: number | undefined;
}

export function writeContextOf(req: Request): WriteContext {
  const context = requestContext(req);
  if (!context.principal || !context.actingRole) {
    // The guard runs first on every write route; reaching here without a principal is a bug.
    throw new Error('write without an authorised principal');
  }
  return {
    actor: { id: context.principal.id, name: context.principal.name, role: context.actingRole },
    correlationId: context.correlationId,
    ifMatch: parseIfMatch(req.header('if-match')),
  };
}

/**
 * If-Match carries the revision from an ETag: `"3"` as sent back by HTTP caches and clients, or
 * a bare `3` as people type it; a weak `W/"3"` is read the same. `*` means "whatever is current".
 */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '' || header.trim() === '*') return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!match?.[1]) {
    throw new ProblemException(
      problems.validation(
        [{ field: 'If-Match', message: 'must be one revision, as in the ETag: "3"' }],
        'The If-Match header is not a revision.',
      ),
    );
  }
  return Number(match[1]);
}

export const etagOf = (revision: number) => `"${revision}"`;
