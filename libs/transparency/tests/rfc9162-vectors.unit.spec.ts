import { describe, expect, it } from 'vitest';
import {
  consistencyProof,
  EMPTY_TREE_ROOT,
  inclusionProof,
  leafHash,
  MemoryTree,
  toHex,
  treeRoot,
  verifyConsistency,
  verifyInclusion,
} from '../src';

/**
 * The classic 8-leaf vectors of Certificate Transparency's reference test code (RFC 6962, carried
 * over unchanged into RFC 9162's hashing; published with the transparency-dev merkle package):
 * the leaves, the root of every size 1–8, and inclusion and consistency proofs. Source and
 * provenance: docs/integrity.md, "Test vectors".
 */
const LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map(
  (hex) => Buffer.from(hex, 'hex'),
);

const ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

/** Leaf index (0-based), tree size, audit path. */
const INCLUSION: [number, number, string[]][] = [
  [0, 1, []],
  [
    0,
    8,
    [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  ],
  [
    5,
    8,
    [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
  [2, 3, ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125']],
  [
    1,
    5,
    [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  ],
];

/** First size, second size, proof. */
const CONSISTENCY: [number, number, string[]][] = [
  [1, 1, []],
  [
    1,
    8,
    [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  ],
  [
    6,
    8,
    [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
  [
    2,
    5,
    [
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  ],
  [
    6,
    7,
    [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
];

const hex = (h: string) => Buffer.from(h, 'hex');

function treeOf(size: number): MemoryTree {
  const tree = new MemoryTree();
  tree.appendLeafHashes(LEAVES.slice(0, size).map((leaf) => leafHash(leaf)));
  return tree;
}

describe('RFC 9162 hashing against the CT test vectors', () => {
  it('the empty tree hashes to SHA-256 of nothing', async () => {
    expect(toHex(EMPTY_TREE_ROOT)).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(toHex(await treeRoot(new MemoryTree(), 0))).toBe(toHex(EMPTY_TREE_ROOT));
  });

  it.each(ROOTS.map((root, i) => [i + 1, root] as const))(
    'the tree of %i leaves has the published root',
    async (size, root) => {
      expect(toHex(await treeRoot(treeOf(8), size))).toBe(root);
      // The same from a tree grown to exactly that size (stored nodes of a smaller tree).
      expect(toHex(await treeRoot(treeOf(size), size))).toBe(root);
    },
  );

  it.each(INCLUSION)(
    'the inclusion proof of leaf %i in a tree of %i is the published one, and verifies',
    async (index, size, path) => {
      const proof = await inclusionProof(treeOf(8), index, size);
      expect(proof.map(toHex)).toEqual(path);
      expect(verifyInclusion(index, size, leafHash(LEAVES[index]!), path.map(hex), hex(ROOTS[size - 1]!))).toBe(true);
    },
  );

  it.each(CONSISTENCY)('the consistency proof from %i to %i is the published one, and verifies', async (m, n, path) => {
    const proof = await consistencyProof(treeOf(8), m, n);
    expect(proof.map(toHex)).toEqual(path);
    expect(verifyConsistency(m, n, hex(ROOTS[m - 1]!), hex(ROOTS[n - 1]!), path.map(hex))).toBe(true);
  });
});

describe('RFC 9162 verification refuses corrupted proofs (the probes of the CT test code)', () => {
  const someHash = hex('abacaba000000000000000000000000000000000000000000060061e00123456');

  it.each(INCLUSION.filter(([, , path]) => path.length > 0))(
    'inclusion of leaf %i in %i: wrong index, size, leaf, root, or a changed path fail',
    (index, size, path) => {
      const root = hex(ROOTS[size - 1]!);
      const leaf = leafHash(LEAVES[index]!);
      const proof = path.map(hex);
      const probes: [number, number, Uint8Array, Uint8Array[], Uint8Array][] = [
        [index - 1, size, leaf, proof, root],
        [index + 1, size, leaf, proof, root],
        [index ^ 2, size, leaf, proof, root],
        [index, size * 2, leaf, proof, root],
        [index, Math.floor(size / 2), leaf, proof, root],
        [index, size, leafHash(Buffer.from('WrongLeaf')), proof, root],
        [index, size, leaf, proof, EMPTY_TREE_ROOT],
        [index, size, leaf, proof, someHash],
        [index, size, leaf, [...proof, root], root],
        [index, size, leaf, [root, ...proof], root],
        [index, size, leaf, proof.slice(0, -1), root],
        ...proof.map((_, i): [number, number, Uint8Array, Uint8Array[], Uint8Array] => [
          index,
          size,
          leaf,
          proof.map((p, j) => (j === i ? flip(p, 0, 3) : p)),
          root,
        ]),
      ];
      for (const probe of probes) expect(verifyInclusion(...probe)).toBe(false);
    },
  );

  it.each(CONSISTENCY.filter(([, , path]) => path.length > 0))(
    'consistency %i → %i: wrong sizes, roots, or a changed path fail',
    (m, n, path) => {
      const root1 = hex(ROOTS[m - 1]!);
      const root2 = hex(ROOTS[n - 1]!);
      const proof = path.map(hex);
      const probes: [number, number, Uint8Array, Uint8Array, Uint8Array[]][] = [
        [m - 1, n, root1, root2, proof],
        [m + 1, n, root1, root2, proof],
        [m ^ 2, n, root1, root2, proof],
        [m, n * 2, root1, root2, proof],
        [m, Math.floor(n / 2), root1, root2, proof],
        [m, n, someHash, root2, proof],
        [m, n, root1, someHash, proof],
        [m, n, root2, root1, proof],
        [m, n, root1, root2, []],
        [m, n, root1, root2, [...proof, root1]],
        [m, n, root1, root2, [root2, ...proof]],
        [m, n, root1, root2, [proof[0]!, ...proof]],
        [m, n, root1, root2, proof.slice(0, -1)],
        ...proof.map((_, i): [number, number, Uint8Array, Uint8Array, Uint8Array[]] => [
          m,
          n,
          root1,
          root2,
          proof.map((p, j) => (j === i ? flip(p, 0, 4) : p)),
        ]),
      ];
      for (const probe of probes) expect(verifyConsistency(...probe)).toBe(false);
    },
  );

  it('trivial cases: every tree extends the empty one; a tree extends itself only with its own root and no proof', () => {
    const a = hex(ROOTS[0]!);
    const b = hex(ROOTS[1]!);
    expect(verifyConsistency(0, 0, a, a, [])).toBe(true);
    expect(verifyConsistency(0, 1, a, b, [])).toBe(true);
    expect(verifyConsistency(1, 1, b, b, [])).toBe(true);
    expect(verifyConsistency(1, 1, a, b, [])).toBe(false);
    expect(verifyConsistency(1, 0, a, b, [])).toBe(false);
    expect(verifyConsistency(1, 2, a, b, [])).toBe(false);
    expect(verifyConsistency(1, 1, EMPTY_TREE_ROOT, EMPTY_TREE_ROOT, [EMPTY_TREE_ROOT])).toBe(false);
    expect(verifyInclusion(0, 0, someHash, [], EMPTY_TREE_ROOT)).toBe(false);
    expect(verifyInclusion(2, 1, someHash, [], someHash)).toBe(false);
  });
});

function flip(bytes: Uint8Array, byte: number, bit: number): Buffer {
  const copy = Buffer.from(bytes);
  copy[byte] = (copy[byte] as number) ^ (1 << bit);
  return copy;
}
