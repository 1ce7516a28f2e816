import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiResponse } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
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

/** The request body of a route, from its zod schema, with a worked example. */
export function ZodBody(schema: z.ZodType, example?: unknown, description?: string) {
  return ApiBody({
    schema: openApiSchemaOf(schema),
    required: false,
    ...(description ? { description } : {}),
    ...(example !== undefined ? { examples: { example: { value: example } } } : {}),
  });
}

/** A JSON success response described by a zod schema. */
export function ZodResponse(status: number, description: string, schema: z.ZodType, example?: unknown) {
  return ApiResponse({
    status,
    description,
    schema: openApiSchemaOf(schema, 'output'),
    ...(example !== undefined ? { example } : {}),
  });
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
};

/** Problem responses a route can give; the document builder attaches the problem schema to each. */
export function ProblemResponses(...statuses: number[]) {
  return applyDecorators(
    ...statuses.map((status) => ApiResponse({ status, description: PROBLEM_DESCRIPTIONS[status] ?? 'Problem' })),
  );
}
