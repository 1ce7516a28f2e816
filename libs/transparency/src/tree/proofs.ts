import { EMPTY_TREE_ROOT, nodeHash } from '../hashing/rfc9162';
import { consistencyPlan, inclusionPlan, nodeKey, perfectSubtrees, type LeafRange, type NodeId } from './subtrees';

/** Where the perfect-subtree hashes live (the read-model tables, or memory in tests). */
export interface PerfectNodeStore {
  /** The hashes of the given nodes; every one asked for must exist (the tree is at least that big). */
  readNodes(ids: readonly NodeId[]): Promise<ReadonlyMap<string, Uint8Array>>;
}

/** MTH(D[range]) from its perfect subtrees: the rightmost first, each folded in as the left child. */
export function rangeHash(range: LeafRange, nodes: ReadonlyMap<string, Uint8Array>): Uint8Array {
  const parts = perfectSubtrees(range).map((id) => {
    const hash = nodes.get(nodeKey(id));
    if (!hash) throw new Error(`node ${nodeKey(id)} is missing from the tree store`);
    return hash;
  });
  let hash = parts.pop();
  if (!hash) throw new RangeError(`empty range ${range.begin}..${range.end}`);
  while (parts.length > 0) hash = nodeHash(parts.pop() as Uint8Array, hash);
  return hash;
}

async function hashesOf(store: PerfectNodeStore, ranges: readonly LeafRange[]): Promise<Uint8Array[]> {
  const wanted = new Map<string, NodeId>();
  for (const range of ranges) for (const id of perfectSubtrees(range)) wanted.set(nodeKey(id), id);
  const nodes = wanted.size === 0 ? new Map<string, Uint8Array>() : await store.readNodes([...wanted.values()]);
  return ranges.map((range) => rangeHash(range, nodes));
}

/** The tree head (root hash) of the first `treeSize` leaves. */
export async function treeRoot(store: PerfectNodeStore, treeSize: number): Promise<Uint8Array> {
  if (treeSize === 0) return EMPTY_TREE_ROOT;
  const [root] = await hashesOf(store, [{ begin: 0, end: treeSize }]);
  return root as Uint8Array;
}

/** The inclusion proof of leaf `leafIndex` in the tree of `treeSize` (RFC 9162 §2.1.3.1). */
export function inclusionProof(store: PerfectNodeStore, leafIndex: number, treeSize: number): Promise<Uint8Array[]> {
  return hashesOf(store, inclusionPlan(leafIndex, treeSize));
}

/** The consistency proof from the tree of size `m` to the tree of size `n` (RFC 9162 §2.1.4.1). */
export function consistencyProof(store: PerfectNodeStore, m: number, n: number): Promise<Uint8Array[]> {
  return hashesOf(store, consistencyPlan(m, n));
}

/**
 * Append leaves to a tree of `treeSize`: every perfect node they complete (their own level-0
 * nodes included). `frontier` holds the perfect subtrees of the tree as it is
 * (`perfectSubtrees({begin: 0, end: treeSize})`): the only earlier nodes a new one can need.
 */
export function grow(
  treeSize: number,
  frontier: ReadonlyMap<string, Uint8Array>,
  leafHashes: readonly Uint8Array[],
): { id: NodeId; hash: Uint8Array }[] {
  const known = new Map(frontier);
  const created: { id: NodeId; hash: Uint8Array }[] = [];
  const add = (id: NodeId, hash: Uint8Array) => {
    known.set(nodeKey(id), hash);
    created.push({ id, hash });
  };
  leafHashes.forEach((leaf, i) => {
    const index = treeSize + i;
    add({ level: 0, index }, leaf);
    // Leaf `index` completes the node of each level l at which index + 1 is a multiple of 2^l.
    let level = 0;
    let right = leaf;
    let at = index;
    while (at % 2 === 1) {
      const left = known.get(nodeKey({ level, index: at - 1 }));
      if (!left)
        throw new Error(`node ${level}:${at - 1} is missing: the frontier given does not match a tree of ${treeSize}`);
      right = nodeHash(left, right);
      level++;
      at = (at - 1) / 2;
      add({ level, index: at }, right);
    }
  });
  return created;
}

/** A whole tree in memory: for tests, and for a verifier's own reference computations. */
export class MemoryTree implements PerfectNodeStore {
  private readonly nodes = new Map<string, Uint8Array>();
  private size = 0;

  get treeSize(): number {
    return this.size;
  }

  appendLeafHashes(leafHashes: readonly Uint8Array[]): void {
    const frontier = new Map(
      perfectSubtrees({ begin: 0, end: this.size }).map((id) => [
        nodeKey(id),
        this.nodes.get(nodeKey(id)) as Uint8Array,
      ]),
    );
    for (const { id, hash } of grow(this.size, frontier, leafHashes)) this.nodes.set(nodeKey(id), hash);
    this.size += leafHashes.length;
  }

  async readNodes(ids: readonly NodeId[]): Promise<ReadonlyMap<string, Uint8Array>> {
    const found = new Map<string, Uint8Array>();
    for (const id of ids) {
      const hash = this.nodes.get(nodeKey(id));
      if (!hash) throw new RangeError(`node ${nodeKey(id)} is not in a tree of ${this.size}`);
      found.set(nodeKey(id), hash);
    }
    return found;
  }
}
