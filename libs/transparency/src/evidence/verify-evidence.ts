import { verifyChain, type RecordedEvent } from '@complaints/event-store';
import type { EventMetadata } from '@complaints/contracts';
import {
  checkpointSignatureProblem,
  unsignedCheckpointProblem,
  type Checkpoint,
  type PublishedKey,
} from '../checkpoint/checkpoint';
import { logLeafHash } from '../hashing/log-leaf';
import { fromHex } from '../hashing/rfc9162';
import { verifyConsistency, verifyInclusion } from '../tree/verify-proofs';
import { compareWithEarlierPack, isEvidencePackLike } from './earlier-pack';
import {
  CheckpointSchema,
  ConsistencySchema,
  EvidencePackSchema,
  PublishedKeySchema,
  schemaProblems,
  type ConsistencyEvidence,
  type EvidencePack,
} from './evidence-pack';

/** What went wrong, by kind, so a caller (and a test) can tell a tampered event from a rolled-back store. */
export type EvidenceProblemKind =
  | 'malformed'
  | 'wrong-case'
  | 'unknown-key'
  | 'bad-signature'
  | 'tampered-event'
  | 'truncated-stream'
  | 'not-logged'
  | 'bad-inclusion-proof'
  | 'rolled-back'
  | 'forked'
  | 'no-consistency-proof';

export interface EvidenceProblem {
  kind: EvidenceProblemKind;
  message: string;
}

export interface EvidenceVerification {
  valid: boolean;
  problems: EvidenceProblem[];
  /** What was established, for the verifier's report. */
  facts: string[];
  /** Which case the pack is of, and how many of its events were checked (absent when the pack is not one). */
  subject?: { complaintId: string; streamId: string; reference?: string; events: number };
  /** What the pack carries that no proof covers, said so the reader does not take it as verified. */
  notCovered: string[];
}

export interface VerifyEvidenceOptions {
  /** An earlier checkpoint the auditor holds (or an earlier evidence pack, whose checkpoint is taken): the pack's log must extend it. */
  earlier?: unknown;
  /** A consistency proof fetched separately (GET /api/v1/integrity/consistency), used when the pack carries none for the earlier size. */
  consistency?: unknown;
  /** Keys the auditor already trusts (GET /api/v1/integrity/keys saved earlier): the pack's checkpoint must be signed by one of them. */
  trustedKeys?: unknown;
}

/**
 * Verify an evidence pack offline (docs/integrity.md, "Verifying a pack"):
 * 1. its checkpoint is signed by the key its id names (and, given trusted keys, one of them);
 * 2. the stream's hash chain recomputes from the stored events (nothing changed, removed,
 *    inserted or reordered within what the pack shows);
 * 3. every event is a leaf of the log under the checkpoint (inclusion proof), with the same hash
 *    (an event rewritten and re-chained after it was logged no longer matches its leaf);
 * 4. every leaf the log holds for the stream is among the events (else the stream was cut);
 * 5. given an earlier checkpoint: it is signed, not larger than the pack's (else the store was
 *    rolled back), and the pack's tree extends it (consistency proof; else history was forked).
 */
export function verifyEvidencePack(input: unknown, options: VerifyEvidenceOptions = {}): EvidenceVerification {
  const problems: EvidenceProblem[] = [];
  const facts: string[] = [];
  const parsed = EvidencePackSchema.safeParse(input);
  if (!parsed.success)
    return {
      valid: false,
      problems: [{ kind: 'malformed', message: `not an evidence pack: ${schemaProblems(parsed.error, 'pack')}` }],
      facts,
      notCovered: [],
    };
  const pack = parsed.data as EvidencePack;
  const { checkpoint } = pack;
  const root = fromHex(checkpoint.rootHash) as Buffer;

  const keys = new Map<string, PublishedKey>(pack.keys.map((key) => [key.keyId, key as PublishedKey]));
  const trusted = parseTrustedKeys(options.trustedKeys, problems);
  if (trusted) for (const key of trusted) keys.set(key.keyId, key);
  const beforeSignature = problems.length;
  checkSignature(checkpoint, keys, "the pack's checkpoint", problems);
  if (trusted && !trusted.some((key) => key.keyId === checkpoint.keyId)) {
    problems.push({
      kind: 'unknown-key',
      message: `the pack's checkpoint is signed by key ${checkpoint.keyId}, which is not among the keys you trust`,
    });
  }
  if (problems.length === beforeSignature)
    facts.push(
      `checkpoint: tree size ${checkpoint.treeSize}, root ${checkpoint.rootHash}, signed by key ${checkpoint.keyId} at ${checkpoint.issuedAt}`,
    );

  checkCase(pack, problems);
  checkChain(pack, problems, facts);
  checkLog(pack, root, problems, facts);
  if (options.earlier !== undefined) checkExtends(pack, keys, options, problems, facts);
  if (options.earlier !== undefined && isEvidencePackLike(options.earlier))
    compareWithEarlierPack(pack, options.earlier, problems, facts);
  return { valid: problems.length === 0, problems, facts, subject: subjectOf(pack), notCovered: notCoveredBy(pack) };
}

