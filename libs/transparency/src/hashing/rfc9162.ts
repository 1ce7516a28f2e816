import { createHash } from 'node:crypto';

/**
 * RFC 9162 §2.1.1 hashing with SHA-256: a leaf is SHA-256(0x00 ‖ data), an interior node
 * SHA-256(0x01 ‖ left ‖ right). The two prefixes keep a leaf from ever passing for a node (the
 * second-preimage attack on plain Merkle trees). docs/integrity.md, "Hashing".
 */
export const HASH_BYTES = 32;

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

export function leafHash(data: Uint8Array): Buffer {
  return createHash('sha256').update(LEAF_PREFIX).update(data).digest();
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
}

/** The root of the empty tree: SHA-256 of nothing (RFC 9162 §2.1.1). */
export const EMPTY_TREE_ROOT: Buffer = createHash('sha256').digest();

/** Lower-case hex of 32 bytes, as every hash travels in JSON. */
export function toHex(hash: Uint8Array): string {
  return Buffer.from(hash).toString('hex');
}

/** The 32 bytes of a hash given as 64 hex digits; undefined for anything else. */
export function fromHex(text: unknown): Buffer | undefined {
  if (typeof text !== 'string' || !/^[0-9a-f]{64}$/.test(text)) return undefined;
  return Buffer.from(text, 'hex');
}
