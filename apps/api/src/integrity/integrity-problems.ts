import { LogInconsistentError, TreeSizeError } from '@complaints/projections';
import { PROBLEM_BASE, ProblemException, problems, type Problem } from '../http/problem';

/**
 * The log no longer extends a checkpoint it issued: nothing is signed, and the caller is told
 * plainly (it is the alarm an auditor needs, not an internal error to hide).
 */
function logInconsistent(error: LogInconsistentError): Problem {
  return {
    type: `${PROBLEM_BASE}/transparency-log-inconsistent`,
    title: 'The transparency log does not extend its own checkpoints',
    status: 500,
    detail: error.message,
    kind: error.kind,
  } as Problem;
}

/** Translate the transparency log's refusals into problems; anything else goes on. */
export async function answeringProblems<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof TreeSizeError)
      throw new ProblemException(problems.validation([{ field: error.field, message: error.message }]));
    if (error instanceof LogInconsistentError) throw new ProblemException(logInconsistent(error));
    throw error;
  }
}

export const logBehind = (what: string) =>
  new ProblemException(problems.unavailable(`The transparency log has not yet recorded ${what}; retry shortly.`), {
    'Retry-After': '1',
  });
