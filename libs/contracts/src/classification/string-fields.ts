import type { z } from 'zod';

interface ZodNode {
  _zod: {
    def: {
      type: string;
      format?: string;
      shape?: Record<string, ZodNode>;
      innerType?: ZodNode;
      element?: ZodNode;
      options?: ZodNode[];
      in?: ZodNode;
    };
  };
}

/** String formats that are not text anyone types: moments and dates. */
const NOT_TEXT_FORMATS = new Set(['datetime', 'date', 'time', 'duration']);

/**
 * Every string field of a zod schema that can hold typed text, as a path like
 * 'orders[].description' (the notation of an event's `personal`). Enums and literals are not
 * strings here; dates and instants are left out; email addresses are in.
 */
export function stringFieldPaths(schema: z.ZodType): string[] {
  return walk(schema as unknown as ZodNode, '');
}

function walk(node: ZodNode, path: string): string[] {
  const def = node._zod.def;
  switch (def.type) {
    case 'string':
      return def.format !== undefined && NOT_TEXT_FORMATS.has(def.format) ? [] : [path];
    case 'object':
      return Object.entries(def.shape ?? {}).flatMap(([key, child]) =>
        walk(child, path === '' ? key : `${path}.${key}`),
      );
    case 'optional':
    case 'nullable':
    case 'default':
      return def.innerType ? walk(def.innerType, path) : [];
    case 'array':
      return def.element ? walk(def.element, `${path}[]`) : [];
    case 'union':
      return [...new Set((def.options ?? []).flatMap((option) => walk(option, path)))];
    case 'pipe':
      return def.in ? walk(def.in, path) : [];
    default:
      return [];
  }
}
