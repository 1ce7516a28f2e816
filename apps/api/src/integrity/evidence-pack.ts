import { complaintEvidence, TRANSPARENCY_LOG, type TransparencyLog } from '@complaints/projections';
import type { Organisation } from '@complaints/reporting';
import type { EvidencePack } from '@complaints/transparency';
import { ProblemException, problems } from '../http/problem';
import type { Infrastructure } from '../infrastructure/open-infrastructure';
import type { ReadModels } from '../read-models/read-models.service';
import { answeringProblems, logBehind } from './integrity-problems';

export interface EvidencePackSources {
  infrastructure: Infrastructure;
  organisation: Organisation;
  log: TransparencyLog;
  readModels: ReadModels;
}

/**
 * One complaint's evidence pack, once the transparency log holds its latest event: what
 * GET /api/v1/complaints/{id}/evidence answers and the case page's download, from one place.
 * 404 for a complaint never received; 503 (Retry-After) while the log is behind.
 */
export async function evidencePackOf(
  sources: EvidencePackSources,
  complaintId: string,
  consistencyFrom: readonly number[],
): Promise<EvidencePack> {
  const { infrastructure, organisation, log, readModels } = sources;
  const stored = await infrastructure.complaints.readStored(complaintId);
  const last = stored.at(-1);
  if (!last) throw new ProblemException(problems.notFound(`There is no complaint ${complaintId}.`));
  if (!(await readModels.caughtUpTo(last.globalPosition, TRANSPARENCY_LOG)))
    throw logBehind(`the latest events of complaint ${complaintId}`);
  return answeringProblems(() =>
    complaintEvidence(
      { complaints: infrastructure.complaints, log, calendar: organisation.calendar },
      complaintId,
      stored,
      consistencyFrom,
    ),
  );
}
