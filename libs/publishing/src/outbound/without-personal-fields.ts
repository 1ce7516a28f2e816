import type { PersonalPath } from '@complaints/contracts';

/**
 * A copy of `data` with every field a personal path names removed (not masked): what leaves
 * the system for subscribers. Returns the paths that were present, so a message can say what
 * was withheld. `a.b[].c` removes `c` from every element of `a.b`.
 */
export function withoutPersonalFields(
  data: unknown,
  paths: readonly PersonalPath[],
): { data: unknown; withheld: PersonalPath[] } {
  const copy = structuredClone(data);
  const withheld: PersonalPath[] = [];
  for (const path of paths) {
    if (removePath(copy, path.split('.'))) withheld.push(path);
  }
  return { data: copy, withheld };
}

function removePath(node: unknown, segments: readonly string[]): boolean {
  if (node === null || typeof node !== 'object' || segments.length === 0) return false;
  const [head, ...rest] = segments as [string, ...string[]];
  const isArray = head.endsWith('[]');
  const key = isArray ? head.slice(0, -2) : head;
  const record = node as Record<string, unknown>;
  if (!(key in record) || record[key] === undefined) return false;
  if (rest.length === 0 && !isArray) {
    delete record[key];
    return true;
  }
  if (!isArray) return removePath(record[key], rest);
  const items = record[key];
  if (!Array.isArray(items)) return false;
  if (rest.length === 0) {
    // Every element is personal: the array goes.
    delete record[key];
    return true;
  }
  let removed = false;
  for (const item of items) removed = removePath(item, rest) || removed;
  return removed;
}
