import type { EventDefinition, PersonalPath } from './define-event';

/** What a personal field reads as once its data subject's key has been destroyed. */
export const ERASED = '[erased]' as const;

/**
 * Visit every value a personal path points at, replacing it with `fn(value)`; returns a copy.
 * Missing fields and missing array elements are skipped (optional personal fields are common).
 * Used by the store to encrypt/decrypt and by panel views to strip personal data.
 */
export function mapPersonalFields(
  data: unknown,
  paths: readonly PersonalPath[],
  fn: (value: unknown, path: PersonalPath) => unknown,
): unknown {
  let result = structuredClone(data);
  for (const path of paths) {
    result = mapPath(result, path.split('.'), (v) => fn(v, path));
  }
  return result;
}

function mapPath(node: unknown, segments: string[], fn: (value: unknown) => unknown): unknown {
  if (segments.length === 0) return node === undefined ? undefined : fn(node);
  if (node === null || typeof node !== 'object') return node;
  const [head, ...rest] = segments as [string, ...string[]];
  const isArray = head.endsWith('[]');
  const key = isArray ? head.slice(0, -2) : head;
  const record = node as Record<string, unknown>;
  if (!(key in record) || record[key] === undefined) return node;
  if (isArray) {
    const items = record[key];
    if (!Array.isArray(items)) return node;
    record[key] = items.map((item) => (rest.length === 0 ? fn(item) : mapPath(item, rest, fn)));
  } else {
    record[key] = mapPath(record[key], rest, fn);
  }
  return node;
}

/** Remove every personal field (for panel views and anonymised exports). */
export function stripPersonalFields(data: unknown, paths: readonly PersonalPath[]): unknown {
  return mapPersonalFields(data, paths, () => ERASED);
}

/**
 * Every path of a stored version that reads as ERASED once its data subject's key is destroyed:
 * the personal fields it encrypted, and those it holds in clear because it was written before
 * they were classified (EventDefinition.personalInClear).
 */
export function erasedPathsOf(definition: EventDefinition): readonly PersonalPath[] {
  return definition.personalInClear ? [...definition.personal, ...definition.personalInClear] : definition.personal;
}
