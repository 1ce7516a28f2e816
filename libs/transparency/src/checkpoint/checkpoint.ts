import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

/**
 * A signed checkpoint: the log's tree head at a size, signed with the service's Ed25519 key
 * (api.md: `{ treeSize, rootHash, issuedAt, keyId, signature }`). What is signed is a short
 * text, not JSON, so an auditor's tool can rebuild the bytes without a canonicaliser
 * (docs/integrity.md, "Checkpoints"):
 *
 *   complaints-transparency-log/checkpoint/v1\n
 *   <treeSize in decimal>\n
 *   <rootHash, 64 lower-case hex digits>\n
 *   <issuedAt, ISO-8601 UTC with milliseconds>\n
 *   <keyId>\n
 */
export interface Checkpoint {
  treeSize: number;
  rootHash: string;
  issuedAt: string;
  keyId: string;
  /** Ed25519 signature of checkpointSignedBytes, base64 (RFC 4648 §4, padded). */
  signature: string;
}

export type UnsignedCheckpoint = Omit<Checkpoint, 'signature'>;

/** A public key as GET /api/v1/integrity/keys publishes it. */
export interface PublishedKey {
  keyId: string;
  algorithm: 'Ed25519';
  /** The raw 32-byte Ed25519 public key (RFC 8032), base64. */
  publicKey: string;
  /** The same key as a PEM SubjectPublicKeyInfo, for tools that want one (openssl pkey -pubin). */
  publicKeyPem: string;
  /** When this service first signed with it. */
  firstUsedAt: string | null;
  /** The key checkpoints are signed with now; earlier keys stay published so old checkpoints verify. */
  current: boolean;
}

export const CHECKPOINT_HEADER = 'complaints-transparency-log/checkpoint/v1';

const ISO_UTC_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const HEX_HASH = /^[0-9a-f]{64}$/;

export function checkpointSignedBytes(checkpoint: UnsignedCheckpoint): Buffer {
  const problem = unsignedCheckpointProblem(checkpoint);
  if (problem) throw new RangeError(problem);
  return Buffer.from(
    `${CHECKPOINT_HEADER}\n${checkpoint.treeSize}\n${checkpoint.rootHash}\n${checkpoint.issuedAt}\n${checkpoint.keyId}\n`,
    'utf8',
  );
}

/** Why these fields cannot be a checkpoint, or undefined. */
export function unsignedCheckpointProblem(checkpoint: UnsignedCheckpoint): string | undefined {
  if (!Number.isSafeInteger(checkpoint.treeSize) || checkpoint.treeSize < 0)
    return `treeSize must be a whole number ≥ 0, got ${String(checkpoint.treeSize)}`;
  if (typeof checkpoint.rootHash !== 'string' || !HEX_HASH.test(checkpoint.rootHash))
    return 'rootHash must be 64 lower-case hex digits';
  if (typeof checkpoint.issuedAt !== 'string' || !ISO_UTC_MS.test(checkpoint.issuedAt))
    return 'issuedAt must be an ISO-8601 UTC instant with milliseconds';
  if (typeof checkpoint.keyId !== 'string' || !HEX_HASH.test(checkpoint.keyId))
    return 'keyId must be 64 lower-case hex digits';
  return undefined;
}

/** The raw 32 bytes of an Ed25519 public key. */
export function rawPublicKey(key: KeyObject): Buffer {
  const jwk = key.export({ format: 'jwk' });
  if (jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') throw new RangeError('not an Ed25519 key');
  return Buffer.from(jwk.x, 'base64url');
}

/** Key id: SHA-256 of the raw 32-byte public key, lower-case hex (docs/integrity.md, "Keys"). */
export function keyIdOf(rawKey: Uint8Array): string {
  return createHash('sha256').update(rawKey).digest('hex');
}

/** An Ed25519 public key from its raw 32 bytes (base64), or undefined when it is not one. */
export function publicKeyFromRaw(base64: string): KeyObject | undefined {
  const raw = Buffer.from(base64, 'base64');
  if (raw.length !== 32 || raw.toString('base64') !== base64) return undefined;
  try {
    return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
  } catch {
    return undefined;
  }
}

/** The published form of a key (given its public or its private half). */
export function publishedKeyOf(key: KeyObject, firstUsedAt: string | null, current: boolean): PublishedKey {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  const raw = rawPublicKey(publicKey);
  return {
    keyId: keyIdOf(raw),
    algorithm: 'Ed25519',
    publicKey: raw.toString('base64'),
    publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    firstUsedAt,
    current,
  };
}

/** Sign a tree head with an Ed25519 private key (its key id goes into the signed bytes). */
export function signCheckpoint(head: Omit<UnsignedCheckpoint, 'keyId'>, privateKey: KeyObject): Checkpoint {
  const keyId = keyIdOf(rawPublicKey(createPublicKey(privateKey)));
  const unsigned: UnsignedCheckpoint = {
    treeSize: head.treeSize,
    rootHash: head.rootHash,
    issuedAt: head.issuedAt,
    keyId,
  };
  return { ...unsigned, signature: sign(null, checkpointSignedBytes(unsigned), privateKey).toString('base64') };
}

/**
 * Why the checkpoint's signature does not hold under `rawKeyBase64`, or undefined when it does.
 * The key must be the one the key id names (its SHA-256), so a pack cannot swap in a key of its own
 * under a known id.
 */
export function checkpointSignatureProblem(checkpoint: Checkpoint, rawKeyBase64: string): string | undefined {
  const problem = unsignedCheckpointProblem(checkpoint);
  if (problem) return problem;
  const key = publicKeyFromRaw(rawKeyBase64);
  if (!key) return `the public key of ${checkpoint.keyId} is not a raw Ed25519 key in base64`;
  if (keyIdOf(Buffer.from(rawKeyBase64, 'base64')) !== checkpoint.keyId)
    return `the public key given for ${checkpoint.keyId} is not that key (its SHA-256 differs)`;
  const signature = Buffer.from(String(checkpoint.signature), 'base64');
  if (signature.length !== 64 || signature.toString('base64') !== checkpoint.signature)
    return 'the signature is not 64 bytes of base64';
  const unsigned: UnsignedCheckpoint = {
    treeSize: checkpoint.treeSize,
    rootHash: checkpoint.rootHash,
    issuedAt: checkpoint.issuedAt,
    keyId: checkpoint.keyId,
  };
  return verify(null, checkpointSignedBytes(unsigned), key, signature)
    ? undefined
    : `the signature does not verify under key ${checkpoint.keyId}`;
}
