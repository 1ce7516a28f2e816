import { HASH_BYTES, nodeHash } from '../hashing/rfc9162';

/**
 * The verification algorithms of RFC 9162, step by step as the RFC writes them (§2.1.3.2 and
 * §2.1.4.2), so an auditor can compare them line by line. Sizes are JavaScript numbers
 * (exact to 2^53); halving uses division, not `>>`, which would wrap at 2^31.
 */
const half = (n: number) => Math.floor(n / 2);
const odd = (n: number) => n % 2 === 1;

function isPowerOfTwo(n: number): boolean {
  let m = n;
  while (m > 1 && m % 2 === 0) m /= 2;
  return m === 1;
}

function sameHash(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === HASH_BYTES && b.length === HASH_BYTES && Buffer.from(a).equals(Buffer.from(b));
}

/** RFC 9162 §2.1.3.2: does `proof` show the leaf with `leafHash` at `leafIndex` in the tree of `treeSize` with `rootHash`? */
export function verifyInclusion(
  leafIndex: number,
  treeSize: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
  rootHash: Uint8Array,
): boolean {
  if (!Number.isSafeInteger(leafIndex) || !Number.isSafeInteger(treeSize) || leafIndex < 0 || leafIndex >= treeSize)
    return false;
  if (leafHash.length !== HASH_BYTES || proof.some((p) => p.length !== HASH_BYTES)) return false;
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r: Uint8Array = leafHash;
  for (const p of proof) {
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      r = nodeHash(p, r);
      if (!odd(fn)) {
        while (!odd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && sameHash(r, rootHash);
}

/** RFC 9162 §2.1.4.2: does `proof` show that the tree of `firstSize` with `firstHash` is a prefix of the tree of `secondSize` with `secondHash`? */
export function verifyConsistency(
  firstSize: number,
  secondSize: number,
  firstHash: Uint8Array,
  secondHash: Uint8Array,
  proof: readonly Uint8Array[],
): boolean {
  if (!Number.isSafeInteger(firstSize) || !Number.isSafeInteger(secondSize) || firstSize < 0 || firstSize > secondSize)
    return false;
  if (proof.some((p) => p.length !== HASH_BYTES)) return false;
  // Every tree extends the empty one; a tree is consistent with itself only if it is the same tree.
  if (firstSize === 0) return proof.length === 0;
  if (firstSize === secondSize) return proof.length === 0 && sameHash(firstHash, secondHash);
  if (proof.length === 0) return false;
  const path: Uint8Array[] = [...proof];
  // 2. If first is an exact power of 2, prepend first_hash to the path.
  if (isPowerOfTwo(firstSize)) path.unshift(firstHash);
  let fn = firstSize - 1;
  let sn = secondSize - 1;
  while (odd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0] as Uint8Array;
  let sr = path[0] as Uint8Array;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (!odd(fn)) {
        while (!odd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && sameHash(fr, firstHash) && sameHash(sr, secondHash);
}
