import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiQuery, ApiResponse } from '@nestjs/swagger';
import type { ReferenceObject, SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { z } from 'zod';
import { withoutRedundantPatterns } from '@complaints/contracts';

/**
 * OpenAPI from the zod schemas themselves (zod 4's native z.toJSONSchema, OpenAPI 3.0 dialect):
 * the documented request bodies ARE the validators, so the two cannot drift apart.
 */
export function openApiSchemaOf(schema: z.ZodType, io: 'input' | 'output' = 'input'): SchemaObject {
  const json = z.toJSONSchema(schema, { target: 'openapi-3.0', io, unrepresentable: 'any' }) as Record<string, unknown>;
  delete json['$schema'];
  return withoutRedundantPatterns(json) as SchemaObject;
}

/** Component names given to response schemas (named once, where they are defined). */
const componentNames = new WeakMap<z.ZodType, string>();

/** Names a response schema: the document lists it once under components.schemas and refers to it. */
export function named<T extends z.ZodType>(name: string, schema: T): T {
  componentNames.set(schema, name);
  return schema;
}

/**
 * Every schema a route refers to by name. Rendered only when the document is built (document.ts
 * puts them under components.schemas), not as the controllers load: a $ref needs only the name.
 */
const components = new Map<string, { schema: z.ZodType; io: 'input' | 'output' }>();

export function namedComponents(): Record<string, SchemaObject> {
  return Object.fromEntries(
    [...components]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, { schema, io }]) => [name, openApiSchemaOf(schema, io)]),
  );
}

/** A reference to the component `name`; one name never stands for two shapes (checked as the controllers load). */
export function componentRef(name: string, schema: z.ZodType, io: 'input' | 'output'): ReferenceObject {
  const known = components.get(name);
  if (
    known &&
    (known.schema !== schema || known.io !== io) &&
    JSON.stringify(openApiSchemaOf(known.schema, known.io)) !== JSON.stringify(openApiSchemaOf(schema, io))
  )
    throw new Error(`Two different schemas are named ${name} in the OpenAPI document`);
  if (!known) components.set(name, { schema, io });
  return { $ref: `#/components/schemas/${name}` };
}

/** The reference of a response's schema, which must have been given a name with named(). */
function namedRef(status: number, description: string, schema: z.ZodType): ReferenceObject {
  const name = componentNames.get(schema);
  if (!name) throw new Error(`The ${status} response "${description}" needs a schema given a name with named()`);
  return componentRef(name, schema, 'output');
}

/** The request body of a route, from its zod schema, as the component `name`, with a worked example. */
export function ZodBody(name: string, schema: z.ZodType, example?: unknown, description?: string) {
  return ApiBody({
    schema: componentRef(name, schema, 'input'),
    required: false,
    ...(description ? { description } : {}),
    ...(example !== undefined ? { examples: { example: { value: example } } } : {}),
  });
}

/** What the zod schema of a query cannot say about a parameter: a description, an example. */
type QueryDoc = string | { description?: string; example?: unknown };

/**
 * The query parameters of a route, from the zod object the route parses its query with: their
 * names, types and whether they are required come from it, so the two cannot drift apart.
 * Keys the route fills from its path (`{ ...query, year }`) are left out.
 */
export function ZodQuery<T extends z.ZodObject>(
  schema: T,
  docs: Partial<Record<keyof T['shape'], QueryDoc>> = {},
  fromPath: readonly (keyof T['shape'])[] = [],
) {
  const shape = schema.shape as Record<string, z.ZodType>;
  return applyDecorators(
    ...Object.entries(shape)
      .filter(([name]) => !fromPath.includes(name))
      .map(([name, property]) => {
        const doc: QueryDoc | undefined = (docs as Record<string, QueryDoc | undefined>)[name];
        const { description, example } =
          typeof doc === 'string' ? { description: doc, example: undefined } : (doc ?? {});
        const rendered = openApiSchemaOf(property);
        return ApiQuery({
          name,
          required: !property.safeParse(undefined).success,
          // Nest keeps a parameter's example only inside its schema.
          schema: example !== undefined ? { ...rendered, example } : rendered,
          ...(description ? { description } : {}),
        });
      }),
  );
}

/** A JSON success response described by a zod schema given a component name with named(). */
export function ZodResponse(status: number, description: string, schema: z.ZodType, example?: unknown) {
  return ApiResponse({
    status,
    description,
    schema: namedRef(status, description, schema),
    ...(example !== undefined ? { example } : {}),
  });
}

/**
 * A success response in one or more media types (JSON beside CSV, PDF, HTML, an event stream):
 * a named zod schema for the JSON, a plain schema (BINARY, TEXT) for the others.
 */
export function MediaResponse(
  status: number,
  description: string,
  mediaTypes: Record<string, z.ZodType | SchemaObject>,
) {
  const schemaOf = (schema: z.ZodType | SchemaObject) =>
    schema instanceof z.ZodType ? namedRef(status, description, schema) : schema;
  return ApiResponse({
    status,
    description,
    content: Object.fromEntries(
      Object.entries(mediaTypes).map(([type, schema]) => [type, { schema: schemaOf(schema) }]),
    ),
  });
}

/** A file's bytes, in any media type. */
export const BINARY: SchemaObject = { type: 'string', format: 'binary' };
/** Text: CSV, HTML, the Prometheus format, an event stream. */
export const TEXT: SchemaObject = { type: 'string' };

/** The content of an answer served in each of `types` (the route's own list): JSON as `json`, text as text, the rest as bytes. */
export function mediaTypesOf(types: readonly string[], json?: z.ZodType): Record<string, z.ZodType | SchemaObject> {
  return Object.fromEntries(
    types.map((type) => {
      if (type !== 'application/json') return [type, type.startsWith('text/') ? TEXT : BINARY];
      if (!json) throw new Error('A JSON answer needs its schema');
      return [type, json];
    }),
  );
}

const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input: `errors` lists every invalid field (application/problem+json)',
  401: 'Missing or invalid bearer token',
  403: 'The token has none of the roles this route allows',
  404: 'No such complaint',
  406: 'None of the accepted media types can be produced',
  409: 'A rule of the complaints process forbids this now; `rule` names it, nothing was recorded',
  412: 'If-Match names a revision that is no longer current',
  413: 'Request body larger than 256 kB',
  415: 'The body is not application/json',
  422: 'Idempotency-Key reused with a different request',
  500: 'An unexpected error; the correlationId finds it in the log',
  503: 'A dependency (the event store, the read models) is unavailable or has not caught up; Retry-After says when to try again',
};

/** Problem responses a route can give; the document builder attaches the problem schema to each. */
export function ProblemResponses(...statuses: number[]) {
  return applyDecorators(
    ...statuses.map((status) => ApiResponse({ status, description: PROBLEM_DESCRIPTIONS[status] ?? 'Problem' })),
  );
}

export { PROBLEM_DESCRIPTIONS };
