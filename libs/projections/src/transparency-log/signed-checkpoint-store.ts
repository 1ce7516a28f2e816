import type { Checkpoint } from '@complaints/transparency';

/**
 * Where the log keeps the latest checkpoint it signed OUTSIDE the database it signs over
 * (KEYS_DIR/signing, beside the key: see @complaints/runtime's file store). The copy in
 * transparency_checkpoints serves proofs and witnesses, but anyone who can write the database,
 * or restore an older copy of it, can delete or roll it back; this one they cannot, so the
 * log never signs a second root for a size it already signed (docs/integrity.md, "When the log
 * does not extend its checkpoints").
 */
export interface SignedCheckpointStore {
  /** The largest checkpoint recorded (read afresh on every call: other instances share it). */
  latest(): Promise<Checkpoint | undefined>;
  /**
   * Record a checkpoint just signed, durably, before it is handed to anyone. Only ever moves
   * forward: a smaller one is kept beside a larger one without replacing it. Throws
   * LogInconsistentError('forked') when a checkpoint of the same size with another root is there.
   */
  advance(checkpoint: Checkpoint): Promise<void>;
}
