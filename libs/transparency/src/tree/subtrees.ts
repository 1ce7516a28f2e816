/**
 * Which stored hashes a tree head or proof is made of.
 *
 * Only PERFECT subtrees are stored: node (level, index) covers the 2^level leaves from
 * index·2^level. Every subtree that RFC 9162's definitions hash — MTH(D[a:b]) in a tree head,
 * an inclusion path or a consistency proof — is either one of them or the right edge of the
 * tree, which is a few of them side by side, hashed right to left. So any root or proof for any
 * tree size needs O(log n) stored nodes and no recomputation over the leaves.
 */
export interface NodeId {
  level: number;
  index: number;
}

/** Leaves [begin, end): the subtree MTH(D[begin:end]) of RFC 9162. */
export interface LeafRange {
  begin: number;
  end: number;
}

export function nodeKey(id: NodeId): string {
  return `${id.level}:${id.index}`;
}

/** The largest power of two smaller than n (n ≥ 2): RFC 9162's split point k. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * [begin, end) as maximal perfect subtrees, left to right. For the ranges RFC 9162 hashes (begin
 * a multiple of the largest power of two not above end − begin) these are the binary digits of
 * end − begin from the largest down.
 */
export function perfectSubtrees(range: LeafRange): NodeId[] {
  const nodes: NodeId[] = [];
  let begin = range.begin;
  while (begin < range.end) {
    let level = 0;
    while (begin % 2 ** (level + 1) === 0 && begin + 2 ** (level + 1) <= range.end) level++;
    nodes.push({ level, index: begin / 2 ** level });
    begin += 2 ** level;
  }
  return nodes;
}

/** The subtrees of an inclusion proof (RFC 9162 §2.1.3.1, PATH(m, D[n])), nearest the leaf first. */
export function inclusionPlan(leafIndex: number, treeSize: number): LeafRange[] {
  assertSize(treeSize);
  if (!Number.isSafeInteger(leafIndex) || leafIndex < 0 || leafIndex >= treeSize) {
    throw new RangeError(`leaf index ${leafIndex} is not in a tree of ${treeSize}`);
  }
  const siblings: LeafRange[] = [];
  let begin = 0;
  let end = treeSize;
  while (end - begin > 1) {
    const k = splitPoint(end - begin);
    if (leafIndex < begin + k) {
      siblings.push({ begin: begin + k, end });
      end = begin + k;
    } else {
      siblings.push({ begin, end: begin + k });
      begin += k;
    }
  }
  // The recursion appends on the way back up: the innermost sibling comes first.
  return siblings.reverse();
}

/** The subtrees of a consistency proof between sizes m and n (RFC 9162 §2.1.4.1, PROOF(m, D[n])); empty when m is 0 or m = n. */
export function consistencyPlan(m: number, n: number): LeafRange[] {
  assertSize(m);
  assertSize(n);
  if (m > n) throw new RangeError(`a tree of ${m} cannot be extended to ${n}`);
  if (m === 0 || m === n) return [];
  const outer: LeafRange[] = [];
  let begin = 0;
  let end = n;
  let size = m;
  let complete = true;
  for (;;) {
    const span = end - begin;
    if (size === span) {
      if (!complete) outer.push({ begin, end });
      break;
    }
    const k = splitPoint(span);
    if (size <= k) {
      outer.push({ begin: begin + k, end });
      end = begin + k;
    } else {
      outer.push({ begin, end: begin + k });
      begin += k;
      size -= k;
      complete = false;
    }
  }
  return outer.reverse();
}

function assertSize(size: number): void {
  if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`not a tree size: ${size}`);
}
