import { createPublicKey, type KeyObject } from 'node:crypto';
import type { SqlExecutor } from '@complaints/adapter-postgres';
import type { RecordedEvent } from '@complaints/event-store';
import {
  buildEvidencePack,
  checkpointSignatureProblem,
  consistencyProof,
  publishedKeyOf,
  rawPublicKey,
  signCheckpoint,
  toHex,
  treeRoot,
  verifyConsistency,
  type Checkpoint,
  type PerfectNodeStore,
  type EvidencePack,
  type PublishedKey,
} from '@complaints/transparency';
import { withActiveTables } from '../engine/active-tables';
import {
  checkpointOfSize,
  checkpointsAfter,
  ensureTransparencyTables,
  latestCheckpoint,
  markCheckpointsPublished,
  publishedCheckpointSize,
  recordCheckpoint,
  signingKeysUsed,
} from './checkpoint-tables';
import type { SignedCheckpointStore } from './signed-checkpoint-store';
import { checkStreamAgainstLog, type StreamLogCheck } from './stream-against-log';
import { TRANSPARENCY_LOG } from './transparency-log.projection';
import { leavesOfStream, sqlNodeStore, treeSizeIn } from './tree-tables';

/**
 * The tree no longer extends a checkpoint already issued: the read-model database was restored
 * from an older copy, or the log it was built from was rewritten. Nothing is signed until an
 * operator looks (docs/integrity.md, "When the log does not extend its checkpoints").
 */
export class LogInconsistentError extends Error {
  constructor(
    readonly kind: 'rolled-back' | 'forked',
    message: string,
  ) {
    super(message);
    this.name = 'LogInconsistentError';
  }
}

/** The tree of `size` (root `root`) must extend `checkpoint`: at least as large, and consistent with its root. */
async function requireExtends(
  store: PerfectNodeStore,
  size: number,
  root: Uint8Array,
  checkpoint: Checkpoint,
  where: string,
): Promise<void> {
  if (checkpoint.treeSize > size) {
    throw new LogInconsistentError(
      'rolled-back',
      `The transparency log holds ${size} events but a checkpoint of ${checkpoint.treeSize} was issued (${checkpoint.issuedAt}, ${where}): the read-model database was rolled back or rebuilt from a shorter store`,
    );
  }
  const proof = await consistencyProof(store, checkpoint.treeSize, size);
  if (!verifyConsistency(checkpoint.treeSize, size, Buffer.from(checkpoint.rootHash, 'hex'), root, proof)) {
    throw new LogInconsistentError(
      'forked',
      `The transparency log's first ${checkpoint.treeSize} events no longer hash to the root of the checkpoint issued at ${checkpoint.issuedAt} (${where}): the log was rewritten`,
    );
  }
}

/** A query value that cannot be served (a size beyond the tree): the field it came from, and why. */
export class TreeSizeError extends RangeError {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'TreeSizeError';
  }
}

export interface TransparencyLogOptions {
  /** The read-model database (where the projection keeps the tree). */
  sql: SqlExecutor;
  /** The Ed25519 private key checkpoints are signed with now. */
  signingKey: KeyObject;
  /** Public keys signed with before (KEYS_DIR/signing/retired): still published. */
  pastKeys?: readonly KeyObject[];
  /** The latest signed checkpoint kept outside the database (KEYS_DIR/signing); every instance of a deployment passes one. */
  signed?: SignedCheckpointStore;
  now?: () => Date;
}

export interface ConsistencyAnswer {
  from: number;
  to: number;
  fromRootHash: string;
  toRootHash: string;
  /** RFC 9162 §2.1.4.1, hex. */
  proof: string[];
  /** The checkpoints issued at those sizes, when there are: what makes the roots more than the service's word. */
  fromCheckpoint: Checkpoint | null;
  toCheckpoint: Checkpoint | null;
}

export interface EvidenceRequest {
  complaintId: string;
  streamId: string;
  /** The stream as stored. */
  events: readonly RecordedEvent[];
  consistencyFrom: readonly number[];
  chronology: readonly unknown[];
}

/**
 * The log's read side and its signer: checkpoints (issued on request and by the schedule in
 * @complaints/runtime), consistency proofs, published keys and evidence packs, over the tree
 * the transparency_log projection maintains.
 */
