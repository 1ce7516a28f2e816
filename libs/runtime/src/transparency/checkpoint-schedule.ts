import { LogInconsistentError, type TransparencyLog } from '@complaints/projections';
import type { BackgroundLogger } from '../background/start-background-work';
import type { CheckpointWitnesses } from './checkpoint-witnesses';

/**
 * Issue a checkpoint every `intervalMs` when the log grew (TransparencyLog.issueCheckpoint signs
 * only then), so a checkpoint is never older than one interval behind the log's growth even when
 * nobody asks. A log that no longer extends its checkpoints is logged as a failure at each tick:
 * it is the alarm that the store was rolled back or rewritten.
 */
export interface CheckpointSchedule {
  /** No more ticks; resolves once the one in flight (if any) has finished. */
  stop(): Promise<void>;
}

export function startCheckpointSchedule(
  log: TransparencyLog,
  intervalMs: number,
  logger: BackgroundLogger,
  witnesses?: CheckpointWitnesses,
): CheckpointSchedule {
  let current: Promise<void> | undefined;
  const tick = async () => {
    try {
      const before = (await log.latest())?.treeSize;
      const checkpoint = await log.issueCheckpoint();
      if (checkpoint.treeSize !== before)
        logger.info(
          { treeSize: checkpoint.treeSize, rootHash: checkpoint.rootHash, keyId: checkpoint.keyId },
          'transparency checkpoint issued',
        );
    } catch (error) {
      if (error instanceof LogInconsistentError)
        logger.error({ kind: error.kind, error: error.message }, 'transparency log does not extend its checkpoints');
      else
        logger.warn(
          { error: error instanceof Error ? error.message : String(error) },
          'issuing a transparency checkpoint failed; retrying at the next interval',
        );
    }
    try {
      // Every checkpoint issued (here, or on request by any API instance) goes to the witnesses.
      if (witnesses) await log.publishCheckpoints(witnesses.topic, (checkpoints) => witnesses.publish(checkpoints));
    } catch (error) {
      logger.warn(
        { topic: witnesses?.topic, error: error instanceof Error ? error.message : String(error) },
        'publishing transparency checkpoints failed; retrying at the next interval',
      );
    }
  };
  const timer = setInterval(() => {
    // One tick at a time: a slow one is not overtaken by the next.
    current ??= tick().finally(() => (current = undefined));
  }, intervalMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await current;
    },
  };
}
