import { LogInconsistentError, type TransparencyLog } from '@complaints/projections';
import type { BackgroundLogger } from '../background/start-background-work';

/**
 * Issue a checkpoint every `intervalMs` when the log grew (TransparencyLog.issueCheckpoint signs
 * only then), so a checkpoint is never older than one interval behind the log's growth even when
 * nobody asks. A log that no longer extends its checkpoints is logged as a failure at each tick:
 * it is the alarm that the store was rolled back or rewritten.
 */
export interface CheckpointSchedule {
  stop(): void;
}

export function startCheckpointSchedule(log: TransparencyLog, intervalMs: number, logger: BackgroundLogger): CheckpointSchedule {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const before = (await log.latest())?.treeSize;
      const checkpoint = await log.issueCheckpoint();
      if (checkpoint.treeSize !== before) logger.info('transparency checkpoint issued', { treeSize: checkpoint.treeSize, rootHash: checkpoint.rootHash, keyId: checkpoint.keyId });
    } catch (error) {
      if (error instanceof LogInconsistentError) logger.failure('transparency log does not extend its checkpoints', { kind: error.kind, error: error.message });
      else logger.warning('issuing a transparency checkpoint failed; retrying at the next interval', { error: error instanceof Error ? error.message : String(error) });
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
