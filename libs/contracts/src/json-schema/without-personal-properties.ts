import type { PersonalPath } from '../define-event';

/** A JSON Schema document or subschema, as plain data. */
export type JsonSchema = Record<string, unknown>;

/**
 * The JSON Schema of data as subscribers receive it: every property a personal path names is
 * removed from `properties` and `required` (the outbound form leaves those fields out, it does
 * not mask them). `a.b[].c` follows `properties.a`, then `properties.b.items`, then removes `c`;
 * `a[]` removes the array `a` itself, as the outbound form does. A path that names nothing in the
 * schema is an error: it means the `personal` list and the schema disagree, and a field that
 * should be withheld could be described (and sent) in the clear.
 */
export function withoutPersonalProperties(
  schema: JsonSchema,
  paths: readonly PersonalPath[],
  eventName: string,
): JsonSchema {
  const copy = structuredClone(schema);
  for (const path of paths) {
    if (!removeFrom(copy, path.split('.'))) {
      throw new Error(`${eventName}: personal path "${path}" does not name a property of its schema`);
    }
  }
  return copy;
}

function removeFrom(schema: JsonSchema, segments: readonly string[]): boolean {
  // An optional or nullable object is a union in JSON Schema: the property lives in each branch.
  const branches = (['anyOf', 'oneOf', 'allOf'] as const).flatMap((k) =>
    Array.isArray(schema[k]) ? (schema[k] as JsonSchema[]) : [],
  );
  if (branches.length > 0) {
    let removed = false;
    for (const branch of branches) removed = removeFrom(branch, segments) || removed;
    return removed;
  }
  const [head, ...rest] = segments as [string, ...string[]];
  const isArray = head.endsWith('[]');
  const key = isArray ? head.slice(0, -2) : head;
  const properties = schema['properties'] as Record<string, JsonSchema> | undefined;
  const property = properties?.[key];
  if (!properties || !property) return false;
  if (rest.length === 0) {
    delete properties[key];
    if (Array.isArray(schema['required'])) {
      schema['required'] = (schema['required'] as string[]).filter((name) => name !== key);
      if ((schema['required'] as string[]).length === 0) delete schema['required'];
    }
    return true;
  }
  if (!isArray) return removeFrom(property, rest);
  const items = property['items'];
  return typeof items === 'object' && items !== null && removeFrom(items as JsonSchema, rest);
}
