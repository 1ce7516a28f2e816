import { z } from 'zod';
import type { Checkpoint, PublishedKey } from '../checkpoint/checkpoint';
import type { LogLeaf } from '../hashing/log-leaf';

/**
 * The evidence pack of one complaint (GET /api/v1/complaints/{id}/evidence; docs/integrity.md,
 * "Evidence pack"): everything an auditor needs to check the case offline, with no access to the
 * service or its database. Events are as stored — personal fields still encrypted — because the
 * hashes cover the stored bytes; nothing in the pack is decrypted personal data.
 */
export const EVIDENCE_PACK_FORMAT = 'complaints-evidence-pack/v1';

/** An event exactly as the store holds it (the fields its hash-chain hash covers, and the chain links). */
export interface StoredEventJson {
  streamId: string;
  revision: number;
  eventId: string;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: Record<string, unknown>;
  recordedAt: string;
  hash: string;
  previousHash: string;
  /** The store's global position, decimal (a 64-bit number): informative, outside every hash. */
  globalPosition: string;
}

/** A leaf of the log that belongs to the pack's stream, with its inclusion proof against the pack's checkpoint. */
export interface LoggedLeaf extends LogLeaf {
  leafIndex: number;
  /** RFC 9162 §2.1.3.1 audit path, nearest the leaf first, hex. */
  inclusionProof: string[];
}

/** A consistency proof between two tree sizes (RFC 9162 §2.1.4.1), hex. */
export interface ConsistencyEvidence {
  from: number;
  to: number;
  proof: string[];
}

export interface EvidencePack {
  format: typeof EVIDENCE_PACK_FORMAT;
  complaintId: string;
  streamId: string;
  generatedAt: string;
  /** The signed checkpoint every inclusion proof leads to. */
  checkpoint: Checkpoint;
  /** Every key the service has signed with (current and past), to check this and earlier checkpoints. */
  keys: PublishedKey[];
  /** The stream's events as stored, in revision order. */
  events: StoredEventJson[];
  /** The service's own check of the hash chain (the verifier recomputes it). */
  chain: { valid: boolean; eventsChecked: number; headHash: string };
  /** Every leaf of the log, up to the checkpoint, that belongs to this stream. */
  log: LoggedLeaf[];
  /** Proofs that the checkpoint extends earlier tree sizes the caller asked for (?consistencyFrom=). */
  consistency: ConsistencyEvidence[];
  /** The chronology as a reader without the keys sees it: personal fields withheld. */
  chronology: unknown[];
}

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex digits');
const size = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

export const CheckpointSchema = z.object({
  treeSize: size,
  rootHash: hex64,
  issuedAt: z.string(),
  keyId: hex64,
  signature: z.string(),
});

export const PublishedKeySchema = z.object({
  keyId: hex64,
  algorithm: z.literal('Ed25519'),
  publicKey: z.string(),
  publicKeyPem: z.string().optional(),
  firstUsedAt: z.string().nullable().optional(),
  current: z.boolean().optional(),
});

export const ConsistencySchema = z.object({ from: size, to: size, proof: z.array(hex64) });

const StoredEventSchema = z.object({
  streamId: z.string(),
  revision: z.number().int().positive(),
  eventId: z.string(),
  type: z.string(),
  schemaVersion: z.number().int(),
  data: z.unknown(),
  metadata: z.record(z.string(), z.unknown()),
  recordedAt: z.string(),
  hash: hex64,
  previousHash: hex64,
  globalPosition: z.string().regex(/^\d+$/),
});

const LoggedLeafSchema = z.object({
  streamId: z.string(),
  revision: z.number().int().positive(),
  eventId: z.string(),
  hash: hex64,
  leafIndex: size,
  inclusionProof: z.array(hex64),
});

export const EvidencePackSchema = z.object({
  format: z.literal(EVIDENCE_PACK_FORMAT),
  complaintId: z.string(),
  streamId: z.string(),
  generatedAt: z.string(),
  checkpoint: CheckpointSchema,
  keys: z.array(PublishedKeySchema),
  events: z.array(StoredEventSchema),
  chain: z.object({ valid: z.boolean(), eventsChecked: z.number(), headHash: z.string() }).passthrough(),
  log: z.array(LoggedLeafSchema),
  consistency: z.array(ConsistencySchema),
  chronology: z.array(z.unknown()),
});

/** The first problems zod found, as `path: message` (for a verifier's one-line reason). */
export function schemaProblems(error: z.ZodError, prefix: string): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${[prefix, ...issue.path.map(String)].join('.')}: ${issue.message}`)
    .join('; ');
}