export class TransparencyLog {
  private readonly sql: SqlExecutor;
  private readonly signingKey: KeyObject;
  private readonly publicKey: string;
  private readonly pastKeys: readonly KeyObject[];
  private readonly signed: SignedCheckpointStore | undefined;
  private readonly now: () => Date;
  private prepared: Promise<void> | undefined;

  constructor(options: TransparencyLogOptions) {
    this.sql = options.sql;
    this.signingKey = options.signingKey;
    this.publicKey = rawPublicKey(createPublicKey(options.signingKey)).toString('base64');
    this.pastKeys = options.pastKeys ?? [];
    this.signed = options.signed;
    this.now = options.now ?? (() => new Date());
  }

  prepare(): Promise<void> {
    this.prepared ??= ensureTransparencyTables(this.sql).catch((error: unknown) => {
      this.prepared = undefined;
      throw error;
    });
    return this.prepared;
  }

  /** Leaves in the tree now. */
  async treeSize(): Promise<number> {
    return withActiveTables(this.sql, TRANSPARENCY_LOG, (tables) => treeSizeIn(this.sql, tables));
  }

  async latest(): Promise<Checkpoint | undefined> {
    await this.prepare();
    return latestCheckpoint(this.sql);
  }

  async checkpointsAfter(afterSize: number, limit: number): Promise<Checkpoint[]> {
    await this.prepare();
    return checkpointsAfter(this.sql, afterSize, limit);
  }

  /**
   * Hand every checkpoint not yet published to `topic` to `publish`, oldest first, recording
   * after each accepted batch how far it got (so each goes out at least once, in order; a
   * witness deduplicates by tree size). Returns how many were handed over.
   */
  async publishCheckpoints(
    topic: string,
    publish: (checkpoints: readonly Checkpoint[]) => Promise<void>,
  ): Promise<number> {
    await this.prepare();
    let published = 0;
    for (;;) {
      const after = await publishedCheckpointSize(this.sql, topic);
      const batch = await checkpointsAfter(this.sql, after, 100);
      const last = batch.at(-1);
      if (!last) return published;
      await publish(batch);
      await markCheckpointsPublished(this.sql, topic, last.treeSize);
      published += batch.length;
    }
  }

  /**
   * The checkpoint of the tree as it is now: a new one, signed, when the tree grew since the
   * latest issued; the latest otherwise. Before signing, the tree must extend both the latest
   * checkpoint in the database and the one kept outside it (a consistency proof from its size,
   * computed from the stored nodes, verifying against its root); if not, LogInconsistentError
   * and nothing is signed. Deleting or restoring transparency_checkpoints does not lift that.
   */
  async issueCheckpoint(): Promise<Checkpoint> {
    await this.prepare();
    return withActiveTables(this.sql, TRANSPARENCY_LOG, async (tables) => {
      const store = sqlNodeStore(this.sql, tables);
      const size = await treeSizeIn(this.sql, tables);
      const root = await treeRoot(store, size);
      const kept = await this.signed?.latest();
      const latest = await latestCheckpoint(this.sql);
      if (latest) await this.requireOwn(latest);
      if (kept) await requireExtends(store, size, root, kept, 'kept in KEYS_DIR/signing');
      if (latest) await requireExtends(store, size, root, latest, 'recorded in the database');
      if (latest && latest.treeSize === size) return latest;
      if (kept && kept.treeSize === size) return recordCheckpoint(this.sql, kept, this.publicKey);
      const checkpoint = signCheckpoint(
        { treeSize: size, rootHash: toHex(root), issuedAt: this.now().toISOString() },
        this.signingKey,
      );
      // Kept outside the database first: once handed out, no restore of the database can make the log sign another root for this size.
      await this.signed?.advance(checkpoint);
      return recordCheckpoint(this.sql, checkpoint, this.publicKey);
    });
  }

  /** A checkpoint in the table must carry this service's signature: a row written there by anyone else is never served or trusted. */
  private async requireOwn(checkpoint: Checkpoint): Promise<void> {
    const key = (await this.keys()).find((k) => k.keyId === checkpoint.keyId);
    const problem = key
      ? checkpointSignatureProblem(checkpoint, key.publicKey)
      : `it names key ${checkpoint.keyId}, which is not one of the service's`;
    if (problem) {
      throw new LogInconsistentError(
        'forked',
        `The checkpoint of ${checkpoint.treeSize} in transparency_checkpoints was not signed by this service (${problem}): the table was written by someone else`,
      );
    }
  }

