import { ProblemException, problems } from '../http/problem';

const PLAUSIBLE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** An id that cannot name a complaint is simply an unknown complaint (404), not a bad request. */
export function complaintIdOrNotFound(id: string): string {
  if (!PLAUSIBLE_ID.test(id)) throw new ProblemException(problems.notFound(`There is no complaint ${JSON.stringify(id.slice(0, 100))}.`));
  return id;
}
