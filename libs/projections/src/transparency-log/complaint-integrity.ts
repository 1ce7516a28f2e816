import { ComplaintEventStore, verifyChain, type IntegrityReport } from '@complaints/event-store';
import type { StreamLogCheck, StreamLogProblem } from './stream-against-log';
import type { TransparencyLog } from './transparency-log';

/**
 * A complaint's integrity as GET /complaints/{id}/integrity reports it: its hash chain, and the
 * chain against the transparency log. A chain alone proves nothing to someone who can write the
 * database (they recompute it); the log recorded every event's hash when it was appended, so a
 * changed and re-chained event, or a deleted one, shows as a difference from the log.
 */
export interface ComplaintIntegrityReport extends Omit<IntegrityReport, 'problem'> {
  problem?: IntegrityReport['problem'] | StreamLogProblem;
  log: Omit<StreamLogCheck, 'problem'>;
}

export async function complaintIntegrity(
  source: { complaints: ComplaintEventStore; log: TransparencyLog },
  complaintId: string,
): Promise<ComplaintIntegrityReport> {
  const streamId = ComplaintEventStore.streamIdOf(complaintId);
  const events = await source.complaints.readStored(complaintId);
  const chain = verifyChain(streamId, events);
  const { problem, ...log } = await source.log.checkStream(streamId, events);
  if (!chain.valid) return { ...chain, log };
  return problem ? { ...chain, valid: false, problem, log } : { ...chain, log };
}
