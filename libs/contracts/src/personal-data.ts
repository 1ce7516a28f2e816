import type { EventDefinition, PersonalPath } from './define-event';

/** What a personal field reads as once its data subject's key has been destroyed. */
export const ERASED = '[erased]' as const;

/**
 * Visit every value a personal path points at, replacing it with `fn(value)`; returns a copy.
 * Missing fields and missing array elements are skipped (optional personal fields are common).
 * Used by the store to encrypt/decrypt and by panel views to strip personal data.
 *
 * Only the objects and arrays on the way to a replaced value are copied; the rest of the copy is
 * shared with `data` (every caller treats event data as immutable). The paths are parsed once per
 * list (compiledPaths: an event definition's list is frozen and lives as long as the process),
 * because the store walks every event it reads and writes with them.
 */
export function mapPersonalFields(
  data: unknown,
  paths: readonly PersonalPath[],
  fn: (value: unknown, path: PersonalPath) => unknown,
): unknown {
  let result = data;
  for (const compiled of compiledPaths(paths)) {
    result = mapSegments(result, compiled.segments, 0, (value) => fn(value, compiled.path));
  }
  return result;
}

/** The first of `paths` (in their order) that holds a value in `data`, without copying anything. */
export function firstPersonalPathIn(data: unknown, paths: readonly PersonalPath[]): PersonalPath | undefined {
  for (const compiled of compiledPaths(paths)) {
    if (holdsValue(data, compiled.segments, 0)) return compiled.path;
  }
  return undefined;
}

interface Segment {
  readonly key: string;
  /** `key[]`: every element of the array at `key`. */
  readonly each: boolean;
}

interface CompiledPath {
  readonly path: PersonalPath;
  readonly segments: readonly Segment[];
}

const compiled = new WeakMap<readonly PersonalPath[], readonly CompiledPath[]>();

function compiledPaths(paths: readonly PersonalPath[]): readonly CompiledPath[] {
  let found = compiled.get(paths);
  if (!found) {
    found = paths.map((path) => ({
      path,
      segments: path
        .split('.')
        .map((segment) =>
          segment.endsWith('[]') ? { key: segment.slice(0, -2), each: true } : { key: segment, each: false },
        ),
    }));
    compiled.set(paths, found);
  }
  return found;
}

/** The node with the value(s) at `segments[from..]` replaced, copying only what changes. */
function mapSegments(
  node: unknown,
  segments: readonly Segment[],
  from: number,
  fn: (value: unknown) => unknown,
): unknown {
  if (from === segments.length) return node === undefined ? undefined : fn(node);
  if (node === null || typeof node !== 'object') return node;
  const { key, each } = segments[from] as Segment;
  const record = node as Record<string, unknown>;
  if (!(key in record) || record[key] === undefined) return node;
  const child = record[key];
  let replaced: unknown;
  if (each) {
    if (!Array.isArray(child)) return node;
    const last = from + 1 === segments.length;
    replaced = child.map((item: unknown) => (last ? fn(item) : mapSegments(item, segments, from + 1, fn)));
  } else {
    replaced = mapSegments(child, segments, from + 1, fn);
    if (replaced === child) return node;
  }
  return Array.isArray(node) ? Object.assign([...node], { [key]: replaced }) : { ...record, [key]: replaced };
}

function holdsValue(node: unknown, segments: readonly Segment[], from: number): boolean {
  if (from === segments.length) return node !== undefined;
  if (node === null || typeof node !== 'object') return false;
  const { key, each } = segments[from] as Segment;
  const child = (node as Record<string, unknown>)[key];
  if (!(key in (node as object)) || child === undefined) return false;
  if (!each) return holdsValue(child, segments, from + 1);
  if (!Array.isArray(child)) return false;
  // Every element counts at the end of a path (the mapper visits each), even an undefined one.
  return from + 1 === segments.length
    ? child.length > 0
    : child.some((item: unknown) => holdsValue(item, segments, from + 1));
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
