import { evolve, initialState, isReceived, type ReceivedComplaint } from '@complaints/domain';
import type { ComplaintEnvelope } from '@complaints/event-store';
import type { ComplaintQueries } from './complaint-queries.service';
import { ProblemException, problems } from '../../http/problem';

/**
 * The complaint as the decider sees it now (the stream folded with the domain's own evolve),
 * and its revision: what the case page's "What you can do now" and the step forms both ask of.
 */
export async function currentCaseState(
  queries: ComplaintQueries,
  complaintId: string,
): Promise<{ complaint: ReceivedComplaint; revision: number }> {
  return caseStateOf(complaintId, await queries.stream(complaintId));
}

/** The same, from a stream already read. */
export function caseStateOf(
  complaintId: string,
  envelopes: readonly ComplaintEnvelope[],
): { complaint: ReceivedComplaint; revision: number } {
  const state = envelopes.reduce((s, e) => evolve(s, e.event), initialState());
  if (!isReceived(state)) throw new ProblemException(problems.notFound(`There is no complaint ${complaintId}.`));
  return { complaint: state, revision: envelopes.at(-1)?.revision ?? 0 };
}
