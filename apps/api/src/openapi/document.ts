import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { complaintRules, feedbackRules } from '@complaints/domain';
import { PROBLEM_CONTENT_TYPE } from '../http/problem';
import { ProblemSchema } from './response-schemas';
import { openApiSchemaOf } from './zod-openapi';

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
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  return withProblemResponses(document);
}

interface Operation {
  description?: string;
  responses?: Record<string, { content?: unknown }>;
  'x-roles'?: string[];
}

/** Every 4xx/5xx response is a problem document: say so once, in one schema. */
function withProblemResponses(document: OpenAPIObject): OpenAPIObject {
  document.components = document.components ?? {};
  document.components.schemas = {
    ...(document.components.schemas ?? {}),
    Problem: openApiSchemaOf(ProblemSchema, 'output'),
  };
  for (const operations of Object.values(document.paths)) {
    for (const operation of Object.values(operations) as Operation[]) {
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        if (Number(status) >= 400)
          response.content = { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/Problem' } } };
      }
      // Swagger UI does not show extensions: repeat the roles where a reader will see them.
      const roles = operation['x-roles'];
      if (roles) {
        const who = roles.length ? `Roles: ${roles.map((r) => `\`${r}\``).join(', ')}.` : 'No token needed.';
        operation.description = operation.description ? `${operation.description}\n\n${who}` : who;
      }
    }
  }
  return document;
}
