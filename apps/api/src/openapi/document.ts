import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { complaintRules, feedbackRules } from '@complaints/domain';
import { PROBLEM_CONTENT_TYPE } from '../http/problem';
import { ProblemSchema } from './response-schemas';
import { componentRef, namedComponents, PROBLEM_DESCRIPTIONS } from './zod-openapi';

const DESCRIPTION = `Event-sourced complaints handling for social landlords, following the Housing Ombudsman's
Complaint Handling Code (2024) and reporting the Tenant Satisfaction Measures CH01/CH02.

**Authentication**: \`Authorization: Bearer <JWT>\` with claims \`sub\`, \`name\`, \`roles\`. Each operation lists
the roles it allows under \`x-roles\`. In development, \`npm start\` prints a token per role and
\`npm run token -- --role auditor\` prints another.

**Errors** are \`application/problem+json\` (RFC 9457): \`type\`, \`title\`, \`status\`, \`detail\`, \`correlationId\`;
400s list every invalid field in \`errors\`; 409s name the rule in \`rule\` (the rules are listed below).

**Concurrency**: every write answers with an \`ETag\` of the complaint's revision; send it back in \`If-Match\`
to act only on the revision you read (412 otherwise).

**Read-your-writes**: every write answers with the global \`position\` it reached. Lists, dashboards, reports and
panel views are answered from read models that follow the event log; send \`?waitForPosition=<position>\` (or the
\`X-Wait-For-Position\` header) on a read to have it answered only once they include that write, waiting at most
\`waitMs\` (default 5000, at most 10000); if they have not caught up by then the answer is 503 with \`Retry-After\`.

**Subscribers** (Kafka or the event feed): the AsyncAPI document of the topic is at \`/api/docs/asyncapi.json\`;
the JSON Schema (2020-12) of every published event version at \`/api/schemas/events/{type}/v{n}\` (index:
\`/api/schemas/events\`), as delivered: personal fields are left out of every event that leaves the service.

**Rules of the complaints process** (409 \`rule\` values):
${Object.values(complaintRules)
  .map((rule) => `- \`${rule.id}\`: ${rule.message}`)
  .join('\n')}

**Rules of feedback** (compliments, comments, concerns resolved at first contact, service requests; 409 \`rule\` values):
${Object.values(feedbackRules)
  .map((rule) => `- \`${rule.id}\`: ${rule.message}`)
  .join('\n')}`;

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Complaints API')
    .setDescription(DESCRIPTION)
    .setVersion('1')
    .addServer('/', 'This server')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', description: 'The static METRICS_TOKEN Prometheus sends (not a user token)' },
      'metricsToken',
    )
    .build();
  const document = SwaggerModule.createDocument(app, config);
  componentRef('Problem', ProblemSchema, 'output');
  document.components = document.components ?? {};
  document.components.schemas = { ...(document.components.schemas ?? {}), ...namedComponents() };
  return withProblemResponses(withSecurity(document));
}

interface Operation {
  description?: string;
  parameters?: { in?: string }[];
  requestBody?: unknown;
  responses?: Record<string, { description?: string; content?: unknown }>;
  security?: Record<string, string[]>[];
  'x-roles'?: string[];
}

function operationsOf(document: OpenAPIObject): Operation[] {
  return Object.values(document.paths).flatMap((operations) => Object.values(operations) as Operation[]);
}

/**
 * x-roles (from @Roles and @Public) says who may call: no roles, no token (security: []), unless
 * the route names its own scheme (@ApiSecurity: /metrics takes METRICS_TOKEN).
 */
function withSecurity(document: OpenAPIObject): OpenAPIObject {
  for (const operation of operationsOf(document)) {
    const roles = operation['x-roles'] ?? [];
    const ownScheme = Boolean(operation.security?.length);
    if (!ownScheme) operation.security = roles.length ? [{ bearer: [] }] : [];
    // Swagger UI does not show extensions: repeat the roles where a reader will see them.
    const who = roles.length
      ? `Roles: ${roles.map((r) => `\`${r}\``).join(', ')}.`
      : ownScheme
        ? 'No user token: the credential its security scheme names.'
        : 'No token needed.';
    operation.description = operation.description ? `${operation.description}\n\n${who}` : who;
  }
  return document;
}

/**
 * Every 4xx/5xx response is a problem document: say so once, in one schema. Beside the problems a
 * route names, the ones any route can give: 400 where it takes input, 401/403 where it needs a
 * token, 404 where a path names something, 500, and 503 (the store or the read models not there).
 */
const ANY_ROUTE_PROBLEMS: Record<number, string> = {
  ...PROBLEM_DESCRIPTIONS,
  404: 'Nothing found for the path (an unknown id, reference, year or name)',
};

function withProblemResponses(document: OpenAPIObject): OpenAPIObject {
  for (const operation of operationsOf(document)) {
    const responses = (operation.responses = operation.responses ?? {});
    const statuses = [500, 503];
    if (operation.requestBody || operation.parameters?.some((p) => p.in === 'query')) statuses.push(400);
    if (operation.security?.length) statuses.push(401, 403);
    if (operation.parameters?.some((p) => p.in === 'path')) statuses.push(404);
    for (const status of statuses) responses[status] = responses[status] ?? { description: ANY_ROUTE_PROBLEMS[status] };
    for (const [status, response] of Object.entries(responses)) {
      if (Number(status) >= 400)
        response.content = { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/Problem' } } };
    }
  }
  return document;
}