  /** How a stream as stored compares with this log's leaves for it (the case integrity check). */
  async checkStream(streamId: string, events: readonly RecordedEvent[]): Promise<StreamLogCheck> {
    await this.prepare();
    const signed = await this.signed?.latest();
    return withActiveTables(this.sql, TRANSPARENCY_LOG, (tables) =>
      checkStreamAgainstLog(this.sql, tables, streamId, events, signed),
    );
  }

  /** A consistency proof between two sizes of the tree (to defaults to the latest checkpoint's). */
  async consistency(from: number, to?: number): Promise<ConsistencyAnswer> {
    await this.prepare();
    const target = to ?? (await this.issueCheckpoint()).treeSize;
    return withActiveTables(this.sql, TRANSPARENCY_LOG, async (tables) => {
      const size = await treeSizeIn(this.sql, tables);
      if (target > size) throw new TreeSizeError('to', `must be at most ${size}, the size of the log`);
      if (from > target) throw new TreeSizeError('from', `must be at most to (${target})`);
      const store = sqlNodeStore(this.sql, tables);
      return {
        from,
        to: target,
        fromRootHash: toHex(await treeRoot(store, from)),
        toRootHash: toHex(await treeRoot(store, target)),
        proof: (await consistencyProof(store, from, target)).map(toHex),
        fromCheckpoint: (await checkpointOfSize(this.sql, from)) ?? null,
        toCheckpoint: (await checkpointOfSize(this.sql, target)) ?? null,
      };
    });
  }

  /**
   * The keys that verify this service's checkpoints: the current one and the retired ones, whose
   * public halves the service holds in KEYS_DIR/signing. Never taken from transparency_keys:
   * anyone who can write the database could add a key there and sign what they like with it.
   * The table only lends a key it already trusts its firstUsedAt.
   */
  async keys(): Promise<PublishedKey[]> {
    await this.prepare();
    const firstUsed = new Map((await signingKeysUsed(this.sql)).map((key) => [key.keyId, key] as const));
    const firstUsedAt = (entry: PublishedKey) => {
      const stored = firstUsed.get(entry.keyId);
      // A row naming a trusted key id with another public key is not that key's history.
      return stored && stored.publicKey === entry.publicKey ? stored.firstUsedAt : null;
    };
    const published = new Map<string, PublishedKey>();
    for (const key of this.pastKeys) {
      const entry = publishedKeyOf(key, null, false);
      published.set(entry.keyId, publishedKeyOf(key, firstUsedAt(entry), false));
    }
    const current = publishedKeyOf(createPublicKey(this.signingKey), null, true);
    published.set(current.keyId, publishedKeyOf(createPublicKey(this.signingKey), firstUsedAt(current), true));
    return [...published.values()];
  }

  /**
   * The evidence pack of one stream: a checkpoint of the tree now (which must hold every event
   * given — the caller waits for the projection first), every leaf of the stream with its
   * inclusion proof, and consistency proofs from the sizes asked for.
   */
  async evidence(request: EvidenceRequest): Promise<EvidencePack> {
    const checkpoint = await this.issueCheckpoint();
    for (const from of request.consistencyFrom) {
      if (from > checkpoint.treeSize)
        throw new TreeSizeError('consistencyFrom', `must be at most ${checkpoint.treeSize}, the size of the log`);
    }
    const keys = await this.keys();
    return withActiveTables(this.sql, TRANSPARENCY_LOG, async (tables) =>
      buildEvidencePack({
        complaintId: request.complaintId,
        streamId: request.streamId,
        generatedAt: this.now().toISOString(),
        checkpoint,
        keys,
        events: request.events,
        leaves: await leavesOfStream(this.sql, tables, request.streamId, checkpoint.treeSize),
        consistencyFrom: request.consistencyFrom,
        chronology: request.chronology,
        tree: sqlNodeStore(this.sql, tables),
      }),
    );
  }
}
