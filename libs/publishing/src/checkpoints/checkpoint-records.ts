import type { Checkpoint } from '@complaints/transparency';
import type { KafkaRecord } from '../kafka/kafka-publisher';

/**
 * Subscribers witness the transparency log's checkpoints on a topic of their own,
 * `<events topic>.checkpoints`, so the events topic and its contract stay as they are (a consumer
 * of events never meets a checkpoint). One record per checkpoint, in order on one partition (key
 * `transparency-log`), value exactly the checkpoint JSON of GET /api/v1/integrity/checkpoint
 * (docs/integrity.md, "Witnessing"), header `message-kind: transparency-checkpoint`.
 */
export const CHECKPOINT_TOPIC_SUFFIX = '.checkpoints';
export const CHECKPOINT_RECORD_KEY = 'transparency-log';

export function checkpointTopicOf(eventsTopic: string): string {
  return `${eventsTopic}${CHECKPOINT_TOPIC_SUFFIX}`;
}

export function checkpointRecord(checkpoint: Checkpoint): KafkaRecord {
  const { treeSize, rootHash, issuedAt, keyId, signature } = checkpoint;
  return {
    key: CHECKPOINT_RECORD_KEY,
    value: JSON.stringify({ treeSize, rootHash, issuedAt, keyId, signature }),
    headers: { 'message-kind': 'transparency-checkpoint', 'tree-size': String(treeSize), 'key-id': keyId },
  };
}
