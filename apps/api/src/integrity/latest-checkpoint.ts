import { TRANSPARENCY_LOG, type TransparencyLog } from '@complaints/projections';
import type { Checkpoint } from '@complaints/transparency';
import type { ReadModels } from '../read-models/read-models.service';
import { answeringProblems } from './integrity-problems';

/**
 * The latest signed checkpoint of the whole log, signed once the log has caught up with the store
 * (bounded wait; a lagging log still signs what it holds): GET /api/v1/integrity/checkpoint and
 * the case page's integrity section. A log that no longer extends its own checkpoints signs
 * nothing (a 500 problem saying so).
 */
export async function latestCheckpoint(log: TransparencyLog, readModels: ReadModels): Promise<Checkpoint> {
  await readModels.caughtUpTo(await readModels.head(), TRANSPARENCY_LOG);
  return answeringProblems(() => log.issueCheckpoint());
}