/** The case the pack names must be the stream its events are of, and a case always has its receipt. */
function checkCase(pack: EvidencePack, problems: EvidenceProblem[]): void {
  if (pack.streamId !== `complaint-${pack.complaintId}`) {
    problems.push({
      kind: 'wrong-case',
      message: `the pack says it is of complaint ${pack.complaintId} but its stream is ${pack.streamId} (a complaint's stream is complaint-<id>)`,
    });
  }
  if (pack.events.length === 0) {
    problems.push({
      kind: 'truncated-stream',
      message:
        'the pack holds no events: every complaint has at least the event of its receipt, so the stream was emptied or the pack cut',
    });
  }
}

function subjectOf(pack: EvidencePack): EvidenceVerification['subject'] {
  // The reference is the receipt's (revision 1), which is not personal data and travels in clear.
  const reference = (pack.events.find((event) => event.revision === 1)?.data as { reference?: unknown } | undefined)
    ?.reference;
  return {
    complaintId: pack.complaintId,
    streamId: pack.streamId,
    ...(typeof reference === 'string' ? { reference } : {}),
    events: pack.events.length,
  };
}

/**
 * The chronology is the service's rendering of the events (its wording lives in the Nest read
 * side): no hash and no signature covers it, and the verifier cannot re-derive it, so it says so.
 */
function notCoveredBy(pack: EvidencePack): string[] {
  return [
    `chronology (${pack.chronology.length} entries): a rendering of the events for reading, not covered by any hash or signature; rely on the events, not on it`,
  ];
}

function checkSignature(
  checkpoint: Checkpoint,
  keys: ReadonlyMap<string, PublishedKey>,
  what: string,
  problems: EvidenceProblem[],
): void {
  // A checkpoint whose fields are not in the signed form cannot be checked at all: say that, not "bad signature".
  const malformed = unsignedCheckpointProblem(checkpoint);
  if (malformed) {
    problems.push({ kind: 'malformed', message: `${what} is not a well-formed checkpoint: ${malformed}` });
    return;
  }
  const key = keys.get(checkpoint.keyId);
  if (!key) {
    problems.push({
      kind: 'unknown-key',
      message: `${what} is signed by key ${checkpoint.keyId}, which the pack does not publish`,
    });
    return;
  }
  const problem = checkpointSignatureProblem(checkpoint, key.publicKey);
  if (problem) problems.push({ kind: 'bad-signature', message: `${what} does not verify: ${problem}` });
}

function checkChain(pack: EvidencePack, problems: EvidenceProblem[], facts: string[]): void {
  const foreign = pack.events.find((event) => event.streamId !== pack.streamId);
  if (foreign) {
    problems.push({
      kind: 'tampered-event',
      message: `event ${foreign.eventId} belongs to stream ${foreign.streamId}, not ${pack.streamId}`,
    });
    return;
  }
  const records: RecordedEvent[] = pack.events.map((event) => ({
    ...event,
    metadata: event.metadata as unknown as EventMetadata,
    globalPosition: BigInt(event.globalPosition),
  }));
  const report = verifyChain(pack.streamId, records);
  if (!report.valid && report.problem) {
    problems.push({
      kind: 'tampered-event',
      message: `the hash chain breaks at revision ${report.problem.revision} (${report.problem.kind}): ${report.problem.detail}`,
    });
  } else {
    facts.push(`hash chain: ${report.eventsChecked} events recompute, head ${report.headHash}`);
  }
}

function checkLog(pack: EvidencePack, root: Buffer, problems: EvidenceProblem[], facts: string[]): void {
  const { checkpoint } = pack;
  const byRevision = new Map(pack.log.map((leaf) => [leaf.revision, leaf]));
  let proven = 0;
  for (const leaf of pack.log) {
    if (leaf.streamId !== pack.streamId) {
      problems.push({
        kind: 'malformed',
        message: `log leaf ${leaf.leafIndex} belongs to stream ${leaf.streamId}, not ${pack.streamId}`,
      });
      continue;
    }
    const proof = leaf.inclusionProof.map((hash) => fromHex(hash) as Buffer);
    if (!verifyInclusion(leaf.leafIndex, checkpoint.treeSize, logLeafHash(leaf), proof, root)) {
      problems.push({
        kind: 'bad-inclusion-proof',
        message: `the inclusion proof of revision ${leaf.revision} (leaf ${leaf.leafIndex}) does not lead to the checkpoint's root: it is not in the log as signed`,
      });
      continue;
    }
    proven++;
  }
  if (byRevision.size !== pack.log.length)
    problems.push({ kind: 'malformed', message: 'the log lists a revision of the stream twice' });

  const lastEvent = pack.events.at(-1)?.revision ?? 0;
  for (const event of pack.events) {
    const leaf = byRevision.get(event.revision);
    if (!leaf) {
      problems.push({
        kind: 'not-logged',
        message: `revision ${event.revision} (${event.type}) is not in the log under the checkpoint: the store holds an event the log never recorded`,
      });
    } else if (leaf.hash !== event.hash || leaf.eventId !== event.eventId) {
      problems.push({
        kind: 'tampered-event',
        message: `revision ${event.revision} differs from what the log recorded (leaf ${leaf.leafIndex}): the event was rewritten after it was logged`,
      });
    }
  }
  const cut = pack.log.filter((leaf) => leaf.revision > lastEvent).sort((a, b) => a.revision - b.revision);
  if (cut.length > 0) {
    problems.push({
      kind: 'truncated-stream',
      message: `the log holds revision${cut.length > 1 ? 's' : ''} ${cut.map((leaf) => leaf.revision).join(', ')} of the stream, but the pack's events end at revision ${lastEvent}: events were removed from the store`,
    });
  }
  facts.push(
    `log: ${proven} of ${pack.log.length} leaves of the stream proven included in the tree of ${checkpoint.treeSize}`,
  );
}

