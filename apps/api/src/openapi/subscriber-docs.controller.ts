import { Controller, Get, Header, Inject, Param } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  allEventVersions,
  buildAsyncApiDocument,
  currentVersionOf,
  DEFAULT_EVENTS_TOPIC,
  definitionOf,
  kafkaHeadersSchema,
  outboundEnvelopeSchema,
  publishedEventSchema,
} from '@complaints/contracts';
import { APP_CONFIG } from '../app/tokens';
import { Public } from '../auth/roles.decorator';
import type { AppConfig } from '../config/app-config';
import { ProblemException, problems } from '../http/problem';

const SCHEMA_CONTENT_TYPE = 'application/schema+json';
const SCHEMAS = '/api/schemas';

/**
 * What subscribers build against, served beside the OpenAPI document and public like it: the
 * AsyncAPI document of the topic and the JSON Schema of every event version ever published.
 * Generated from the contracts at each request; the compatibility test keeps the published
 * versions equal to their committed snapshots (libs/contracts/schemas). Like Swagger's own
 * routes, these are documentation, not operations of the API, so OpenAPI does not list them.
 */
@ApiExcludeController()
@Controller()
export class SubscriberDocsController {
  private readonly topic: string;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.topic = topicOf(config);
  }

  @Get('api/docs/asyncapi.json')
  @Public()
  asyncApi() {
    return buildAsyncApiDocument({ topic: this.topic, brokers: this.config.kafkaBrokers });
  }

  @Get('api/schemas/events')
  @Public()
  index() {
    return {
      events: allEventVersions.map((d) => ({
        type: d.type,
        schemaVersion: d.schemaVersion,
        current: currentVersionOf(d.type) === d.schemaVersion,
        description: d.description,
        personalDataWithheld: d.personal,
        url: `${SCHEMAS}/events/${d.type}/v${d.schemaVersion}`,
      })),
      envelope: `${SCHEMAS}/envelope/OutboundEvent/v1`,
      kafkaHeaders: `${SCHEMAS}/envelope/KafkaHeaders/v1`,
      asyncApi: '/api/docs/asyncapi.json',
    };
  }

  @Get('api/schemas/events/:type/:version')
  @Public()
  @Header('Content-Type', SCHEMA_CONTENT_TYPE)
  eventSchema(@Param('type') type: string, @Param('version') version: string) {
    const match = /^v([1-9]\d{0,3})$/.exec(version);
    const definition = match ? definitionOf(type, Number(match[1])) : undefined;
    if (!definition) {
      throw new ProblemException(
        problems.notFound(`No published schema for event ${type} ${version}: GET ${SCHEMAS}/events lists them.`),
      );
    }
    return publishedEventSchema(definition);
  }

  @Get('api/schemas/envelope/:name/v1')
  @Public()
  @Header('Content-Type', SCHEMA_CONTENT_TYPE)
  envelopeSchema(@Param('name') name: string) {
    if (name === 'OutboundEvent') return outboundEnvelopeSchema();
    if (name === 'KafkaHeaders') return kafkaHeadersSchema();
    throw new ProblemException(problems.notFound(`No envelope schema ${name}: OutboundEvent and KafkaHeaders exist.`));
  }
}

/**
 * KAFKA_TOPIC as the relay sees it: the shared settings (libs/runtime) parse it into
 * `kafka.topic`; the API's configuration may not carry them (yet), hence the relay's default.
 */
function topicOf(config: AppConfig): string {
  const kafka = (config as { kafka?: { topic?: unknown } }).kafka;
  return typeof kafka?.topic === 'string' ? kafka.topic : DEFAULT_EVENTS_TOPIC;
}
