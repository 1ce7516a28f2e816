import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  consistencyProof,
  inclusionProof,
  leafHash,
  MemoryTree,
  nodeHash,
  splitPoint,
  toHex,
  treeRoot,
  verifyConsistency,
  verifyInclusion,
} from '../src';

/** RFC 9162 §2.1.1's MTH, written straight from the definition over the leaves: the reference the stored-node tree must agree with. */
function referenceRoot(leaves: readonly Uint8Array[]): Uint8Array {
  if (leaves.length === 1) return leafHash(leaves[0]!);
  const k = splitPoint(leaves.length);
  return nodeHash(referenceRoot(leaves.slice(0, k)), referenceRoot(leaves.slice(k)));
}

const leavesOf = (n: number) => Array.from({ length: n }, (_, i) => Buffer.from(`leaf ${i}`));

function grownInBatches(leaves: readonly Uint8Array[], batches: readonly number[]): MemoryTree {
  const tree = new MemoryTree();
  let at = 0;
  for (const batch of batches) {
    if (at >= leaves.length) break;
    tree.appendLeafHashes(leaves.slice(at, at + batch).map((leaf) => leafHash(leaf)));
    at += batch;
  }
  tree.appendLeafHashes(leaves.slice(at).map((leaf) => leafHash(leaf)));
  return tree;
}

function flipBit(hashes: readonly Uint8Array[], which: number, bit: number): Buffer[] {
  return hashes.map((hash, i) => {
    const copy = Buffer.from(hash);
    if (i === which) copy[bit >> 3] = (copy[bit >> 3] as number) ^ (1 << (bit & 7));
    return copy;
  });
}

describe('proofs over stored perfect subtrees (property tests)', () => {
  it('the root of every size equals the RFC definition, however the tree was grown in batches', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 300 }),
        fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 12 }),
        async (n, batches) => {
          const leaves = leavesOf(n);
          const tree = grownInBatches(leaves, batches);
          for (const size of new Set([1, Math.ceil(n / 3), n - 1, n].filter((s) => s >= 1))) {
            expect(toHex(await treeRoot(tree, size))).toBe(toHex(referenceRoot(leaves.slice(0, size))));
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('every inclusion proof verifies, and fails with any one bit flipped or for another leaf', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .integer({ min: 1, max: 500 })
          .chain((size) =>
            fc.tuple(
              fc.constant(size),
              fc.integer({ min: 0, max: size - 1 }),
              fc.nat(),
              fc.integer({ min: 0, max: 255 }),
            ),
          ),
        async ([size, index, which, bit]) => {
          const leaves = leavesOf(size);
          const tree = grownInBatches(leaves, [7, 1, 30]);
          const root = await treeRoot(tree, size);
          const proof = await inclusionProof(tree, index, size);
          const leaf = leafHash(leaves[index]!);
          expect(verifyInclusion(index, size, leaf, proof, root)).toBe(true);
          if (proof.length > 0)
            expect(verifyInclusion(index, size, leaf, flipBit(proof, which % proof.length, bit), root)).toBe(false);
          expect(verifyInclusion(index, size, flipBit([leaf], 0, bit)[0]!, proof, root)).toBe(false);
          expect(verifyInclusion(index, size, leaf, proof, flipBit([root], 0, bit)[0]!)).toBe(false);
          if (size > 1) expect(verifyInclusion((index + 1) % size, size, leaf, proof, root)).toBe(false);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('every consistency proof between two sizes verifies, and fails with any one bit flipped', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .integer({ min: 1, max: 500 })
          .chain((n) =>
            fc.tuple(fc.integer({ min: 1, max: n }), fc.constant(n), fc.nat(), fc.integer({ min: 0, max: 255 })),
          ),
        async ([m, n, which, bit]) => {
          const tree = grownInBatches(leavesOf(n), [3, 64]);
          const first = await treeRoot(tree, m);
          const second = await treeRoot(tree, n);
          const proof = await consistencyProof(tree, m, n);
          expect(verifyConsistency(m, n, first, second, proof)).toBe(true);
          if (proof.length > 0) {
            expect(verifyConsistency(m, n, first, second, flipBit(proof, which % proof.length, bit))).toBe(false);
            expect(verifyConsistency(m, n, flipBit([first], 0, bit)[0]!, second, proof)).toBe(false);
            expect(verifyConsistency(m, n, first, flipBit([second], 0, bit)[0]!, proof)).toBe(false);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('a tree whose history differs (one leaf changed) is not consistent with the original', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .integer({ min: 2, max: 200 })
          .chain((n) => fc.tuple(fc.integer({ min: 1, max: n - 1 }), fc.constant(n)))
          .chain(([m, n]) => fc.tuple(fc.constant(m), fc.constant(n), fc.integer({ min: 0, max: m - 1 }))),
        async ([m, n, changed]) => {
          const original = leavesOf(n);
          const forked = original.map((leaf, i) => (i === changed ? Buffer.from('rewritten') : leaf));
          const honest = grownInBatches(original, []);
          const rewritten = grownInBatches(forked, []);
          const proof = await consistencyProof(rewritten, m, n);
          expect(verifyConsistency(m, n, await treeRoot(honest, m), await treeRoot(rewritten, n), proof)).toBe(false);
        },
      ),
      { numRuns: 80 },
    );
  });
});