function checkExtends(
  pack: EvidencePack,
  keys: ReadonlyMap<string, PublishedKey>,
  options: VerifyEvidenceOptions,
  problems: EvidenceProblem[],
  facts: string[],
): void {
  const earlier = earlierCheckpointOf(options.earlier);
  if (typeof earlier === 'string') {
    problems.push({ kind: 'malformed', message: earlier });
    return;
  }
  const current = pack.checkpoint;
  checkSignature(earlier, keys, 'your earlier checkpoint', problems);
  if (earlier.treeSize > current.treeSize) {
    problems.push({
      kind: 'rolled-back',
      message: `your checkpoint is of a tree of ${earlier.treeSize} events but the pack's is of ${current.treeSize}: the store was rolled back (restored from an older copy, or history dropped)`,
    });
    return;
  }
  if (earlier.treeSize === current.treeSize) {
    if (earlier.rootHash !== current.rootHash) {
      problems.push({
        kind: 'forked',
        message: `your checkpoint and the pack's are both of ${current.treeSize} events but their roots differ: the history was rewritten (a fork)`,
      });
    } else {
      facts.push(`extends your checkpoint: same tree (${current.treeSize} events)`);
    }
    return;
  }
  const proof = consistencyFor(pack, earlier.treeSize, options.consistency, problems);
  if (!proof) return;
  const ok = verifyConsistency(
    earlier.treeSize,
    current.treeSize,
    fromHex(earlier.rootHash) as Buffer,
    fromHex(current.rootHash) as Buffer,
    proof.proof.map((hash) => fromHex(hash) as Buffer),
  );
  if (!ok) {
    problems.push({
      kind: 'forked',
      message: `the pack's log (${current.treeSize} events) does not extend your checkpoint (${earlier.treeSize} events, root ${earlier.rootHash}): the history you hold was rewritten`,
    });
  } else {
    facts.push(
      `extends your checkpoint: the tree of ${earlier.treeSize} is a prefix of the tree of ${current.treeSize} (consistency proof)`,
    );
  }
}

function earlierCheckpointOf(input: unknown): Checkpoint | string {
  // An earlier evidence pack counts as its checkpoint.
  const candidate =
    typeof input === 'object' && input !== null && 'checkpoint' in input
      ? (input as { checkpoint: unknown }).checkpoint
      : input;
  const parsed = CheckpointSchema.safeParse(candidate);
  return parsed.success
    ? parsed.data
    : `your earlier checkpoint is not a checkpoint: ${schemaProblems(parsed.error, 'checkpoint')}`;
}

function consistencyFor(
  pack: EvidencePack,
  from: number,
  separate: unknown,
  problems: EvidenceProblem[],
): ConsistencyEvidence | undefined {
  const to = pack.checkpoint.treeSize;
  const inPack = pack.consistency.find((proof) => proof.from === from && proof.to === to);
  if (inPack) return inPack;
  if (separate !== undefined) {
    const parsed = ConsistencySchema.safeParse(separate);
    if (!parsed.success) {
      problems.push({
        kind: 'malformed',
        message: `the consistency proof given is not one: ${schemaProblems(parsed.error, 'consistency')}`,
      });
      return undefined;
    }
    if (parsed.data.from === from && parsed.data.to === to) return parsed.data;
    problems.push({
      kind: 'no-consistency-proof',
      message: `the consistency proof given is from ${parsed.data.from} to ${parsed.data.to}, not from ${from} to ${to}`,
    });
    return undefined;
  }
  problems.push({
    kind: 'no-consistency-proof',
    message: `the pack carries no consistency proof from tree size ${from} to ${to}: fetch the pack with ?consistencyFrom=${from} (or pass --consistency with GET /api/v1/integrity/consistency?from=${from}&to=${to})`,
  });
  return undefined;
}

function parseTrustedKeys(input: unknown, problems: EvidenceProblem[]): PublishedKey[] | undefined {
  if (input === undefined) return undefined;
  const list =
    typeof input === 'object' && input !== null && 'keys' in input ? (input as { keys: unknown }).keys : input;
  const parsed = PublishedKeySchema.array().safeParse(list);
  if (!parsed.success) {
    problems.push({
      kind: 'malformed',
      message: `the trusted keys are not a key list: ${schemaProblems(parsed.error, 'keys')}`,
    });
    return undefined;
  }
  return parsed.data as PublishedKey[];
}
