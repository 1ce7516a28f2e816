import { PathId } from '@complaints/contracts';
import { ProblemException, problems } from '../http/problem';

/**
 * An id that cannot name a complaint (not a PathId: too long, blank, odd characters, NUL) is
 * simply an unknown complaint (404), not a bad request; and it never reaches SQL.
 */
export function complaintIdOrNotFound(id: string): string {
  if (!PathId.safeParse(id).success)
    throw new ProblemException(problems.notFound(`There is no complaint ${JSON.stringify(id.slice(0, 100))}.`));
  return id;
}
