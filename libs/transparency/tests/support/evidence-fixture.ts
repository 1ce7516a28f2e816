import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { eventHash, GENESIS_HASH, InMemoryEventStore, type RecordedEvent } from '@complaints/event-store';
import {
  buildEvidencePack,
  logLeafHash,
  MemoryTree,
  publishedKeyOf,
  signCheckpoint,
  toHex,
  treeRoot,
  type Checkpoint,
  type EvidencePack,
  type PlacedLeaf,
} from '../../src';

/**
 * A small store in memory: two complaints whose events interleave in the global log, the log's
 * tree over them, and a signing key — what the service holds, without a database.
 */
export interface Ledger {
  store: InMemoryEventStore;
  key: KeyObject;
  tree: MemoryTree;
  leaves: PlacedLeaf[];
  /** Sign the tree as it is now. */
  checkpoint(issuedAt?: string): Promise<Checkpoint>;
  /** Append events to a stream and log them. */
  append(streamId: string, count: number): Promise<RecordedEvent[]>;
  pack(
    streamId: string,
    options?: { checkpoint?: Checkpoint; consistencyFrom?: number[]; events?: RecordedEvent[] },
  ): Promise<EvidencePack>;
}

const METADATA = {
  actor: { id: 'officer-1', name: 'Sam Officer', role: 'complaints_officer' },
  correlationId: 'c-1',
  occurredAt: '2026-03-02T09:00:00.000Z',
  dataSubjectId: 'subject-1',
} as const;

export async function openLedger(): Promise<Ledger> {
  const store = new InMemoryEventStore();
  const { privateKey } = generateKeyPairSync('ed25519');
  const tree = new MemoryTree();
  const leaves: PlacedLeaf[] = [];
  let counter = 0;
  const ledger: Ledger = {
    store,
    key: privateKey,
    tree,
    leaves,
    async checkpoint(issuedAt = new Date(Date.UTC(2026, 2, 2, 12, 0, 0, ++counter)).toISOString()) {
      return signCheckpoint(
        { treeSize: tree.treeSize, rootHash: toHex(await treeRoot(tree, tree.treeSize)), issuedAt },
        privateKey,
      );
    },
    async append(streamId, count) {
      const current = await store.readStream(streamId);
      const events = Array.from({ length: count }, (_, i) => ({
        eventId: randomUUID(),
        type: 'ContactLogged',
        schemaVersion: 1,
        data: { note: `step ${current.length + i + 1}`, personal: { ciphertext: 'v1:AAAA', subject: 'subject-1' } },
        metadata: METADATA,
      }));
      const result = await store.append(streamId, events, { expectedRevision: current.length });
      for (const event of result.recorded) {
        const leaf: PlacedLeaf = {
          streamId: event.streamId,
          revision: event.revision,
          eventId: event.eventId,
          hash: event.hash,
          leafIndex: tree.treeSize,
        };
        tree.appendLeafHashes([logLeafHash(leaf)]);
        leaves.push(leaf);
      }
      return result.recorded;
    },
    async pack(streamId, options = {}) {
      const checkpoint = options.checkpoint ?? (await ledger.checkpoint());
      return buildEvidencePack({
        complaintId: streamId.replace(/^complaint-/, ''),
        streamId,
        generatedAt: checkpoint.issuedAt,
        checkpoint,
        keys: [publishedKeyOf(privateKey, checkpoint.issuedAt, true)],
        events: options.events ?? (await store.readStream(streamId)),
        leaves: leaves.filter((leaf) => leaf.streamId === streamId && leaf.leafIndex < checkpoint.treeSize),
        consistencyFrom: options.consistencyFrom ?? [],
        chronology: [],
        tree,
      });
    },
  };
  return ledger;
}

/**
 * The same events re-chained from a changed one on (what an insider with write access to the
 * event table can do: rewrite an event and recompute every hash after it).
 */
export function rechained(
  events: readonly RecordedEvent[],
  change: (event: RecordedEvent) => RecordedEvent,
): RecordedEvent[] {
  let previousHash = GENESIS_HASH;
  return events.map(change).map((event) => {
    const hash = eventHash(previousHash, event);
    const linked = { ...event, previousHash, hash };
    previousHash = hash;
    return linked;
  });
}
