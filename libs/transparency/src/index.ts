/**
 * @complaints/transparency — the store-wide transparency log's pure part (docs/integrity.md):
 * RFC 9162 hashing, tree heads, inclusion and consistency proofs over stored perfect subtrees,
 * signed checkpoints (Ed25519), evidence packs and their offline verification. No Nest, no
 * database: the read model that stores the tree lives in @complaints/projections.
 */
export * from './hashing/rfc9162';
export * from './hashing/log-leaf';
export * from './tree/subtrees';
export * from './tree/proofs';
export * from './tree/verify-proofs';
export * from './checkpoint/checkpoint';
export * from './evidence/evidence-pack';
export * from './evidence/build-evidence';
export * from './evidence/verify-evidence';
export * from './cli/verify-cli';
