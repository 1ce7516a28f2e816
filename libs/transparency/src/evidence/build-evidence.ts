import { verifyChain, type RecordedEvent } from '@complaints/event-store';
import type { Checkpoint, PublishedKey } from '../checkpoint/checkpoint';
import type { LogLeaf } from '../hashing/log-leaf';
import { toHex } from '../hashing/rfc9162';
import { consistencyProof, inclusionProof, type PerfectNodeStore } from '../tree/proofs';
import {
  EVIDENCE_PACK_FORMAT,
  type ConsistencyEvidence,
  type EvidencePack,
  type LoggedLeaf,
  type StoredEventJson,
} from './evidence-pack';

/** A leaf the log holds, with where it sits. */
export interface PlacedLeaf extends LogLeaf {
  leafIndex: number;
}

export interface EvidenceInput {
  complaintId: string;
  streamId: string;
  generatedAt: string;
  /** The checkpoint to prove against: its tree must hold every leaf in `leaves`. */
  checkpoint: Checkpoint;
  keys: readonly PublishedKey[];
  /** The stream as stored, in revision order. */
  events: readonly RecordedEvent[];
  /** The log's leaves of this stream with leafIndex < checkpoint.treeSize. */
  leaves: readonly PlacedLeaf[];
  /** Earlier tree sizes to prove the checkpoint extends (each ≤ its treeSize). */
  consistencyFrom: readonly number[];
  chronology: readonly unknown[];
  /** The perfect-subtree hashes of the log. */
  tree: PerfectNodeStore;
}

export function storedEventJson(event: RecordedEvent): StoredEventJson {
  return {
    streamId: event.streamId,
    revision: event.revision,
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    metadata: event.metadata as unknown as Record<string, unknown>,
    recordedAt: event.recordedAt,
    hash: event.hash,
    previousHash: event.previousHash,
    globalPosition: event.globalPosition.toString(),
  };
}

/** The pack for one stream (docs/integrity.md, "Evidence pack"): stored events, chain, proofs, checkpoint. */
export async function buildEvidencePack(input: EvidenceInput): Promise<EvidencePack> {
  const size = input.checkpoint.treeSize;
  const log: LoggedLeaf[] = [];
  for (const leaf of input.leaves) {
    const proof = await inclusionProof(input.tree, leaf.leafIndex, size);
    log.push({
      streamId: leaf.streamId,
      revision: leaf.revision,
      eventId: leaf.eventId,
      hash: leaf.hash,
      leafIndex: leaf.leafIndex,
      inclusionProof: proof.map(toHex),
    });
  }
  const consistency: ConsistencyEvidence[] = [];
  for (const from of [...new Set(input.consistencyFrom)].sort((a, b) => a - b)) {
    consistency.push({ from, to: size, proof: (await consistencyProof(input.tree, from, size)).map(toHex) });
  }
  const chain = verifyChain(input.streamId, input.events);
  return {
    format: EVIDENCE_PACK_FORMAT,
    complaintId: input.complaintId,
    streamId: input.streamId,
    generatedAt: input.generatedAt,
    checkpoint: input.checkpoint,
    keys: [...input.keys],
    events: input.events.map(storedEventJson),
    chain: { valid: chain.valid, eventsChecked: chain.eventsChecked, headHash: chain.headHash },
    log,
    consistency,
    chronology: [...input.chronology],
  };
}
