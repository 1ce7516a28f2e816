import type { Role } from '@complaints/contracts';

/** A JSON Schema node of the OpenAPI document (3.0 dialect, as zod writes it). */
export interface SchemaNode {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  items?: SchemaNode;
  properties?: Record<string, SchemaNode>;
  required?: string[];
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  allOf?: SchemaNode[];
  $ref?: string;
  nullable?: boolean;
  default?: unknown;
  example?: unknown;
}

export interface Parameter {
  name: string;
  required: boolean;
  schema: SchemaNode;
  example?: unknown;
}

/** One operation of the API as its OpenAPI document describes it. */
export interface Route {
  method: string;
  /** OpenAPI template, e.g. /api/v1/complaints/{id}/contacts */
  template: string;
  roles: readonly Role[];
  pathParams: Parameter[];
  queryParams: Parameter[];
  body?: { schema: SchemaNode; example?: unknown };
}

interface OpenApiOperation {
  'x-roles'?: Role[];
  parameters?: { name: string; in: string; required?: boolean; schema?: SchemaNode; example?: unknown }[];
  requestBody?: {
    content?: Record<
      string,
      { schema?: SchemaNode; examples?: Record<string, { value?: unknown }>; example?: unknown }
    >;
  };
}

/**
 * Every operation of the document at /api/docs-json: the fuzz suite covers each new route the
 * day it is added, with its parameters and body schema, without anyone listing it here.
 */
export function routesOf(document: {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, SchemaNode> };
}): Route[] {
  const routes: Route[] = [];
  // Bodies are named components: follow the reference (their own schemas are written inline).
  const resolved = (schema: SchemaNode): SchemaNode =>
    schema.$ref ? (document.components?.schemas?.[schema.$ref.replace('#/components/schemas/', '')] ?? schema) : schema;
  for (const [template, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const parameters = operation.parameters ?? [];
      const param = (p: (typeof parameters)[number]): Parameter => ({
        name: p.name,
        required: p.required === true,
        schema: p.schema ?? { type: 'string' },
        ...(p.example !== undefined ? { example: p.example } : {}),
      });
      // Path parameters are in the template whether or not the document lists them.
      const inTemplate = [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string);
      const pathParams = inTemplate.map((name) => {
        const listed = parameters.find((p) => p.in === 'path' && p.name === name);
        return listed ? param(listed) : { name, required: true, schema: { type: 'string' } };
      });
      const json = operation.requestBody?.content?.['application/json'];
      const example = json?.examples ? Object.values(json.examples)[0]?.value : json?.example;
      routes.push({
        method: method.toUpperCase(),
        template,
        roles: operation['x-roles'] ?? [],
        pathParams,
        queryParams: parameters.filter((p) => p.in === 'query').map(param),
        ...(json?.schema
          ? { body: { schema: resolved(json.schema), ...(example !== undefined ? { example } : {}) } }
          : {}),
      });
    }
  }
  return routes;
}
